"""Messages of printed notices in general (store/notices.py, store/print_layout.py)."""

MESSAGES = {
    "notice.unknown_kind": ("没有叫“{kind}”的公示，可选：{kinds}。", "There is no notice called \"{kind}\"; choose one of {kinds}."),
    "notice.needs_household": ("{kind}要指明农户：--household 卡号。", "The {kind} needs a household: --household CARD."),
    "notice.needs_redemption": ("{kind}要指明兑换单：--redemption 单号。", "The {kind} needs a redemption: --redemption ID."),
    "notice.too_narrow": ("{kind}最窄 {narrowest} 列，{width} 列排不下。", "The {kind} needs at least {narrowest} columns, not {width}."),
}
