"""Where bodies and names begin and end: the verbs, adverbs and function
words that start no body (rules/orgs/left_words.txt, generated from jieba's
dictionary), units named with their own head's post (外国人管理司|司长), and
names that need more than a surname character."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsextract import rules

REPO = Path(__file__).resolve().parents[2]


def labelled(record, label):
    spans = [e for e in record["entities"] if e["label"] == label]
    return spans


def texts(record, label):
    return [e["text"] for e in labelled(record, label)]


def test_left_words_are_what_jiebas_dictionary_gives(tmp_path):
    """Generated data drifted from its source: rerun scripts/build_left_words.py."""
    out = tmp_path / "left_words.txt"
    subprocess.run([sys.executable, str(REPO / "scripts/build_left_words.py"), "--out", str(out)], check=True,
                   capture_output=True)
    assert out.read_bytes() == (REPO / "rules/orgs/left_words.txt").read_bytes()


def test_left_words_keep_words_that_stand_in_names():
    words = set(rules.load_words("orgs/left_words.txt"))
    assert {"邀请", "进一步", "迅速", "参加"} <= words
    assert not {"开发", "发展", "建设", "保定"} & words  # 国家开发银行; 保定 is a city jieba tags v


@pytest.mark.stage("suffixed")
@pytest.mark.parametrize("text, expected", [
    ("讲座特别邀请华东工程科技研究院智能装备研究所所长授课。", ["华东工程科技研究院智能装备研究所"]),
    ("双方希望鑫源控股集团进一步扩大投资。", ["鑫源控股集团"]),
    ("市长在杭州会见恒瑞新能源集团董事长一行。", ["恒瑞新能源集团"]),
    ("我们将继续支持本地企业，并进一步推动华宇精密制造有限公司扩产。", ["华宇精密制造有限公司"]),
])
def test_a_verb_or_adverb_starts_no_body(extract, text, expected):
    record = extract(text)
    assert texts(record, "ORG") == expected
    for e in labelled(record, "ORG"):
        assert text[e["start"]:e["end"]] == e["text"]


@pytest.mark.stage("bodies")
@pytest.mark.parametrize("text, expected", [
    ("国家移民管理局出入境管理司司长王建和综合司副司长李芳出席。", ["国家移民管理局出入境管理司", "综合司"]),
    ("会上，滨海国际投资促进局局长赵明介绍情况。", ["滨海国际投资促进局"]),
    ("太湖局局长在会上部署防汛工作。", ["太湖局"]),
    ("市交通运输局局长、港航办主任陈立说。", ["市交通运输局", "港航办"]),
    ("省高级人民法院院长张军作报告，市中级人民法院副院长列席。", ["省高级人民法院", "市中级人民法院"]),
])
def test_a_unit_named_with_its_own_heads_post(extract, text, expected):
    record = extract(text)
    assert texts(record, "ORG") == expected
    for e in labelled(record, "ORG"):
        assert text[e["start"]:e["end"]] == e["text"]


@pytest.mark.stage("bodies")
@pytest.mark.parametrize("text", [
    "所属各局局长、各厅厅长参加会议。",   # every bureau, none in particular
    "该局局长表示，将加快审批。",
    "会议要求提高处理问题的能力，副局长主持。",
])
def test_no_unit_without_a_name(extract, text):
    assert texts(extract(text), "ORG") == []


@pytest.mark.stage("people")
@pytest.mark.parametrize("text, expected", [
    ("市公安局、交通局、卫生健康局及邮政局等部门负责人参加。", ["市公安局", "交通局", "卫生健康局", "邮政局"]),
    ("会议邀请经济局、旅游局和市政署代表出席。", ["经济局", "旅游局", "市政署"]),
    ("专家在国家减灾委员会办公室、应急管理部会商。", ["国家减灾委员会办公室", "应急管理部"]),
])
def test_bodies_listed_with_a_body(extract, text, expected):
    record = extract(text)
    assert texts(record, "ORG") == expected
    for e in labelled(record, "ORG"):
        assert text[e["start"]:e["end"]] == e["text"]


@pytest.mark.stage("people")
@pytest.mark.parametrize("text, not_expected", [
    ("深入学习十九届四中全会、市委全会精神。", "十九届四中全会"),     # a meeting
    ("各省(区、市)党委和政府新闻发言人到会。", "党委"),               # a body word alone begins no list
    ("参观了自治区博物馆、伊斯兰教经学院。", "学院"),                 # no piece of a longer name
    ("会议要求紧密结合国家部委、自治区党委部署。", "紧密结合国家部委"),  # an idiom starts no body
])
def test_no_body_listed_without_a_name(extract, text, not_expected):
    assert not_expected not in texts(extract(text), "ORG")


@pytest.mark.stage("people")
@pytest.mark.parametrize("text, not_expected", [
    ("日本新任驻华大使即将赴任。", "任驻华"),              # 新任 goes on over the name's start
    ("多个部门新设新闻发言人。", "门新设"),                # 部门
    ("警备区党委第一书记任职宣布大会召开。", "任职宣"),    # 宣布 goes on over its end
    ("行政长官于行政会议前会见传媒。", "于行政"),          # a preposition before a word
])
def test_no_name_where_a_word_goes_on_over_it(extract, text, not_expected):
    assert not_expected not in texts(extract(text), "PERSON")


@pytest.mark.stage("people")
@pytest.mark.parametrize("text, expected", [
    ("受自治区政协主席扎西·格列朗杰委托，副主席主持会议。", ["扎西·格列朗杰"]),
    ("行政长官于海宇会前会见传媒。", ["于海宇"]),
    ("市委书记王建国出席会议。", ["王建国"]),
])
def test_names_kept_whole(extract, text, expected):
    assert texts(extract(text), "PERSON") == expected


@pytest.mark.stage("people")
def test_names_listed_beside_a_name_are_names(extract):
    text = "政协副主席次仁多吉、洛桑丹增、扎西、阿沛·晋美和秘书长出席会议。"
    assert texts(extract(text), "PERSON") == ["次仁多吉", "洛桑丹增", "扎西", "阿沛·晋美"]


@pytest.mark.stage("people")
@pytest.mark.parametrize("text, expected", [
    ("副市长王建华、总经理李明、解放军驻港部队司令员出席。", ["王建华", "李明"]),   # a post is no name
    ("市领导王建华、冰雪、旅游等出席。", ["王建华"]),          # words are no names
])
def test_no_name_listed_beside_a_word_or_a_post(extract, text, expected):
    assert texts(extract(text), "PERSON") == expected


@pytest.mark.stage("people")
def test_a_name_set_apart_from_its_post_by_spaces(extract):
    text = "市中级人民法院副院长   李昌明\n主任、各位副主任："
    assert texts(extract(text), "PERSON") == ["李昌明"]


@pytest.mark.stage("bodies")
def test_hong_kong_and_macau_bodies_written_short(extract):
    text = "民署人员对大熊猫给予照顾，劳工局与企业合作推出课程，民青局专责青年事务。"
    assert texts(extract(text), "ORG") == ["民署", "劳工局", "民青局"]


@pytest.mark.stage("bodies")
@pytest.mark.parametrize("text, expected", [
    ("新一届政府领导班子要紧紧围绕中心工作，新一届国务院召开常务会议。", ["国务院"]),   # 新一届 is no term
    ("澳区全国人大代表、十四届全国人大代表出席。", ["全国人大", "十四届全国人大"]),   # no place before a national body
    ("中华人民共和国国家统计局发布公报。", ["中华人民共和国国家统计局"]),             # but its country
])
def test_term_numbers_and_national_bodies(extract, text, expected):
    assert texts(extract(text), "ORG") == expected


@pytest.mark.stage("people")
@pytest.mark.parametrize("text, expected", [
    ("自治区主席会见马来西亚外交部长阿齐兹一行。", ["阿齐兹"]),
    ("应泰王国总理安瓦尔邀请，国务院总理将出席会议。", ["安瓦尔"]),
])
def test_a_transliterated_name_after_a_post(extract, text, expected):
    record = extract(text)
    assert texts(record, "PERSON") == expected
    assert [p["name"] for p in record["people"] if p["title"]] == expected


@pytest.mark.stage("people")
@pytest.mark.parametrize("text", [
    "市委书记提出，要加快发展。",          # 提出 is a word
    "局长助理和主任科员参加会议。",
])
def test_no_transliterated_name_from_words(extract, text):
    assert texts(extract(text), "PERSON") == []


@pytest.mark.stage("suffixed")
@pytest.mark.parametrize("text, expected", [
    ("海峡论坛秘书处负责人介绍筹备情况。", ["海峡论坛秘书处"]),
    ("日本外务省发言人表示关切。", ["日本外务省"]),
    ("县供销合作社联合社主任出席。", ["县供销合作社联合社"]),
])
def test_forum_secretariats_ministries_abroad_cooperative_federations(extract, text, expected):
    assert texts(extract(text), "ORG") == expected


@pytest.mark.stage("suffixed")
def test_no_secretariat_of_a_meeting_without_a_name(extract):
    assert texts(extract("会议成立了大会秘书处，下设会务组。"), "ORG") == []


@pytest.mark.stage("suffixed")
@pytest.mark.parametrize("text, expected", [
    ("市委日前召开民主协商会，温州商会会长列席。", ["市委", "温州商会"]),   # 协商会 is a meeting
    ("东京国际法学会与大学合作。", ["东京国际法学会"]),                    # 法学 + 会 is no meeting
    ("2019年，某医用设备公司因债务纠纷被起诉。", []),                     # a body the text does not name
    ("警方接获北区某中学通报。", []),
    ("项目建设单位川南高速公路投资建设有限公司负责人介绍。", ["川南高速公路投资建设有限公司"]),
])
def test_meetings_and_unnamed_bodies_are_no_orgs(extract, text, expected):
    assert texts(extract(text), "ORG") == expected


@pytest.mark.stage("bodies")
def test_a_source_paper_without_its_title_marks(extract):
    text = "2024-05-16 14:10  来源:《鄂州日报》\n5月15日，全市工作会议召开。"
    assert "鄂州日报" in texts(extract(text), "ORG")
