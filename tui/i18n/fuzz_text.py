"""Messages for bad input the fuzz tests found (tests/fuzz): each a file or word that
no clerk means, refused in words instead of an internal error."""

MESSAGES = {
    "cli.not_text": ("参数“{word}”中有无法识别的字节（显示为 ?）：请给文件重新命名后再试。", "The word \"{word}\" holds bytes that are not text (shown as ?): rename the file and try again."),
    "cli.file_error": ("无法使用文件 {path}：{detail}", "Cannot use the file {path}: {detail}"),
    "toml.number_too_long": ("{file} 中有位数太多的数（超过 4300 位），不是评分细则或积分办法。", "{file} holds a number of more than 4,300 digits: it is not a rubric or a policy."),
}
