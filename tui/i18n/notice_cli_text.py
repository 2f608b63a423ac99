"""Messages of `jifen notice`: printing any notice as plain text."""

MESSAGES = {
    "cli.notice.help": ("打印公示、告知单和报表（纯文本，可选宽度、编码、分页）", "print notices, slips and sheets as plain text (width, encoding, pages)"),
    # The kinds
    "cli.notice.board": ("积分公示榜：各户本期积分和余额（排名制下为得分、名次和可否兑换）", "the points board: each household's points this period and balance (score, rank and who may redeem under a ranked scheme)"),
    "cli.notice.redemptions": ("兑换公示：本期谁兑换了什么、多少分、谁代领", "the redemption disclosure: who redeemed what this period, the points, who collected on behalf"),
    "cli.notice.honours": ("年度表彰名单和全年排名", "the year's honours list and ranking"),
    "cli.notice.distribution": ("积分分布：各分数段的户数（分数段按本村办法）", "the points distribution: households per band (the bands from the policy)"),
    "cli.notice.settlement": ("季度结算单（给供货方）", "the quarter's settlement sheet (for the supplier)"),
    "cli.notice.donations": ("捐赠登记公示：捐赠人、物品、数量、来源", "the donations sheet: donor, goods, quantity, source"),
    "cli.notice.stock": ("库存报表：期初、入库、出库、报损、盘点、期末", "the stock report: opening, in, out, written off, counted, closing"),
    "cli.notice.review": ("评议结果公示：一次评议会的逐项评分和异议期", "a review's result notice: its awards item by item, with the objection window"),
    "cli.notice.slip": ("积分告知单：一户在一次评议会的评分和余额", "the points slip: one household's awards in a review, and its balance"),
    "cli.notice.passbook": ("积分存折：一户的逐笔明细和滚动余额", "the passbook: one household's entries with a running balance"),
    "cli.notice.collection": ("物品领取告知单：一张兑换单", "the collection slip of one redemption"),
    # Their options
    "cli.notice.period.board": ("期间，如 2026-11、2026Q4 或 2026（默认：最近一次评议会的期间）", "the period, e.g. 2026-11, 2026Q4 or 2026 (default: the latest review's)"),
    "cli.notice.period.redemptions": ("期间，如 2026-11、2026Q4 或 2026（默认：按本村评分节奏，今天所在的期间）", "the period, e.g. 2026-11, 2026Q4 or 2026 (default: the one holding today, in the village's scoring rhythm)"),
    "cli.notice.period.honours": ("年度，如 2026（默认：上一年）", "the year, e.g. 2026 (default: last year)"),
    "cli.notice.period.distribution": ("统计到该期间末，如 2026-11、2026Q4 或 2026（默认：到今天）", "count the balances at the end of this period, e.g. 2026-11, 2026Q4 or 2026 (default: today)"),
    "cli.notice.period.settlement": ("季度，如 2026Q4（默认：上一季度）", "the quarter, e.g. 2026Q4 (default: the last one)"),
    "cli.notice.period.donations": ("季度，如 2026Q4（默认：上一季度）", "the quarter, e.g. 2026Q4 (default: the last one)"),
    "cli.notice.period.stock": ("期间，如 2026-11、2026Q4 或 2026（默认：本季度，到今天）", "the period, e.g. 2026-11, 2026Q4 or 2026 (default: this quarter, up to today)"),
    "cli.notice.review_id": ("评议会编号（默认最近一次）", "the review's number (default: the latest)"),
    "cli.notice.household": ("农户卡号", "the household's card number"),
    "cli.notice.redemption": ("兑换单号（见 jifen redemption list）", "the redemption's number (see jifen redemption list)"),
    "cli.notice.width": ("每行宽度（列，{low}–{high}，默认 {default}；汉字占两列）", "the line width in columns ({low} to {high}, default {default}; a Chinese character takes two)"),
    "cli.notice.encoding": ("编码：utf-8（默认）、utf-8-sig（带 BOM，记事本和 WPS 认得）或 gb18030（老式中文打印机；“·”等符号按两列排）", "encoding: utf-8 (default), utf-8-sig (with a BOM, for Notepad and WPS) or gb18030 (old Chinese printers; \"·\" and such are laid out two columns wide)"),
    "cli.notice.crlf": ("行尾用 CR LF（Windows 记事本、部分打印机）", "end lines with CR LF (Windows Notepad, some printers)"),
    "cli.notice.pages": ("分页：每页重复标题，页脚“第 1 页 共 N 页”，页间换页符", "in pages: the title on each page, a \"page 1 of N\" footer, a form feed between pages"),
    "cli.notice.page_lines": ("每页行数（默认 {default}；给出即分页）", "lines per page (default {default}; implies --pages)"),
    "cli.notice.box": ("用制表符画表格线（默认 ASCII：许多中文打印机把制表符打成两列宽）", "draw the tables with box-drawing characters (default ASCII: many Chinese printers print them two columns wide)"),
    "cli.notice.output": ("保存到文件（不输出到屏幕）", "save to this file instead of printing it"),
    # What it says
    "cli.notice.saved": ("已保存到 {path}（{lines} 行，{encoding}）", "Saved to {path} ({lines} lines, {encoding})"),
    "cli.notice.bad_width": ("宽度 {width} 不行：须在 {low} 到 {high} 列之间。", "A width of {width} will not do: it must be {low} to {high} columns."),
    "cli.notice.bad_page_lines": ("每页 {lines} 行太少：这份标题占 {head} 行，每页至少要 {least} 行。", "{lines} lines a page is too few: this notice's title takes {head} lines, so a page needs at least {least}."),
}
