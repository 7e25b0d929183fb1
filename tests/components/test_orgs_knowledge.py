"""ORG from public knowledge and name grammars: the central government's
structure, the Hong Kong and Macau governments, media outlets, units attached
to a body, local bodies under their older or short names, province
abbreviations before a legislature, and companies written without their
legal form. Invented sentences, each checked against its offsets."""
import pytest
from conftest import entity_texts as labelled, offsets_hold

pytestmark = pytest.mark.stage("suffixed")


def org_spans(record):
    return [e for e in record["entities"] if e["label"] == "ORG"]


def orgs(record):
    return [e["text"] for e in org_spans(record)]


@pytest.mark.parametrize("text, expected", [
    # the State Council's bodies and their short forms, the Party centre, the courts
    ("国家疾控局、国家移民管理局负责同志出席发布会。", ["国家疾控局", "国家移民管理局"]),
    ("国台办发言人就两岸交流答记者问。", ["国台办"]),
    ("最高检、最高法联合发布典型案例。", ["最高检", "最高法"]),
    ("中央网信办会同工业和信息化部部署专项行动。", ["中央网信办", "工业和信息化部"]),
    ("原国家质检总局与原农业部联合印发通知。", ["国家质检总局", "农业部"]),
    # the SAR governments
    ("特区政府运输及物流局与海事及水务局召开联席会议。", ["特区政府", "运输及物流局", "海事及水务局"]),
    ("经济财政司司长出席记者会。", ["经济财政司"]),
    ("香港廉政公署与澳门司法警察局加强合作。", ["香港廉政公署", "澳门司法警察局"]),
    # media outlets
    ("据河南日报报道，大河网和中新网也作了转载。", ["河南日报", "大河网", "中新网"]),
    # cross-strait bodies and parties
    ("海协会与海基会恢复联系，民进党当局应停止挑衅。", ["海协会", "海基会", "民进党"]),
])
def test_bodies_known_from_public_structure(extract, text, expected):
    record = extract(text)
    offsets_hold(text, record)
    assert orgs(record) == expected


@pytest.mark.parametrize("text, expected", [
    ("区委全面深化改革委员会办公室印发工作要点。", ["区委全面深化改革委员会办公室"]),
    ("市公安局扫黑办通报近期工作。", ["市公安局扫黑办"]),
    ("中共宜宾市委社会工作部召开座谈会。", ["中共宜宾市委社会工作部"]),
    ("县人大常委会法工委主任刘建国作说明。", ["县人大常委会法工委"]),
    ("邯郸县检察院第二检察部依法提起公诉。", ["邯郸县检察院第二检察部"]),
])
def test_units_attached_to_a_body(extract, text, expected):
    record = extract(text)
    offsets_hold(text, record)
    assert orgs(record) == expected


@pytest.mark.parametrize("text, expected", [
    ("市委召开全面依法治市委员会会议。", ["市委"]),       # the 市 of a slogan heads no body
    ("省委常委、副省长张明出席。", ["省委"]),             # a post after the body, no unit
    ("县法院坚持服务大局，依法判处被告人有期徒刑。", ["县法院"]),  # no verb or common word in a unit
    ("市政府会议室召开协调会。", ["市政府"]),
    ("民进党当局一意孤行。", ["民进党"]),
    ("生态环境部有关司局负责同志介绍。", ["生态环境部"]),    # 有关: no unit's name
])
def test_no_unit_attached(extract, text, expected):
    record = extract(text)
    offsets_hold(text, record)
    assert orgs(record) == expected


@pytest.mark.parametrize("text, expected", [
    ("省民委、市民宗局、县环保局参加检查。", ["省民委", "市民宗局", "县环保局"]),
    ("省农委、省旅游局有关负责人陪同调研。", ["省农委", "省旅游局"]),
    ("湖北代表团在驻地召开全体会议。", ["湖北代表团"]),
    ("澳门特区第五届政府主要官员宣誓就职。", ["澳门特区第五届政府"]),
    ("苏人大常委会和苏政协分别召开会议。", ["苏人大常委会", "苏政协"]),
    ("鄂十四届人大二次会议闭幕。", ["鄂十四届人大"]),
    # local departments written short, no list holding them
    ("区科工信局、县文广旅体局和镇综治办负责人参加。", ["区科工信局", "县文广旅体局", "镇综治办"]),
])
def test_local_bodies_and_their_short_forms(extract, text, expected):
    record = extract(text)
    offsets_hold(text, record)
    assert orgs(record) == expected


@pytest.mark.parametrize("text, expected", [
    ("签约项目包括杭州锐钛新材料和温州泓博电气两家企业的扩产项目。", ["杭州锐钛新材料", "温州泓博电气"]),
    ("浙江宁波晟迈汽配年产50万套零部件项目开工。", ["浙江宁波晟迈汽配"]),
    ("调研组走访了陕煤集团榆北煤业和华能集团瑞丰能源。", ["陕煤集团榆北煤业", "华能集团瑞丰能源"]),
])
def test_companies_without_their_legal_form(extract, text, expected):
    record = extract(text)
    offsets_hold(text, record)
    assert orgs(record) == expected
    assert labelled(record, "GPE") == []  # the place is inside the name


@pytest.mark.parametrize("text", [
    "湖南省现代农业加快发展。",          # 现代: a common word, no 字号
    "中国与欧盟贸易额增长。",            # a conjunction, no 字号
    "西藏首条电气化铁路通车。",          # the trade word inside a longer word
    "广西在人文旅游方面优势明显。",
])
def test_not_companies(extract, text):
    record = extract(text)
    offsets_hold(text, record)
    assert [o for o in orgs(record) if o not in ("欧盟",)] == []


@pytest.mark.parametrize("text", [
    "会上形成专题协商报告。",            # 报 of 报告, not a newspaper
    "迅速派出工作组赶赴现场。",          # a verb, no name, before 工作组
    "全县强化专班推进项目建设。",
    "工信部门要加强指导。",              # 部 of 部门
    "主动融入全省发展大局。",            # 大局, no department
    "来源: 浏览量:2356",                 # an empty dateline source
])
def test_not_bodies(extract, text):
    record = extract(text)
    offsets_hold(text, record)
    assert orgs(record) == []
