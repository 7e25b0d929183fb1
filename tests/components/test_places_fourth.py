"""Places of the kinds a fourth pass on unseen releases looked at (issue
#15): zones built with another country, world geography, a quarter with a
house number, and the words that look like places but name none (a document
number's issuer code, the motherland's frontier, descriptive district names,
a short name inside an idiom)."""
import pytest

from conftest import entity_texts as by_label, offsets_hold

pytestmark = pytest.mark.stage("gazetteer")


def checked(extract, text):
    """The record of a text, every entity's offsets checked against it."""
    rec = extract(text)
    offsets_hold(text, rec)
    return rec


@pytest.mark.stage("suffixed")
@pytest.mark.parametrize("text, expected", [
    # 中 + a partner country's short form before the zone's place
    ("代表团参观了中马钦州产业园区和中新天津生态城。", ["中马钦州产业园区", "中新天津生态城"]),
    # not where 中 ends another word before the place
    ("要集中天津经济技术开发区的优势资源。", ["天津经济技术开发区"]),
])
def test_zone_built_with_another_country(extract, text, expected):
    rec = checked(extract, text)
    assert by_label(rec, "LOC") == expected


@pytest.mark.parametrize("text, expected", [
    ("双方同意加强在太平洋、印度洋和南极的科学考察合作。", ["太平洋", "印度洋", "南极"]),
    # 地中海 stays whole: no 海地 (Haiti) inside it
    ("地中海地区和东亚国家代表出席。", ["地中海地区", "东亚"]),
    ("货轮经马六甲海峡驶往波斯湾。", ["马六甲海峡", "波斯湾"]),
])
def test_world_geography(extract, text, expected):
    rec = checked(extract, text)
    assert by_label(rec, "LOC") == expected
    assert "海地" not in by_label(rec, "GPE")


@pytest.mark.stage("suffixed")
@pytest.mark.parametrize("text, expected", [
    ("上海自贸区和中关村软件园签约。", ["上海自贸区", "中关村软件园"]),
    ("广东自贸区建设提速。", ["广东自贸区"]),
    ("梁山服务区和大亚湾核电站开展安全检查。", ["梁山服务区", "大亚湾核电站"]),
])
def test_more_zone_and_facility_suffixes(extract, text, expected):
    rec = checked(extract, text)
    assert [t for t in by_label(rec, "LOC") if t in expected] == expected


def test_quarter_with_house_number(extract):
    text = "地址:北京市东城区和平里58号,邮编100013。"
    rec = checked(extract, text)
    assert by_label(rec, "LOC") == ["和平里"]
    assert by_label(rec, "GPE") == ["北京市", "东城区"]


@pytest.mark.parametrize("text", [
    "东城区政府令第1号发布。",        # an order's number, no quarter
    "朝阳区和平里12号楼发生火情。",    # a building's number
])
def test_no_quarter(extract, text):
    rec = checked(extract, text)
    assert "LOC" not in [e["label"] for e in rec["entities"] if "12号" not in e["text"] and e["text"] == "和平里"]
    assert all(not e["text"].endswith(("政府令", "区政府令")) for e in rec["entities"] if e["label"] == "LOC")


@pytest.mark.stage("suffixed")
def test_document_number_issuer_is_no_place(extract):
    text = "雄安发〔2021〕5号\n关于印发实施方案的通知。雄安新区各部门要认真执行。"
    rec = checked(extract, text)
    assert [e["start"] for e in rec["entities"] if e["text"] == "雄安"] == []
    assert by_label(rec, "LOC") == ["雄安新区"]


def test_frontier_of_the_motherland_is_no_region(extract):
    rec = extract("构筑祖国北疆万里绿色长城,北疆各地积极行动。")
    assert by_label(rec, "LOC") == ["北疆"]
    assert [e["start"] for e in rec["entities"] if e["text"] == "北疆"] == [13]


@pytest.mark.parametrize("text, expected", [
    ("位于新老城区交界处的公园正在改造。", []),
    ("洛阳市老城区召开会议。", ["洛阳市", "老城区"]),
])
def test_descriptive_district_names(extract, text, expected):
    rec = checked(extract, text)
    assert by_label(rec, "GPE") == expected


@pytest.mark.parametrize("text, expected", [
    ("推进西藏长治久安和高质量发展。", ["西藏"]),
    ("长治市召开会议,长治各县参加。", ["长治市", "长治"]),
    ("希望广大台湾同胞共同努力。", ["台湾"]),
])
def test_short_name_inside_a_common_word(extract, text, expected):
    rec = checked(extract, text)
    assert by_label(rec, "GPE") == expected


