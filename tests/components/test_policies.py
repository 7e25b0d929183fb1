"""Policy titles: 《》 titles with policy heads, notice titles, known programmes."""
import pytest

pytestmark = pytest.mark.stage("policies")


def policies(record):
    return [p["text"] for p in record["policies"]]


@pytest.mark.parametrize("text, expected", [
    ("制定了《龙口市高端铝材料产业“十四五”发展规划》《龙口市人民政府关于加快推进高端铝材料品牌建设的实施意见》等政策。",
     ["龙口市高端铝材料产业“十四五”发展规划", "龙口市人民政府关于加快推进高端铝材料品牌建设的实施意见"]),
    ("贯彻落实工信部《关于进一步促进产业集群发展的指导意见》。", ["关于进一步促进产业集群发展的指导意见"]),
    ("印发《襄阳市三年行动计划(2024—2026年)》。", ["襄阳市三年行动计划(2024—2026年)"]),
    ("把握中国制造2025等战略机遇。", ["中国制造2025"]),
    ("天津市人民政府关于印发天津市促进开发区发展若干措施的通知\n各区人民政府:", ["天津市人民政府关于印发天津市促进开发区发展若干措施的通知"]),
])
def test_policy_forms(extract, text, expected):
    assert policies(extract(text)) == expected


@pytest.mark.parametrize("text", [
    "以《打造国际化世界级高端交通铝材料特色产业集群》为主题作了交流发言。",  # a speech
    "作《2023年政府工作报告》。",
    "签署《战略合作框架协议》。",
    "阅读《人民日报》。",
])
def test_not_policies(extract, text):
    assert policies(extract(text)) == []


def test_nothing_else_inside_a_policy(extract):
    rec = extract("印发《山东省2024年数字经济发展工作方案》。")
    assert policies(rec) == ["山东省2024年数字经济发展工作方案"]
    assert rec["entities"] == [] and rec["dates"] == []


def test_names_inside_a_speech_title_are_annotated(extract):
    rec = extract("以《龙口市打造高端铝材产业集群》为题发言。")
    assert "龙口市" in [e["text"] for e in rec["entities"]]


@pytest.mark.parametrize("text, expected", [
    # laws, draft laws and ordinances are POLICY (settled case)
    ("依据《中华人民共和国水污染防治法》依法查处。", ["中华人民共和国水污染防治法"]),
    ("根据中华人民共和国森林法第三十九条规定处罚。", ["中华人民共和国森林法"]),
    ("常委会审议中华人民共和国畜牧法修正案。", ["中华人民共和国畜牧法修正案"]),
    ("会议审议《政协牡丹江市委员会专门委员会通则(修订草案)》。", ["政协牡丹江市委员会专门委员会通则(修订草案)"]),
    ("表决通过了牡丹江市人大常委会2022年工作要点。", ["牡丹江市人大常委会2022年工作要点"]),
    # the nearest place begins an unmarked name, not one behind a verb
    ("调研组赴金沙县开展贵州省林业促进条例立法调研。", ["贵州省林业促进条例"]),
])
def test_laws_and_more_policy_forms(extract, text, expected):
    assert policies(extract(text)) == expected


@pytest.mark.parametrize("text", [
    "表决通过了市人大常委会关于任命李明同志为市政府副市长的决定。",   # personnel decisions
    "会议通过了关于免去王强同志职务的决定。",
    "宣布省委关于市委主要领导职务调整的决定。",
    "认真学习《条例》,准确把握精神实质。",                             # a head word alone
    "自中华人民共和国成立以来方法不断创新。",
])
def test_more_not_policies(extract, text):
    assert policies(extract(text)) == []


@pytest.mark.parametrize("text, expected", [
    # drafts of policies are policies (settled case: 拨款条例草案)
    ("特区政府向立法会提交《2025年拨款条例草案》。", ["2025年拨款条例草案"]),
    ("常委会审议了《云南省河道管理条例(征求意见稿)》。", ["云南省河道管理条例(征求意见稿)"]),
    # a draft's bracket after an unmarked name is no part of it
    ("会议听取了长沙市人大常委会2025年工作要点(草案)。", ["长沙市人大常委会2025年工作要点"]),
    # public notices and codes are documents
    ("省政府发布《关于做好冬春季森林防火工作的通告》。", ["关于做好冬春季森林防火工作的通告"]),
    ("修订后的《宁波市物业服务企业信用管理规范》正式施行。", ["宁波市物业服务企业信用管理规范"]),
    # regulations named without marks from a place
    ("四川省城乡规划条例自明年1月起施行。", ["四川省城乡规划条例"]),
])
def test_drafts_notices_and_unmarked_regulations(extract, text, expected):
    rec = extract(text)
    assert policies(rec) == expected
    for p in rec["policies"]:
        assert text[p["start"]:p["end"]] == p["text"]


