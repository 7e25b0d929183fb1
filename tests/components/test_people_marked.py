"""People whose names the text marks without a surname to go by: appointment
texts, candidate notices, dotted and Tibetan names, newer posts, later
mentions. Run without the statistical NER, so that the rules alone are tested."""
import pytest

pytestmark = pytest.mark.stage("people")


@pytest.fixture()
def extract_rules(extract):
    return extract


def people(record):
    return [(p["name"], p["title"]) for p in record["people"]]


def persons(text, record):
    """PERSON entities, each checked to be the text at its offsets."""
    out = []
    for e in record["entities"]:
        if e["label"] == "PERSON":
            assert text[e["start"]:e["end"]] == e["text"]
            out.append(e["text"])
    return out


@pytest.mark.parametrize("text, expected", [
    ("会议表决通过了人事任免事项，任命何永康为南充市教育局局长，免去姚德明的市审计局局长职务。",
     [("何永康", "南充市教育局局长"), ("姚德明", "市审计局局长")]),
    ("表决通过人事任免事项，任命姜文博为大连市副市长，接受许立中因工作变动辞去大连市副市长职务的请求。",
     [("姜文博", "大连市副市长"), ("许立中", "大连市副市长")]),
    ("同日，中共大连市委召开干部大会，宣布省委决定：孙慧娟任大连市人民检察院党组书记，提名为检察长人选。",
     [("孙慧娟", "大连市人民检察院党组书记")]),
])
def test_appointments(extract_rules, text, expected):
    rec = extract_rules(text)
    assert people(rec) == expected
    assert persons(text, rec) == [n for n, _ in expected]


def test_appointment_list_under_headings(extract_rules):
    text = ("（2024年7月30日鄂尔多斯市第五届人民代表大会常务委员会第十九次会议通过）\n"
            "任命：\n高俊峰为鄂尔多斯市人民政府副市长；\n乌日娜为鄂尔多斯市能源局局长。\n"
            "免去：\n苏和的鄂尔多斯市林业和草原局局长职务。\n"
            "接受：\n白永胜辞去鄂尔多斯市人民政府副市长职务的请求。\n"
            "据悉，本次会议还听取了市人民政府关于库布其沙漠治理工作情况的报告。")
    rec = extract_rules(text)
    assert people(rec) == [("高俊峰", "鄂尔多斯市人民政府副市长"), ("乌日娜", "鄂尔多斯市能源局局长"),
                           ("苏和", "鄂尔多斯市林业和草原局局长"), ("白永胜", "鄂尔多斯市人民政府副市长")]
    for p in rec["people"]:
        assert text[p["start"]:p["end"]] == p["name"]
        assert text[p["title_start"]:p["title_end"]] == p["title"]


def test_candidate_notice_lines(extract_rules):
    text = ("根据有关规定，现将拟任职干部情况予以公示：\n"
            "覃海燕，女，土家族，1979年4月生，在职研究生学历，中共党员，现任长阳土家族自治县委常委、"
            "县委组织部部长，拟任县级党委副书记人选。\n"
            "马海龙，男，回族，1983年6月生，青海民和人，大学学历，中共党员。现任民和回族土族自治县副县长，拟提名为县长人选。")
    rec = extract_rules(text)
    assert persons(text, rec) == ["覃海燕", "马海龙"]
    assert people(rec) == [("覃海燕", "长阳土家族自治县委常委、县委组织部部长"), ("马海龙", "民和回族土族自治县副县长")]


