"""Dates: what the case files (tests/cases/dates/) cannot say: the publication
date a page states (or does not) and what it resolves, and the fast scan of
where a date can start against the plain regex."""
import pytest

pytestmark = pytest.mark.stage("dates")

def dates(record):
    return [(d["text"], d["value"]) for d in record["dates"]]


def test_published_found_in_text_resolves_relative_dates(extract):
    rec = extract("全市工业经济运行情况\n发布时间:2023-08-17 09:40\n1-7月,全市规模以上工业增加值增长5.1%。")
    assert rec["published"] == "2023-08-17"
    assert ("1-7月", "2023-01/2023-07") in dates(rec)


def test_dated_header_gives_published(extract):
    rec = extract("4月份国民经济运行总体平稳 (2018年5月15日) 国家统计局\n4月份,全国规模以上工业增加值增长7.0%。")
    assert rec["published"] == "2018-05-15"
    assert ("4月份", "2018-04") in dates(rec)


def test_trying_patterns_only_where_a_date_can_start_finds_what_finditer_finds(extractor):
    """`starts` in rules/dates/patterns.yaml must hold the first character of
    every pattern: on every corpus document (and the dev-style forms above)
    the fast scan gives exactly the matches of the plain finditer."""
    from conftest import corpus_documents

    finder = extractor.nlp.get_pipe("dates")
    texts = [d["text"] for d in corpus_documents()]
    texts += ["今(8)日上午", "上月20日", "同年5月", "第一季度", "届时", "现阶段", "此前", "未来三年",
              "十月份", "两年来", "百日", "下半年", "昨日下午", "日前", "近年来", "目前", "2024.5.6", "6.5.2024",
              # digit runs: what may follow one where a date starts, and what may not
              "2024-03-05", "2024/3/5", "3-5月", "1至3月", "3～5日", "2—3月", "2–3月", "1季度", "2024全省",
              "2024年度", "2024第一", "2024首届", "2024春季", "2024中国", "2024世界", "15天", "3个月", "3个多月",
              "5周年", "10小时", "3个工作日", "2星期", "10号", "12345年", "20245月", "3.5亿元", "2024 年",
              "１２月", "第3季度", "30日内", "5.6.2024", "2024年3月5日至7日",
              "二○○四年", "一九九0年", "后(19)日", "昨(3)日", "4月25、26日", "连续3日", "22日至24日",
              "一至三季度", "5 月 13 日", "2019年12月至2020年2月", "今年7月16日至24日", "三月三",
              # after a space, a point or 个: what may follow where a date starts, and what may not
              "2024 5月3日", "2024  5月3日", "2024 五月三日", "5 号", "10:30 来源", "1.加强", "12.5.3",
              "2024.12.31", "31.12.2024", "1.5.2024", "3个百分点", "3个星期", "12个多月", "3个国家"]
    n = 0
    for text in texts:
        expected = [m.span() for m in finder.regex.finditer(text)]
        assert [m.span() for m in finder.finditer(text)] == expected, text[:40]
        n += len(expected)
    assert n > 900


def test_archive_stamp_is_not_the_publication_date(extract):
    rec = extract("归档时间:2019-11-02\n\n县政府召开常务会议\n5月8日,县政府召开常务会议。")
    assert rec["published"] is None
    assert ("5月8日", "XXXX-05-08") in dates(rec)


@pytest.mark.parametrize("text, published", [
    ("市长调研重点项目\n\n2020年12月03日08:51  来源:本地日报\n\n12月2日,市长深入企业调研。", "2020-12-03"),
    ("气象局启动应急响应\n2014-09-16 16:35:00 来源:本地广播网\n9月15日,全省普降暴雨。", "2014-09-16"),
    ("文摘   2024-11-24 19:48   内蒙古\n\n11月24日,考察团来我市考察。", "2024-11-24"),
])
def test_a_timestamp_line_gives_published(extract, text, published):
    rec = extract(text)
    assert rec["published"] == published
    assert all(d["value"].startswith(published[:4]) for d in rec["dates"] if d["value"])


def test_an_archive_timestamp_with_a_clock_time_is_not_published(extract):
    assert extract("归档时间:2019-11-02 10:20\n\n县政府召开常务会议\n5月8日,县政府召开常务会议。")["published"] is None


def test_a_paper_page_header_with_its_weekday_gives_published(extract):
    rec = extract("2023年09月08日 星期五\n第A02版:要闻\n\n9月7日,全市乡村建设推进会召开。")
    assert rec["published"] == "2023-09-08"
    assert ("9月7日", "2023-09-07") in dates(rec)


@pytest.mark.parametrize("text, published", [
    # a date labelled in English on a page, and a dated line that says it
    # was published there
    (" date 2025-09-25 9月24日下午,自治区召开庆祝大会。", "2025-09-25"),
    ("Published: 2024-03-05\n3日,市政府召开常务会议。", "2024-03-05"),
    ("高层人事调整\n\n2001年1月13日发表\n\n【本报讯】1月12日,省人大常委会通过任免事项。", "2001-01-13"),
    ("发布于2022年6月8日\n7日,全县召开防汛会议。", "2022-06-08"),
])
def test_more_ways_a_page_states_its_publication_date(extract, text, published):
    assert extract(text)["published"] == published


@pytest.mark.parametrize("text", [
    "update 2024-03-05\n3日,全县召开会议。",       # an English word that ends in "date"
    "归档日期:2024-03-05\n3日,全县召开会议。",     # an archive stamp (settled case)
])
def test_labels_that_state_no_publication_date(extract, text):
    assert extract(text)["published"] is None


@pytest.mark.parametrize("text", [
    # an event's or a deadline's date, labelled or placed by the sentence,
    # even with a clock time, is not the page's
    "书画展开幕\n活动时间:2024年3月9日 9:30\n地点:市民中心一楼展厅",
    "关于组织参加技能竞赛的通知\n截止日期:2024-03-09\n请各单位按时报名。",
    "全市安全生产工作会议将于2024年3月9日 9:30在市民中心举行。",
])
def test_an_events_date_is_not_the_publication_date(extract, text):
    assert extract(text)["published"] is None