@pytest.mark.parametrize("text, expected", [
    # a notice title the sentence runs on from
    ("认真贯彻国务院关于加快发展现代农业的意见精神。", ["国务院关于加快发展现代农业的意见"]),
    ("根据省政府关于进一步加强道路交通安全工作的决定要求,开展检查。",
     ["省政府关于进一步加强道路交通安全工作的决定"]),
    # all the bodies that issue the title belong to it
    ("学习中共中央、国务院关于深化医药卫生体制改革的意见。", ["中共中央、国务院关于深化医药卫生体制改革的意见"]),
])
def test_notice_titles_in_a_sentence_and_their_issuers(extract, text, expected):
    rec = extract(text)
    assert policies(rec) == expected
    for p in rec["policies"]:
        assert text[p["start"]:p["end"]] == p["text"]


@pytest.mark.parametrize("text", [
    "各地学习浙江“千万工程”经验,建设和美乡村。",       # a programme of works names no document
    "深入实施乡村振兴战略和创新驱动发展战略。",          # strategies are not documents
    "推广《百村示范、千村整治工程》的做法。",
])
def test_programmes_and_strategies_are_not_policies(extract, text):
    assert policies(extract(text)) == []


@pytest.mark.parametrize("text, expected", [
    # a law cited by its article after a verb of applying it
    ("法院依照刑法第二百三十四条之规定,以故意伤害罪判处被告人有期徒刑一年。", ["刑法"]),
    ("违反道路交通安全法第九十条,交警部门依法处以罚款。", ["道路交通安全法"]),
    ("根据治安管理处罚法第二十三条第一款,予以行政拘留。", ["治安管理处罚法"]),
    # a document's own articles (本办法, 该条例) name no law
    ("依据本办法第三条规定执行。", []),
    ("根据该条例第五条,由县级人民政府负责。", []),
    # a law named without its article is left to the other rules
    ("依照刑法有关规定处理。", []),
    # the Civil Code, in full and short
    ("学习宣传贯彻中华人民共和国民法典,让民法典走到群众身边。", ["中华人民共和国民法典", "民法典"]),
])
def test_laws_cited_by_article_and_the_civil_code(extract, text, expected):
    rec = extract(text)
    assert policies(rec) == expected
    for p in rec["policies"]:
        assert text[p["start"]:p["end"]] == p["text"]


@pytest.mark.parametrize("text, expected", [
    # a title named again from its quoted nickname on is the same policy
    ("会议要求编制实施好沙河镇产业发展“13355”工程规划,督办好“13355”工程规划的资金到位。",
     ["沙河镇产业发展“13355”工程规划", "“13355”工程规划"]),
    ("会议审议了《东营市现代海洋产业“十四五”发展规划》。“十四五”发展规划提出,到2025年海洋生产总值翻番。",
     ["东营市现代海洋产业“十四五”发展规划", "“十四五”发展规划"]),
    # a nickname alone, with no title found that holds it, names none
    ("全面落实“十四五”发展规划各项任务。", []),
])
def test_a_title_named_again_from_its_quoted_nickname(extract, text, expected):
    rec = extract(text)
    assert policies(rec) == expected
    for p in rec["policies"]:
        assert text[p["start"]:p["end"]] == p["text"]


@pytest.mark.parametrize("text, expected", [
    # a plan issued for a named region, without marks, from the region on
    ("深入贯彻黄河流域生态保护和高质量发展规划纲要,推动沿黄地区协同发展。",
     ["黄河流域生态保护和高质量发展规划纲要"]),
    ("认真落实长江经济带发展规划纲要。", ["长江经济带发展规划纲要"]),
    # the name ends at the longer head (…规划|纲要), after a division too
    ("贯彻落实湖南省国民经济和社会发展第十四个五年规划纲要。", ["湖南省国民经济和社会发展第十四个五年规划纲要"]),
    # a clause about a plan holds a verb: no name
    ("长江经济带各地正在编制实施方案。", []),
])
def test_plans_for_a_named_region_and_outlines(extract_full, text, expected):
    rec = extract_full(text)
    assert policies(rec) == expected
    for p in rec["policies"]:
        assert text[p["start"]:p["end"]] == p["text"]
