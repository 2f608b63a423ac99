"""The big village's love supermarket: 500 goods listed through the store.

A real county supplier's list: each kind of goods in a few brands and sizes
(福临门大米10斤装, 海天酱油500毫升), 450 in the goods area, and 50 donated kinds
in the donation area; a smaller village lists fewer (one item for ten households,
50 at least). Prices are points at 2 yuan a point (篇五); the supplier's
cost of a unit is a little under that.
"""

import random
from dataclasses import dataclass
from datetime import datetime

from store import goods
from store.actor import Actor
from store.demo_plan import backdated

GOODS_PER_HOUSEHOLD, FEWEST_GOODS, MOST_GOODS = 0.1, 50, 500
DONATED_SHARE = 0.1
YUAN_PER_POINT = 2
COST_SHARE = 0.9            # the supplier's cost of a unit, of what its points are worth
SIZE_FACTORS = (1, 1.8, 3.2, 7)

# (kind, unit, points of the smallest size, how often households reach for it, brands, sizes)
KINDS = (
    ("大米", "袋", 6, 6, ("福临门", "金龙鱼", "五常", "中粮"),
     ("5斤装", "10斤装", "20斤装", "50斤装")),
    ("面粉", "袋", 5, 5, ("五得利", "金沙河", "香雪", "陕富"),
     ("5斤装", "10斤装", "25斤装", "50斤装")),
    ("食用油", "桶", 15, 5, ("金龙鱼", "鲁花", "福临门", "长寿花"), ("1.8升", "2.5升", "5升")),
    ("挂面", "袋", 2, 4, ("陈克明", "金沙河", "博大", "想念"), ("500克", "1公斤", "2.5公斤")),
    ("鸡蛋", "盒", 3, 4, ("本地土", "正大", "德青源"), ("10枚", "20枚", "30枚")),
    ("酱油", "瓶", 2, 3, ("海天", "李锦记", "厨邦", "千禾"), ("500毫升", "1.28升", "1.9升")),
    ("醋", "瓶", 2, 3, ("山西老陈", "恒顺", "紫林", "岐山"), ("420毫升", "800毫升", "2.5升")),
    ("食盐", "袋", 1, 3, ("中盐", "雪天", "粤盐"), ("400克", "1公斤")),
    ("白糖", "袋", 2, 2, ("太古", "舒可曼", "中粮"), ("400克", "1公斤", "2.5公斤")),
    ("洗衣粉", "袋", 4, 3, ("雕牌", "立白", "奥妙", "汰渍"), ("508克", "1.7公斤", "3公斤")),
    ("洗衣液", "瓶", 6, 2, ("蓝月亮", "立白", "奥妙", "超能"), ("1公斤", "2公斤", "3公斤")),
    ("肥皂", "块", 1, 2, ("雕牌", "立白", "上海", "舒肤佳"), ("单块", "四连包")),
    ("香皂", "块", 2, 2, ("舒肤佳", "力士", "六神", "上海"), ("单块", "三连包")),
    ("牙膏", "支", 3, 2, ("高露洁", "云南白药", "中华", "黑人"), ("90克", "140克", "180克")),
    ("牙刷", "支", 1, 2, ("高露洁", "佳洁士", "中华", "舒客"), ("单支", "三支装")),
    ("毛巾", "条", 3, 1, ("洁丽雅", "金号", "三利"), ("小号", "中号", "浴巾")),
    ("卫生纸", "提", 4, 3, ("心相印", "清风", "维达", "洁柔"), ("10卷", "12卷", "27卷")),
    ("洗洁精", "瓶", 2, 2, ("白猫", "立白", "雕牌", "榄菊"), ("500克", "1.5公斤", "2公斤")),
    ("洗发水", "瓶", 8, 1, ("海飞丝", "飘柔", "潘婷", "清扬"), ("200毫升", "400毫升", "750毫升")),
    ("塑料盆", "个", 2, 1, ("茶花", "禧天龙", "佳佰"), ("小号", "中号", "大号")),
    ("拖把", "把", 5, 1, ("美丽雅", "妙洁", "茶花"), ("棉线", "胶棉", "旋转")),
    ("电池", "板", 2, 1, ("南孚", "双鹿", "光明"), ("5号4节", "7号4节", "1号2节")),
    ("手电筒", "个", 5, 1, ("雅格", "康铭", "神火"), ("小号", "充电式")),
    ("雨伞", "把", 6, 1, ("天堂", "红叶", "蕉下"), ("折叠", "长柄")),
    ("暖水瓶", "个", 10, 1, ("富光", "苏泊尔", "乐扣"), ("2升", "3.2升")),
    ("学生文具套装", "套", 6, 1, ("晨光", "得力", "真彩"), ("小学", "初中")),
    ("电饭锅", "台", 40, 1, ("美的", "苏泊尔", "九阳"), ("3升", "4升", "5升")),
    ("方便面", "袋", 1, 3, ("康师傅", "统一", "白象", "今麦郎"), ("单袋", "五连包", "整箱")),
    ("纯牛奶", "箱", 12, 2, ("伊利", "蒙牛", "光明"), ("12盒", "16盒", "24盒")),
    ("火腿肠", "袋", 2, 2, ("双汇", "金锣", "雨润"), ("单根", "十根装")),
    ("味精", "袋", 1, 1, ("莲花", "太太乐", "佳隆"), ("200克", "500克")),
    ("鸡精", "袋", 2, 1, ("太太乐", "家乐", "豪吉"), ("200克", "454克")),
    ("茶叶", "盒", 8, 1, ("吴裕泰", "张一元", "汉中仙毫"), ("100克", "250克")),
    ("饼干", "袋", 2, 1, ("奥利奥", "康师傅", "达利园"), ("小包", "大包")),
    ("蚊香", "盒", 2, 1, ("雷达", "榄菊", "枪手"), ("10盘", "40盘")),
    ("洗手液", "瓶", 3, 1, ("威露士", "滴露", "蓝月亮"), ("300毫升", "500毫升")),
    ("衣架", "包", 3, 1, ("佳佰", "禧天龙"), ("10个装", "20个装")),
    ("保鲜袋", "卷", 1, 1, ("妙洁", "美丽雅"), ("小号", "中号", "大号")),
    ("垃圾袋", "卷", 1, 1, ("妙洁", "美丽雅"), ("小号", "中号", "大号")),
    ("锅", "个", 20, 1, ("苏泊尔", "爱仕达", "炊大皇"), ("炒锅", "汤锅", "蒸锅")),
    ("菜刀", "把", 8, 1, ("张小泉", "十八子作", "王麻子"), ("切片刀", "斩骨刀")),
    ("碗", "套", 4, 1, ("景德镇", "康舒"), ("4只装", "10只装")),
    ("筷子", "包", 2, 1, ("双枪", "唐宗筷"), ("10双装", "20双装")),
    ("保温杯", "个", 10, 1, ("富光", "膳魔师", "象印"), ("350毫升", "500毫升")),
    ("床单", "条", 15, 1, ("罗莱", "富安娜", "水星"), ("单人", "双人")),
    ("被子", "床", 30, 1, ("罗莱", "富安娜", "水星"), ("夏被", "冬被")),
    ("枕头", "个", 8, 1, ("罗莱", "水星"), ("单只", "一对")),
    ("拖鞋", "双", 3, 1, ("回力", "际华"), ("男款", "女款")),
    ("胶鞋", "双", 8, 1, ("回力", "双星", "际华"), ("男款", "女款")),
    ("劳保手套", "包", 3, 1, ("星宇", "际华"), ("12双装", "24双装")),
    ("玉米种子", "袋", 15, 1, ("登海", "先玉", "郑单"), ("1公斤", "5公斤")),
    ("复合肥", "袋", 25, 1, ("史丹利", "金正大", "心连心"), ("10公斤", "40公斤")),
    ("喷壶", "个", 10, 1, ("卫士", "利农"), ("5升", "16升")),
    ("老花镜", "副", 5, 1, ("明月", "宝岛"), ("150度", "250度", "350度")),
    ("血压计", "台", 50, 1, ("欧姆龙", "鱼跃"), ("臂式", "腕式")),
    ("体温计", "支", 3, 1, ("鱼跃", "欧姆龙"), ("水银", "电子")),
    ("台灯", "个", 12, 1, ("欧普", "雷士", "公牛"), ("护眼", "充电")),
    ("插线板", "个", 6, 1, ("公牛", "正泰"), ("3位", "6位")),
    ("灯泡", "个", 2, 1, ("飞利浦", "欧普", "雷士"), ("9瓦", "15瓦")),
    ("书包", "个", 8, 1, ("晨光", "得力"), ("小学", "初中")),
)

