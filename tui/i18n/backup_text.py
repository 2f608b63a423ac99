"""Messages of backups (store/backups.py, `jifen backup`, the app's daily backup)."""

MESSAGES = {
    "backup.onto_itself": ("不能把村档案备份到它自己（{path}）。", "A village cannot be backed up onto itself ({path})."),
    "backup.no_folder": ("文件夹 {path} 不存在。", "There is no folder {path}."),
    "backup.cannot_write": ("无法写入备份 {path}：{detail}", "Cannot write the backup {path}: {detail}"),
    "restore.other_village": ("{path} 是“{village}”的档案，不是本村“{current}”的。确实要换成它，请加 --force。", "{path} holds the village \"{village}\", not this one (\"{current}\"). Add --force to put it in place all the same."),
    "restore.damaged": ("{path} 已损坏（{detail}），不能用来恢复。", "{path} is damaged ({detail}) and cannot be restored."),
    "cli.restore.help": ("用备份恢复村档案：先检查备份，再把当前档案另存一份，然后换上备份", "restore the village from a backup: the backup is checked, the current file kept aside, then replaced"),
    "cli.restore.src": ("备份文件", "the backup file"),
    "cli.restore.force": ("备份是另一个村的也照样恢复", "restore even a backup of another village"),
    "cli.restore.done": ("已用 {source} 恢复 {path}；原档案另存为 {kept}", "Restored {path} from {source}; the file it replaced is kept as {kept}"),
    "cli.restore.done_new": ("已用 {source} 恢复 {path}", "Restored {path} from {source}"),
    "cli.backup.help": ("把村档案备份到一个文件或文件夹（经 SQLite 备份接口，运行中也完整）", "back the village up to a file or folder (through SQLite's backup API: whole even while in use)"),
    "cli.backup.dest": ("备份文件或文件夹", "the backup file, or a folder for it"),
    "cli.backup.done": ("已备份到 {path}", "Backed up to {path}"),
    "app.backup_failed": ("今天的自动备份没有成功：{reason}", "Today's automatic backup failed: {reason}"),
}
