"""Name data for the demo village: surnames, given names, staff, reasons.

Plain tuples, no logic: `store.demo` draws from them with a seeded random
generator. The given names are the ones rural families chose for each
generation: heads of household born in the 1940s-1980s (建国, 秀兰), their
children (海涛, 丽娟) and grandchildren (子涵, 欣怡).
"""

# Common surnames with rough weights from their real frequency in China
# (per mille of the population, rounded), so 王李张刘陈 dominate as they do.
SURNAMES = (
    ("王", 72), ("李", 71), ("张", 68), ("刘", 54), ("陈", 45), ("杨", 32), ("黄", 24),
    ("赵", 23), ("吴", 20), ("周", 19), ("徐", 15), ("孙", 15), ("马", 13), ("朱", 13),
    ("胡", 12), ("郭", 12), ("何", 11), ("高", 11), ("林", 10), ("罗", 10), ("郑", 9),
    ("梁", 9), ("谢", 7), ("宋", 7), ("唐", 6), ("许", 6), ("韩", 6), ("冯", 6), ("邓", 6),
    ("曹", 5), ("彭", 5), ("曾", 5), ("肖", 5), ("田", 5), ("董", 5), ("袁", 4), ("潘", 4),
    ("于", 4), ("蒋", 4), ("蔡", 4), ("余", 4), ("杜", 4), ("叶", 4), ("程", 4), ("苏", 3),
    ("魏", 3), ("吕", 3), ("丁", 3), ("任", 3), ("沈", 3), ("姚", 3), ("卢", 3), ("姜", 3),
    ("崔", 3), ("钟", 2), ("谭", 2), ("陆", 2), ("汪", 2), ("范", 2), ("金", 2), ("石", 2),
    ("廖", 2), ("贾", 2), ("夏", 2), ("韦", 2), ("付", 2), ("方", 2), ("白", 2), ("邹", 2),
    ("孟", 2), ("熊", 2), ("秦", 2), ("邱", 2), ("江", 2), ("尹", 2), ("薛", 2), ("闫", 2),
    ("段", 2), ("雷", 2), ("侯", 2), ("龙", 2), ("史", 2), ("陶", 1), ("黎", 1), ("贺", 1),
    ("顾", 1), ("毛", 1), ("郝", 1), ("龚", 1), ("邵", 1), ("万", 1), ("钱", 1), ("严", 1),
    ("单", 1), ("武", 1), ("戴", 1), ("莫", 1), ("孔", 1), ("向", 1), ("汤", 1),
)

# Villager groups grew out of natural hamlets, and a hamlet is often one
# clan: each group has a surname that heads a good share of its households.
GROUP_CLANS = ("王", "李", "张", "杨", "赵", "刘")

# One household of each: rare surnames, but every village roster has a few.
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "司徒", "皇甫")

# Heads of household and their spouses, born about 1940-1985.
ELDER_MALE_GIVEN = (
    "建国", "建军", "建华", "建平", "建设", "国强", "国庆", "国华", "国平", "志强", "志刚",
    "志明", "志勇", "德福", "德胜", "德明", "德旺", "福贵", "福生", "满仓", "铁柱", "宝山",
    "金山", "长江", "长生", "永刚", "永福", "卫东", "卫国", "红军", "向东", "抗美", "援朝",
    "学军", "学文", "小平", "解放", "胜利", "跃进", "新民", "振华", "海军", "春生", "秋生",
    "冬生", "根生", "富贵", "有才", "有福", "广才", "玉山", "玉林", "保国", "保平", "宏伟",
    "军民", "双喜", "来福", "天福", "占奎", "守仁", "尚武", "明亮", "继红", "忠信", "万成",
)
ELDER_FEMALE_GIVEN = (
    "秀兰", "秀英", "秀珍", "秀芳", "秀梅", "桂英", "桂兰", "桂芳", "桂珍", "玉梅", "玉兰",
    "玉珍", "玉英", "玉芬", "凤英", "凤兰", "凤琴", "淑珍", "淑芬", "淑华", "翠花", "翠兰",
    "翠英", "春梅", "春兰", "春花", "红梅", "红霞", "丽娟", "丽华", "兰英", "金花", "金凤",
    "银花", "菊花", "冬梅", "腊梅", "彩霞", "彩云", "巧云", "巧玲", "月娥", "月英", "素芳",
    "素珍", "美兰", "改霞", "引弟", "招弟", "粉琴", "爱莲", "香莲", "存英", "会芳",
)
# Single given names make the two-character names (王伟, 李芳) of every generation.
SINGLE_MALE_GIVEN = ("伟", "强", "军", "勇", "刚", "斌", "平", "明", "涛", "磊", "林", "峰",
                     "辉", "杰", "鹏", "浩", "亮", "龙", "波", "超")
