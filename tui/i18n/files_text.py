"""Messages about the village file itself: who may read it, disk faults, an interrupted session."""

MESSAGES = {
    "files.world_readable": ("注意：本机所有账户都能读取村档案 {path}（含农户姓名和积分）。请执行 chmod o-rwx {path}；多人共用的设置见 docs/SHARED-OFFICE.md。", "Warning: every account on this machine can read the village file {path} (household names and points). Run chmod o-rwx {path}; docs/SHARED-OFFICE.md shows how to share it with other clerks."),
    "files.read_only": ("村档案 {path} 对您的账户只读：可以查看，但任何更改都保存不了。", "The village file {path} is read-only for your account: you can look, but no change can be saved."),
    "files.no_access": ("您的账户无权读取村档案 {path}。请管理员把您加入办公室的用户组（见 docs/SHARED-OFFICE.md）。", "Your account may not read the village file {path}. Ask the administrator to add you to the office's group (see docs/SHARED-OFFICE.md)."),
    "files.io_error": ("读写磁盘出错（U 盘被拔出，或磁盘有故障？），未做任何更改。", "The disk failed to read or write (a USB stick pulled out, or a failing disk?); nothing was changed."),
    "files.note.title": ("上次没有正常退出", "The last session did not end normally"),
    "files.note.ended.sighup": ("{when} 连接断开，程序随之结束，当时在“{task}”。", "At {when} the connection dropped and the app ended; it was in {task}."),
    "files.note.ended.sigterm": ("{when} 程序被强行结束，当时在“{task}”。", "At {when} the app was made to end; it was in {task}."),
    "files.note.dialog": ("打开的“{dialog}”窗口中填写的内容没有保存。", "What was typed in the open window \"{dialog}\" was not saved."),
    "files.note.basket": ("{card} {head} 未确认的兑换（{goods}）没有记入，请重新录入。", "The unconfirmed basket of {card} {head} ({goods}) was not recorded; enter it again."),
    "files.note.unsaved": ("“{tasks}”中未保存的修改已丢失。", "Unsaved changes in {tasks} were lost."),
    "files.note.unreadable": ("上次 jifen 没有正常退出，但它留下的记录看不懂（已删除）；确认过的都已记入。", "jifen did not end normally last time, but the note it left could not be read (it was removed); everything confirmed is in the file."),
    "files.note.nothing_lost": ("没有丢失未保存的工作；确认过的都已记入。", "No unsaved work was lost; everything confirmed is in the file."),
}