@pytest.mark.stage("suffixed")
@pytest.mark.parametrize("text, expected", [
    # business districts, scenic and cultural belts, greenways
    ("代表团到滨江商务区、秦淮河风光带和大运河文化带参观。", ["滨江商务区", "秦淮河风光带", "大运河文化带"]),
])
def test_business_districts_and_belts(extract, text, expected):
    rec = checked(extract, text)
    assert by_label(rec, "LOC") == expected


@pytest.mark.stage("suffixed")
@pytest.mark.parametrize("text", [
    "推介会后,镇街园区也分别组织了丰富多彩的活动。",  # the towns' and subdistricts' parks: no name
    "春运期间火车站客流量大。",                      # an idiom-like phrase (l) is no rare name
    "大力发展现代农业产业园区。",                    # a name-tagged word ending in a verbal noun
    "沿河打造了长约5公里的滨水绿道。",                # an unknown descriptive word before a greenway
])
def test_no_zone_of_generic_words(extract, text):
    rec = checked(extract, text)
    assert by_label(rec, "LOC") == []


@pytest.mark.parametrize("text, expected", [
    # national venues of state events (a venue is LOC)
    ("国家主席在人民大会堂会见来访的总统。", ["人民大会堂"]),
    # 中南海 is a metonym, and no 南海 ends it
    ("中南海紫光阁内,双方举行会谈。", ["紫光阁"]),
    ("南海局势总体稳定。", ["南海"]),
])
def test_national_venues_and_metonyms(extract, text, expected):
    rec = checked(extract, text)
    assert by_label(rec, "LOC") == expected


@pytest.mark.parametrize("text, loc, gpe", [
    # a port named by its cities or a feature, the port word a token of its own
    ("省长在宁波舟山港调研集装箱作业。", ["宁波舟山港"], []),
    ("北部湾港货物吞吐量增长。", ["北部湾港"], []),
    # 港 for Hong Kong after a verb, or in a pair of short forms: no port
    ("欢迎更多企业来港投资,深化粤港合作。", [], []),
])
def test_ports(extract, text, loc, gpe):
    rec = checked(extract, text)
    assert by_label(rec, "LOC") == loc
    assert by_label(rec, "GPE") == gpe


@pytest.mark.stage("suffixed")
def test_a_ports_company_stays_an_org(extract):
    text = "宁波舟山港股份有限公司发布公告。"
    rec = checked(extract, text)
    assert by_label(rec, "ORG") == ["宁波舟山港股份有限公司"]
    assert by_label(rec, "LOC") == []


@pytest.mark.stage("suffixed")
@pytest.mark.parametrize("text, loc, gpe", [
    # a national new area or a zone written after its city: one LOC
    ("长沙湘江新区和成都天府新区签署合作协议。", ["长沙湘江新区", "成都天府新区"], []),
    ("杭州钱塘新区管委会表示,项目已开工。", [], []),
    ("企业落户杭州钱塘新区。", ["杭州钱塘新区"], []),
    # a province before the city stays a GPE of its own
    ("江苏省苏州工业园区再添新项目。", ["苏州工业园区"], ["江苏省"]),
    # a scenic area does not take the county it lies in
    ("游客涌入婺源县篁岭景区。", ["篁岭景区"], ["婺源县"]),
])
def test_zones_written_after_their_city(extract, text, loc, gpe):
    rec = checked(extract, text)
    assert by_label(rec, "LOC") == loc
    assert by_label(rec, "GPE") == gpe


@pytest.mark.parametrize("text, expected", [
    # states, prefectures and regions abroad after their country, and the next of a list
    ("省长会见美国加利福尼亚州和俄亥俄州代表团。", ["美国", "加利福尼亚州", "俄亥俄州"]),
    ("日本福井县知事来访。", ["日本", "福井县"]),
    ("与德国巴伐利亚州、法国阿尔萨斯大区开展合作。", ["德国", "巴伐利亚州", "法国", "阿尔萨斯大区"]),
    # no name before the ending: 各州, 州长; China's own divisions are the table's
    ("美国各州州长出席。", ["美国"]),
    ("中国地区代表出席。", ["中国"]),
])
def test_divisions_abroad(extract, text, expected):
    rec = checked(extract, text)
    assert by_label(rec, "GPE") == expected
    assert by_label(rec, "PERSON") == []


def test_a_division_abroad_carries_its_country(extract):
    rec = extract("澳大利亚维多利亚州州长来访。")
    e = [x for x in rec["entities"] if x["text"] == "维多利亚州"]
    assert len(e) == 1 and e[0]["label"] == "GPE" and e[0]["country"]


@pytest.mark.stage("suffixed")
def test_a_provinces_area_of_a_park_is_no_zone(extract):
    text = "祁连山国家公园青海片区生态持续向好。"
    rec = checked(extract, text)
    assert by_label(rec, "LOC") == ["祁连山国家公园"]
    assert by_label(rec, "GPE") == ["青海"]


