"""Messages of the command line: help, reports and confirmations."""

MESSAGES = {
    "cli.internal_error": ("程序内部出错，未做任何更改。详情已记录在 {log}", "jifen failed inside; nothing was changed. Details are in {log}"),
}
