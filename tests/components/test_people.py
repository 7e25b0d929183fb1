"""People with their posts, in the usual constructions."""
import pytest

pytestmark = pytest.mark.stage("people")


def people(record):
    return [(p["name"], p["title"]) for p in record["people"]]


@pytest.mark.parametrize("text, expected", [
    ("市委书记闫剑波出席会议。", [("闫剑波", "市委书记")]),
    ("闫剑波市长主持会议。", [("闫剑波", "市长")]),
    ("副市长龚兵出席。", [("龚兵", "副市长")]),
    ("龙口市工信局党组副书记、副局长王斌表示,将继续推进。", [("王斌", "龙口市工信局党组副书记、副局长")]),
    ("市委副书记、市长刘建军主持会议并讲话。", [("刘建军", "市委副书记、市长")]),
    ("市政协副主席杨录祥、孟雅奇参加调研。", [("杨录祥", "市政协副主席"), ("孟雅奇", "市政协副主席")]),
    ("省工信厅郝莉笑总经济师出席会议并讲话。", [("郝莉笑", "总经济师")]),
    ("民革市委会主委李向云、民盟市委会主委毛秀凤发言。", [("李向云", "民革市委会主委"), ("毛秀凤", "民盟市委会主委")]),
    ("市政府秘书长尤在晶等参加签约仪式。", [("尤在晶", "市政府秘书长")]),
    ("新闻发言人 胡凯红:女士们、先生们。", [("胡凯红", "新闻发言人")]),
])
def test_post_constructions(extract, text, expected):
    assert people(extract(text)) == expected


@pytest.mark.parametrize("text, names", [
    ("市领导孔凡萍、李建、张宏璞出席。", ["孔凡萍", "李建", "张宏璞"]),
    ("王秋实、宫秀丽、高志军等市领导参加活动。", ["王秋实", "宫秀丽", "高志军"]),
    ("记者 郑松波 邵占坤 通讯员 司利强", ["郑松波", "邵占坤", "司利强"]),
    ("来源:大河客户端 编辑:王婉", ["王婉"]),
])
def test_group_labels_and_bylines_are_not_posts(extract, text, names):
    rec = extract(text)
    assert people(rec) == [(n, None) for n in names]
    assert [e["text"] for e in rec["entities"] if e["label"] == "PERSON"] == names


def test_later_mentions_are_persons(extract):
    rec = extract("市长刘建军主持会议。刘建军强调,要抓好落实。")
    assert [e["text"] for e in rec["entities"] if e["label"] == "PERSON"] == ["刘建军", "刘建军"]
    assert people(rec) == [("刘建军", "市长")]


def test_body_inside_post_is_org(extract):
    rec = extract("市委书记闫剑波出席会议。")
    assert ("市委", "ORG") in [(e["text"], e["label"]) for e in rec["entities"]]


def test_traditional_names_and_titles_keep_original_text(extract):
    rec = extract("市委副書記、市長劉建軍主持會議並講話。")
    assert people(rec) == [("劉建軍", "市委副書記、市長")]
    assert rec["people"][0]["norm"] == "刘建军"


@pytest.mark.parametrize("text", [
    "书记强调,要抓好落实。",
    "市长主持召开常务会议。",
])
def test_bare_posts_are_not_people(extract, text):
    assert people(extract(text)) == []