@pytest.mark.parametrize("text, expected", [
    # the great regions written bare
    ("华北、华南等地出现强降雨。", ["华北", "华南"]),
])
def test_great_regions(extract, text, expected):
    rec = checked(extract, text)
    assert by_label(rec, "LOC") == expected


@pytest.mark.stage("suffixed")
@pytest.mark.parametrize("text, loc, gpe", [
    # a country and a joining word before a venue or zone that starts with no place
    ("论坛在会场设中国与葡语国家形象展示馆。", ["中国与葡语国家形象展示馆"], []),
    # a zone that starts with its own place keeps the countries apart
    ("推动中国与马来西亚钦州产业园区合作。", ["钦州产业园区"], ["中国", "马来西亚"]),
])
def test_countries_joined_before_a_facility(extract, text, loc, gpe):
    rec = checked(extract, text)
    assert by_label(rec, "LOC") == loc
    assert by_label(rec, "GPE") == gpe


@pytest.mark.parametrize("text, expected", [
    # the islands and parts of Hong Kong and Macau that are no districts
    ("氹仔和路环的居民可免费接种。", ["氹仔", "路环"]),
    ("新界、九龙和港岛均有降雨。", ["新界", "九龙", "港岛"]),
])
def test_parts_of_hong_kong_and_macau(extract, text, expected):
    rec = checked(extract, text)
    assert by_label(rec, "LOC") == expected
    assert by_label(rec, "PERSON") == []


@pytest.mark.stage("suffixed")
def test_a_facility_of_a_part_of_macau(extract):
    text = "氹仔客运码头直升机场室内装修工程今日动工。"
    rec = checked(extract, text)
    assert by_label(rec, "LOC") == ["氹仔客运码头直升机场"]


@pytest.mark.stage("suffixed")
@pytest.mark.parametrize("text, expected", [
    # a named place's facility right after it: one LOC
    ("外港客运码头直升机场恢复运营。", ["外港客运码头直升机场"]),
    # not across words: a verb between (召开), or modifiers (休闲度假)
    ("西咸新区召开产业园区建设推进会。", ["西咸新区"]),
    ("全力打造龙门温泉小镇休闲度假综合体。", ["龙门温泉小镇"]),
    ("金沙湾景区和国家级经济技术开发区同步推进。", ["金沙湾景区"]),
])
def test_a_facility_of_a_named_place(extract, text, expected):
    rec = checked(extract, text)
    assert by_label(rec, "LOC") == expected


@pytest.mark.stage("suffixed")
def test_no_facility_of_a_temple_across_verbs(extract):
    # a one-character suffix after verbs is no facility of the temple before it
    text = "哲蚌寺加强创新寺庙管理。"
    rec = checked(extract, text)
    assert by_label(rec, "LOC") == ["哲蚌寺"]


@pytest.mark.parametrize("text, loc", [
    # a stream named right after its town
    ("公路起于石门镇白沙溪,止于河口镇。", ["白沙溪"]),
    # not a village (…山村), nor across a place found (琼中|经|五指山)
    ("石门镇青山村举办活动。", []),
    ("高速公路自琼中县经五指山至乐东。", []),
])
def test_features_after_their_town(extract, text, loc):
    rec = checked(extract, text)
    assert by_label(rec, "LOC") == loc


def test_landmarks_of_hong_kong_and_macau(extract):
    text = "烟花汇演在维港举行,议事亭前地和尖沙咀游人如织。"
    rec = checked(extract, text)
    assert by_label(rec, "LOC") == ["维港", "议事亭前地", "尖沙咀"]


@pytest.mark.parametrize("text, expected", [
    # a list of town + village pairs: the town after a village is a town too
    ("书记走访了石门镇绍良村、柳店镇常平村,看望群众。", ["石门镇", "绍良村", "柳店镇", "常平村"]),
    # 了 after a verb of going starts no village's name
    ("工作组走访了绍良村、张家村。", ["绍良村", "张家村"]),
])
def test_towns_and_villages_in_lists(extract, text, expected):
    rec = checked(extract, text)
    assert by_label(rec, "GPE") == expected


@pytest.mark.stage("suffixed")
def test_a_venue_where_the_curtain_rises(extract):
    rec = checked(extract, "交流周开幕式晚会在内蒙古乌兰恰特拉开帷幕。")
    assert by_label(rec, "LOC") == ["内蒙古乌兰恰特"]


@pytest.mark.parametrize("text, expected", [
    # a township found in full, written again without its ending
    ("工作组深入竹塘乡东主村调研。要结合主任在竹塘调研时的讲话精神。", ["竹塘乡", "东主村", "竹塘"]),
    # not inside a longer word (新华社)
    ("新华镇召开会议,新华社记者报道。", ["新华镇"]),
])
def test_townships_written_short(extract, text, expected):
    rec = checked(extract, text)
    assert by_label(rec, "GPE") == expected
