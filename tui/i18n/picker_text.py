"""Messages of the rubric picker."""

MESSAGES: dict[str, tuple[str, str]] = {
    "picker.title": ("选择评分条目：{rubric}", "Choose a rubric item: {rubric}"),
    "picker.search_label": ("查找", "Find"),
    "picker.placeholder": ("编号（5.3）、汉字或拼音首字母（xtll）",
                           "id (5.3), words or pinyin initials (xtll)"),
    "picker.col.id": ("编号", "Id"),
    "picker.col.name": ("条目", "Item"),
    "picker.col.points": ("分值", "Points"),
    "picker.col.unit": ("计分", "Counted"),
    "picker.category": ("第 {id} 类 {name}", "Category {id} {name}"),
    "picker.meeting_sets": ("由评议会定分（{low}~{high}）",
                            "points set by the meeting ({low}~{high})"),
    "picker.limit": ("每期最多 {count} 次", "at most {count} a period"),
    "picker.evidence": ("凭证：{evidence}", "evidence: {evidence}"),
    "picker.nothing": ("没有相符的条目", "No item matches"),
    "picker.learning_initials": ("正在准备拼音首字母查找，请稍候",
                                 "Getting pinyin initials ready, a moment"),
    "picker.keys": ("上下键、PgUp、PgDn 移动 · Enter 选定 · Esc 取消",
                    "Up, Down, PgUp, PgDn move · Enter choose · Esc cancel"),
}
