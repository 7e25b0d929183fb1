"""More organisations: a place's Party committee, term numbers, units before
a post, zone administrations, missions abroad, datelines, village bodies,
known companies and the short names of companies named in full."""
import pytest

pytestmark = pytest.mark.stage("suffixed")


def org_spans(record):
    return [e for e in record["entities"] if e["label"] == "ORG"]


def orgs(record):
    return [e["text"] for e in org_spans(record)]


@pytest.mark.parametrize("text, expected", [
    ("阜阳市委常委、副市长何向东出席会议。", ["阜阳市委"]),
    ("赣州市委书记李志强、市长王强出席。", ["赣州市委"]),
    ("中国共产党上饶市第六届委员会第九次全体会议在市委党校召开。", ["中国共产党上饶市第六届委员会", "市委党校"]),
    ("政协遵义市第五届委员会常务委员会第十五次会议召开。", ["政协遵义市第五届委员会常务委员会"]),
    ("全会由市委常委会主持。", ["市委常委会"]),
    ("省统计局工业统计处处长卢思源回答记者提问。", ["省统计局工业统计处"]),
    ("任命蓝晓峰为市生态环境局龙泉分局局长。", ["市生态环境局龙泉分局"]),
    ("市税务局党委书记、局长柏宏亮介绍。", ["市税务局"]),
    ("东湖高新区管委会主任邵长青致辞。", ["东湖高新区管委会"]),
    ("任命雷春来为丽水经济技术开发区管理委员会副主任。", ["丽水经济技术开发区管理委员会"]),
    ("德国驻华大使馆公使衔参赞托马斯出席。", ["德国驻华大使馆"]),
    ("2024-06-05 来源：林芝报 7月19日，全会召开。", ["林芝报"]),
    ("妙源村党支部书记、村委会主任徐建林介绍。", ["妙源村党支部", "村委会"]),
    ("国网浏阳市供电公司组织实施。", ["国网浏阳市供电公司"]),
    ("中国科学院大连化学物理研究所与企业合作。", ["中国科学院大连化学物理研究所"]),
    ("浙江泓源电机股份有限公司在上海证券交易所主板挂牌上市。", ["浙江泓源电机股份有限公司", "上海证券交易所"]),
    ("江西赣铜新材料科技有限公司项目开工。赣铜新材负责人介绍。", ["江西赣铜新材料科技有限公司", "赣铜新材"]),
    ("宁德时代、比亚迪等龙头企业加快布局。", ["宁德时代", "比亚迪"]),
])
def test_more_org_forms(extract, text, expected):
    record = extract(text)
    assert orgs(record) == expected
    for e in org_spans(record):
        assert text[e["start"]:e["end"]] == e["text"]


@pytest.mark.parametrize("text", [
    "各开发区管委会：现将有关事项通知如下。",     # every zone's, none in particular
    "各镇人民政府、街道办事处：",
    "赣市府办发〔2024〕1号",                       # a document number
    "全市建成9个工作组和6个产业技术研究院。",     # counted kinds, not names
    "中国银行业协会发布报告。",                   # 中国银行 inside 中国银行业
    "今年以来公司新增出口订单18笔。",
])
def test_not_more_orgs(extract, text):
    assert "中国银行" not in orgs(extract(text))
    if "银行业" not in text:
        assert orgs(extract(text)) == []


def test_gpe_kept_outside_body(extract):
    record = extract("阜阳市委常委、副市长何向东到阜阳市调研。")
    assert "阜阳市委" in orgs(record)
    assert "阜阳市" in [e["text"] for e in record["entities"] if e["label"] == "GPE"]