@pytest.mark.parametrize("text, expected", [
    ("德国驻华大使馆公使衔参赞托马斯·施密特，湖北省博物馆馆长方勤华出席开幕式。",
     [("托马斯·施密特", "公使衔参赞"), ("方勤华", "湖北省博物馆馆长")]),
    ("自治区副主席热合曼·阿不力孜在乌鲁木齐会见了哈萨克斯坦阿拉木图州副州长叶尔兰·努尔兰诺夫率领的代表团一行。",
     [("热合曼·阿不力孜", "自治区副主席"), ("叶尔兰·努尔兰诺夫", "副州长")]),
    ("市委书记罗布次仁主持会议并讲话，市委副书记、市长旺堆出席。",
     [("罗布次仁", "市委书记"), ("旺堆", "市委副书记、市长")]),
    ("鄂尔多斯市林业和草原局副局长白永刚，伊金霍洛旗人民政府副旗长张瑞霞出席并答记者问。",
     [("白永刚", "鄂尔多斯市林业和草原局副局长"), ("张瑞霞", "伊金霍洛旗人民政府副旗长")]),
    ("在震泽镇，镇党委书记、镇级总河长姚建平介绍，该镇投入4800万元。", [("姚建平", "镇级总河长")]),
    ("中国工程院院士、华中科技大学教授方立新受聘为项目首席技术顾问。", [("方立新", "华中科技大学教授")]),
    ("宜宾市凯锐锂电科技有限公司财务总监曾丽萍介绍，公司一季度享受先进制造业增值税加计抵减。",
     [("曾丽萍", "宜宾市凯锐锂电科技有限公司财务总监")]),
])
def test_dotted_tibetan_names_and_newer_posts(extract_rules, text, expected):
    rec = extract_rules(text)
    got = people(rec)
    assert [n for n, _ in got] == [n for n, _ in expected]
    for (_, title), (_, want) in zip(got, expected):
        assert want.endswith(title) or title.endswith(want)  # the scorer's rule for titles
    assert persons(text, rec) == [n for n, _ in expected]


@pytest.mark.parametrize("text, names", [
    ("“现在成了大家散步的好去处。”齐心村村民钱月琴说。", ["钱月琴"]),
    ("通村公路改造后，山货运输更方便了。（记者 李沐阳 和丽萍）", ["李沐阳", "和丽萍"]),
    ("全会以习近平新时代中国特色社会主义思想为指导。", ["习近平"]),
])
def test_people_without_posts(extract_rules, text, names):
    rec = extract_rules(text)
    assert persons(text, rec) == names
    assert all(t is None for _, t in people(rec))


def test_later_mentions_stand_as_names(extract_rules):
    text = ("任命钟慧敏为丽水市文化和广电旅游体育局副局长。\n钟慧敏曾任遂昌县文化和广电旅游体育局局长。\n"
            "罗伊特林根市市长托马斯·克勒分别代表双方签署协议书。托马斯·克勒说，两市合作潜力很大。")
    rec = extract_rules(text)
    assert persons(text, rec) == ["钟慧敏", "钟慧敏", "托马斯·克勒", "托马斯·克勒"]
    assert people(rec) == [("钟慧敏", "丽水市文化和广电旅游体育局副局长"), ("托马斯·克勒", "市长")]


def test_later_mentions_not_inside_longer_words(extract_rules):
    text = "副市长王斌出席活动。王斌武表示，将做好服务保障。"
    rec = extract_rules(text)
    assert persons(text, rec) == ["王斌"]


@pytest.mark.parametrize("text", [
    "政协遵义市第五届委员会常务委员会第十五次会议召开。会议应出席委员436人，实到412人。",
    "城镇居民和农村居民人均可支配收入分别增长5.4%和7.1%。",
    "企业将选派30名高级工程师担任产业教授，学院学生在校期间可进入企业实训。",
    "晋江市累计建成院士工作站9家，市委书记要求新任领导干部尽快进入角色。",
    "洱海保护治理取得成效，週四起玉米收购价格上调。",
])
def test_no_names_in_plain_words(extract_rules, text):
    assert persons(text, extract_rules(text)) == []


def test_post_split_from_body_does_not_give_a_name(extract_rules):
    text = "妙源村党支部书记、村委会主任徐建林介绍，罗伊特林根市市长托马斯·克勒出席。"
    rec = extract_rules(text)
    assert persons(text, rec) == ["徐建林", "托马斯·克勒"]


@pytest.mark.parametrize("text, names", [
    ("州人大常委会主任李春和，州政协主席施玉凤出席会议。", ["李春和", "施玉凤"]),  # 和 before punctuation is no conjunction
    ("副局长王斌说：“今年将继续推进。”", ["王斌"]),  # 说 is not part of the name
])
def test_third_character_before_punctuation(extract_rules, text, names):
    assert persons(text, extract_rules(text)) == names
