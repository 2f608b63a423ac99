"""`jifen rubric` and `jifen policy`: exit codes (D11), JSON, shipped files by name."""

BAD_RUBRIC = """[rubric]
id = "x"
name = "测试"
source = "s"
version = 1

[[category]]
id = "1"
name = "类"

[[category.item]]
id = "1.1"
name = "项"
pionts = 5
unit = "once"
"""


def test_check_needs_no_village_and_exits_0(jifen):
    result = jifen("rubric", "check", "rubric-mazigou.toml", "--json")
    assert result.code == 0
    assert result.json() | {} == {"ok": True, "kind": "rubric", "id": "mazigou",
                                   "name": "麻子沟村爱心超市积分评分标准", "version": 1,
                                   "source": result.json()["source"], "categories": 8,
                                   "items": 45}
    assert not jifen.path.exists()
    assert jifen("policy", "check", "policy-tongguan.toml").code == 0


def test_a_bad_file_exits_2_naming_the_line_and_the_key(jifen, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(BAD_RUBRIC, encoding="utf-8")
    result = jifen("rubric", "check", path)
    assert result.code == 2
    assert result.err.strip().endswith("是不是 points？（此处可用：id, name, description, points,"
                                       " unit, max_per_period, meeting_sets_points, min_points,"
                                       " max_points, evidence, example, retired）")
    assert f"{path}:14：" in result.err
    gbk = tmp_path / "gbk.toml"
    gbk.write_bytes(BAD_RUBRIC.encode("gbk"))
    assert "UTF-8" in jifen("policy", "check", gbk).err
    assert jifen("policy", "check", tmp_path / "nowhere.toml").code == 2


def test_adopt_list_show(village):
    adopted = village("rubric", "adopt", "rubric-mazigou.toml", "--json")
    assert adopted.code == 0 and adopted.json()["number"] == 1 and adopted.json()["new"]
    again = village("rubric", "adopt", "rubric-mazigou.toml")
    assert "未作改动" in again.out
    items = village("rubric", "list", "--json").json()
    assert len(items) == 45
    first = items[0]
    assert {key: first[key] for key in ("id", "name", "category", "points")} == {
        "id": "1.1", "name": "核心价值观先进家庭", "category": "践行社会主义核心价值观",
        "points": 15}
    assert "协调邻里纠纷" in village("rubric", "list").out
    assert village("policy", "adopt", "policy-quarterly-virtue.toml").code == 0
    shown = village("policy", "show", "--json").json()
    assert (shown["base_score"], shown["yuan_per_point"], shown["number"]) == (100, "0.5", 1)
    text = village("policy", "show").out
    assert "80 分以上且排名前 60% 可兑换" in text and "1、4、7、10 月的 1 至 5 日" in text


def test_list_and_show_before_adoption_say_what_to_do(village):
    result = village("rubric", "list")
    assert result.code == 2 and "jifen rubric adopt" in result.err
    assert village("policy", "show").code == 2
