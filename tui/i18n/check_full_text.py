"""Messages of `jifen check --full`."""

MESSAGES = {
    "cli.check.full": ("完整检查：连每个索引也逐条与表核对（大村要多花几十秒）",
                       "the whole integrity check: every index matched entry by entry against its table too (tens of seconds more on a big village)"),
}
