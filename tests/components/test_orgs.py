"""Organisations: government bodies from parts, head + suffix names; the words
that start no body (rules/orgs/left_words.txt, generated from jieba's
dictionary)."""
import subprocess
import sys
from pathlib import Path

import pytest

from newsextract import rules

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.stage("suffixed")


def orgs(record, label="ORG"):
    return [e["text"] for e in record["entities"] if e["label"] == label]


@pytest.mark.parametrize("text, expected", [
    ("由山东省工业和信息化厅、泰安市人民政府联合举办。", ["山东省工业和信息化厅", "泰安市人民政府"]),
    ("龙口市工信局代表集群参加会议。", ["龙口市工信局"]),
    ("得到了省工信厅的充分肯定。", ["省工信厅"]),
    ("贯彻落实省委、省政府工作部署。", ["省委", "省政府"]),
    ("工信部中小企业局王岩琴处长出席。", ["工信部中小企业局"]),
    ("国家统计局济宁调查队发布数据。", ["国家统计局济宁调查队"]),
    ("天津市人民政府办公厅印发通知。", ["天津市人民政府办公厅"]),
    ("中华人民共和国国家统计局发布。", ["中华人民共和国国家统计局"]),
    ("认真贯彻落实党中央国务院决策部署。", ["党中央", "国务院"]),
    ("民革市委会、民盟市委会负责人发言。", ["民革市委会", "民盟市委会"]),
    ("观摩了河北捷通网业公司、永鸿网业公司。", ["河北捷通网业公司", "永鸿网业公司"]),
    ("机械工业信息研究院副所长作报告。", ["机械工业信息研究院"]),
    ("成立了龙口市普惠中小企业服务中心。", ["龙口市普惠中小企业服务中心"]),
    ("签约企业为四川涪江电子集团有限责任公司。", ["四川涪江电子集团有限责任公司"]),
    ("任建国走进安徽华宇再生资源集团有限公司。", ["安徽华宇再生资源集团有限公司"]),
    ("与深圳市鸿力新材料科技有限公司签约。", ["深圳市鸿力新材料科技有限公司"]),
    # A body word ending the text (its last character, 院 or 部, is no longer a word of its own there)
    ("国务院，国务院", ["国务院", "国务院"]),
    ("主办单位：工信部", ["工信部"]),
])
def test_org_forms(extract, text, expected):
    assert orgs(extract(text)) == expected


@pytest.mark.parametrize("text", [
    "各部门要落实工信部门的要求。",     # 工信部 inside 工信部门
    "国有控股企业增加值增长7.7%。",
    "建成国家级智能制造示范工厂。",
    "县会议中心",
])
def test_not_orgs(extract, text):
    assert orgs(extract(text)) == []


@pytest.mark.parametrize("text, expected", [
    ("观摩了安平县聚成国际物流产业园。", ["安平县聚成国际物流产业园"]),
    ("落户长葛经济技术开发区。", ["长葛经济技术开发区"]),
    ("服务京津冀协同发展和环渤海经济圈。", ["京津冀", "环渤海经济圈"]),  # the longest name
])
def test_named_zones_and_regions_are_loc(extract, text, expected):
    assert orgs(extract(text), "LOC") == expected


@pytest.mark.parametrize("text", [
    "促进国家级经济技术开发区创新提升。",
    "加强新形势下开发区建设。",
])
def test_kinds_of_zone_are_not_loc(extract, text):
    assert orgs(extract(text), "LOC") == []


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