SINGLE_FEMALE_GIVEN = ("芳", "霞", "琴", "萍", "英", "燕", "丽", "娟", "敏", "静", "红", "梅",
                       "兰", "艳", "玲", "华")

# Children of the heads, born about 1975-2005.
CHILD_MALE_GIVEN = ("海涛", "晓东", "小军", "建伟", "文斌", "俊杰", "志鹏", "宏亮", "晓明",
                    "国栋", "永强", "鹏飞", "海波", "小龙", "亚军", "少华", "伟", "磊", "涛", "斌")
CHILD_FEMALE_GIVEN = ("丽娟", "海燕", "晓燕", "丽丽", "婷婷", "小红", "晓丽", "春燕", "美玲",
                      "亚妮", "小芳", "娟娟", "静", "敏", "艳", "娜", "倩", "雪")

# Grandchildren, born about 2005-2022.
GRANDCHILD_MALE_GIVEN = ("浩然", "宇轩", "子轩", "俊熙", "博文", "梓豪", "一鸣", "皓宇",
                         "天佑", "睿", "辰", "诚")
GRANDCHILD_FEMALE_GIVEN = ("子涵", "梓涵", "欣怡", "雨桐", "梓萱", "思雨", "诗涵", "佳怡",
                           "一诺", "可馨", "悦", "彤")

# A few households of minority families who married or moved into the village:
# Uyghur-style names written with the middle dot, Tibetan and Yi names without.
# (name, sex)
MINORITY_HEADS = (
    ("阿不都·热合曼", "m"),
    ("古丽娜尔·艾买提", "f"),
    ("买买提·吐尔逊", "m"),
    ("阿依古丽·买买提", "f"),
    ("扎西顿珠", "m"),
    ("次仁卓玛", "f"),
    ("曲比阿果", "f"),
)

# The people who run the scheme. (name, role, title, group number or None, sex)
# Everyone but the first secretary, whom the county sends in, is a villager
# with a household in the roster. Liaisons are one per villager group.
STAFF = (
    ("王建国", "clerk", "管理员", 1, "m"),
    ("李秀兰", "supervisor", "监督员", 2, "f"),
    ("王德福", "liaison", "1组村组信息联络员", 1, "m"),
    ("李志刚", "liaison", "2组村组信息联络员", 2, "m"),
    ("张桂英", "liaison", "3组村组信息联络员", 3, "f"),
    ("杨满仓", "liaison", "4组村组信息联络员", 4, "m"),
    ("赵玉梅", "liaison", "5组村组信息联络员", 5, "f"),
    ("刘国庆", "liaison", "6组村组信息联络员", 6, "m"),
    ("张国强", "leader", "村党支部书记", 3, "m"),
    ("杨志明", "leader", "村委会主任", 4, "m"),
    ("陈宇", "leader", "驻村第一书记", None, "m"),
)

# Mobile prefixes of the three carriers (China Mobile, Unicom, Telecom).
MOBILE_PREFIXES = ("133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
                   "157", "158", "159", "180", "181", "182", "183", "186", "187", "188", "189")

# Causes of poverty as written on a registered-poor household's file (致贫原因).
POVERTY_CAUSES = ("因病", "因病", "因残", "缺劳力", "缺劳力", "缺技术", "因学", "缺资金")

OTHER_NOTES = ("军属", "常年在外务工，电话为子女手机", "五保户", "独居老人，邻居代为照看",
               "残疾人家庭")

# Why a household left the roster (store.roster.close_household's reason).
MOVED_REASONS = ("全家迁往西安市", "随子女迁居县城", "户口迁往外省", "在县城购房落户")
# A registered-poor household that moves away has usually been resettled.
RELOCATION_REASON = "易地扶贫搬迁至镇安置小区"
CLOSED_REASONS = ("户主病故，家中无其他成员", "户主去世，户口已注销", "户主长期入住镇敬老院")
MERGED_REASON = "老人随子女生活，两户合并"
