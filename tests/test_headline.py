"""The headline finder: page furniture before a headline is skipped (menus,
breadcrumbs, site names, image names, dates, sources, bylines, speakers),
body text first means no headline, and an official document's title broken
over lines is joined. Texts written for the test in the shape scraped pages
have."""
import pytest

from newsextract.metadata import Metadata

BODY = "6月30日，全市制造业重点产业链高质量发展协商座谈会在市级机关召开。市委副书记、市长刘建军主持会议并讲话。"


@pytest.fixture(scope="module")
def meta():
    return Metadata()


@pytest.mark.parametrize("head, title", [
    # image names, separators, language switch, site chrome
    ("1000_165px;\n设为首页 加入收藏\n当前位置:首页 > 专题 > 会议信息\n970_105px;\n", "全市产业链座谈会召开"),
    ("|\n|\nEN\nhttps://www.example.gov.cn/\n", "全市产业链座谈会召开"),
    ("跳過導航\n澳門特別行政區政府入口網站\n新聞\n顯示模式: 網格 列表\n", "全市产业链座谈会召开"),
    ("首頁/必讀/視頻/專訪/運營/制造/監管\n", "全市产业链座谈会召开"),
    ("top top top\n第A22版:要闻 上一版3  4下一版\n      本版標題導航\n", "全市产业链座谈会召开"),
    ("新闻热线 0891-6325020\n数字报系\n移动端\n", "全市产业链座谈会召开"),
    ("国内统一刊号:CN64-0001 日报报业集团出版\n上一篇         下一篇\n", "全市产业链座谈会召开"),
    ("《某某日报》 《某某商报》 《某某法制报》\n2024年01月01日\n", "全市产业链座谈会召开"),
    ("(资料图)\n图为会议现场。张三 摄\n", "全市产业链座谈会召开"),
])
def test_page_furniture_before_the_headline_is_skipped(meta, head, title):
    assert meta.headline(f"{head}{title}\n{BODY}") == title


@pytest.mark.parametrize("after", [
    "2019-03-14 12:28 來源: 中國網\n字號:默認 超大 | 打印 |\n",
    "发布日期:2022-04-07 19:53:53 发布者:前进发布 来源: 浏览量:3791\n",
    "記者 辛圓\n",
    "(2016年10月19日)\n",
])
def test_metadata_after_the_headline_does_not_matter(meta, after):
    assert meta.headline(f"全市产业链座谈会召开\n{after}{BODY}") == "全市产业链座谈会召开"


@pytest.mark.parametrize("text", [
    BODY + "\n来源:龙口市人民政府",                   # body first
    "主持人 曲衛國:\n" + BODY,                          # a presenter's line, then the transcript
    "記者 辛圓\n" + BODY,                              # a byline, then the body
    "|\n2月19日上午,黑河市四屆人大常委會召開第二十八次會議。\n" + BODY,
    "一、综合\n" + BODY,                                # a numbered section is body text
    "全市产业链座谈会召开",                              # nothing after it
    "2018年7月4日\n" + "|\n" * 20 + "全市产业链座谈会召开\n" + BODY,  # too far down
])
def test_no_headline_where_body_text_comes_first(meta, text):
    assert meta.headline(text) is None


def test_an_official_documents_broken_title_is_joined(meta):
    assert meta.headline("湖南省人民政府\n關于下達《湖南省2017年國民經濟和\n社會發展計劃》的通知\n湘政發〔2017〕10號\n"
                         "各市州、縣市區人民政府:\n" + BODY) == "湖南省人民政府關于下達《湖南省2017年國民經濟和社會發展計劃》的通知"
    assert meta.headline("某发〔2021〕5号\n中共某某新区工作委员会\n某某新区管理委员会\n关于印发《实施方案》的通知\n"
                         + BODY) == "中共某某新区工作委员会 某某新区管理委员会关于印发《实施方案》的通知"
    assert meta.headline("发布时间:2024-11-01 21:09:52\n国务院关于推动某地高质量发展\n奋力书写新篇章的意见\n国发〔2023〕16号\n"
                         + BODY) == "国务院关于推动某地高质量发展奋力书写新篇章的意见"
    # A blank line between, or no document type at the end: not one title.
    assert meta.headline("湖南省人民政府\n\n關于下達計劃的通知\n" + BODY) == "湖南省人民政府"
    assert meta.headline("全市产业链座谈会召开\n刘建军主持并讲话\n" + BODY) == "全市产业链座谈会召开"


def test_what_the_headline_keeps_and_cuts(meta):
    # as written: traditional characters and pinyin annotations kept, judged on the clean text
    annotated = "全市制造業(yè)重點(diǎn)產(chǎn)業(yè)鏈高質(zhì)量發(fā)展協(xié)商座談會(huì)召開(kāi)"
    assert len(annotated) > 60 and meta.headline(f"{annotated}\n{BODY}") == annotated
    assert meta.headline("賀一誠明日率團訪問葡萄牙分享到:\n" + BODY) == "賀一誠明日率團訪問葡萄牙"
    assert meta.headline("原标题:市政府召开常务会议 市长主持\n" + BODY) == "市政府召开常务会议 市长主持"
    assert meta.headline("国台办:过去十年两岸贸易大增,台商投资大陆稳增\n" + BODY) == "国台办:过去十年两岸贸易大增,台商投资大陆稳增"
    assert meta.headline("[水污染防治]关于公布断面评价结果的通知 | |\n" + BODY) == "[水污染防治]关于公布断面评价结果的通知"
    # sites' names are not headlines, a headline about the internet is
    assert meta.headline("关注东北网\n推进工业互联网\n" + BODY) == "推进工业互联网"