# (kind, unit, points): donated goods cost the scheme nothing; the village prices them low.
DONATED = (
    ("旧衣物", "件", 1), ("课外图书", "册", 1), ("儿童玩具", "件", 2), ("老花镜", "副", 2),
    ("书包", "个", 3), ("棉被", "床", 5), ("取暖器", "台", 8), ("轮椅", "台", 20),
    ("冬衣", "件", 3), ("棉鞋", "双", 2), ("毛毯", "条", 4), ("电风扇", "台", 6),
    ("拐杖", "根", 2), ("收音机", "台", 3), ("台灯", "个", 3), ("文具", "套", 1),
    ("学习桌", "张", 10), ("儿童自行车", "辆", 10), ("电热毯", "条", 4), ("羽绒服", "件", 8),
    ("雨靴", "双", 2), ("保温壶", "个", 3), ("字典", "本", 2), ("围巾手套", "套", 2),
    ("童装", "件", 2),
)
DONATED_STATES = ("全新", "九成新")


@dataclass(frozen=True)
class PlannedGoods:
    name: str
    unit: str
    price: int
    area: str
    low_stock: int
    cost_fen: int      # what the supplier asks for one unit; 0 for donated goods
    liked: int         # how much more often a household reaches for it than for the least


def plan_goods(rng: random.Random, households: int) -> list[PlannedGoods]:
    """The goods of the shelf: in the goods area, brand and size pairs from the top of
    the supplier's list; in the donation area, the donated kinds, new and nearly new."""
    count = min(MOST_GOODS, max(FEWEST_GOODS, round(GOODS_PER_HOUSEHOLD * households)))
    donated = round(DONATED_SHARE * count)
    listed = []
    for kind, unit, points, liked, brands, sizes in KINDS:
        for position, size in enumerate(sizes):
            for brand in brands:
                price = max(1, round(points * SIZE_FACTORS[position] * rng.uniform(0.85, 1.15)))
                listed.append(PlannedGoods(
                    f"{brand}{kind}{size}", unit, price, "goods", rng.randint(2, 8),
                    round(price * YUAN_PER_POINT * COST_SHARE * 100), liked))
    listed = listed[:count - donated]
    for kind, unit, points in DONATED:
        for state in DONATED_STATES:
            listed.append(PlannedGoods(f"{kind}（{state}）", unit, points, "donation", 0, 0, 1))
    return listed[:count]


def list_goods(clerk: Actor, planned: list[PlannedGoods], moment: datetime) -> list[int]:
    """Each goods item through the store, as the clerk lists it; their ids in plan order."""
    actor = backdated(clerk, moment)
    return [goods.add_goods(actor, item.name, item.price, area=item.area, unit=item.unit,
                            low_stock=item.low_stock).id for item in planned]
