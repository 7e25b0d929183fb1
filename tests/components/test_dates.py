"""Dates: each form with its value, resolved against `published` when known."""
import pytest

pytestmark = pytest.mark.stage("dates")

PUB = "2023-12-20"


def dates(record):
    return [(d["text"], d["value"]) for d in record["dates"]]


@pytest.mark.parametrize("text, published, expected", [
    ("会议于2023年12月8日召开。", None, ("2023年12月8日", "2023-12-08")),
    ("发布于2023-12-08。", None, ("2023-12-08", "2023-12-08")),
    ("发布于2023.12.08。", None, ("2023.12.08", "2023-12-08")),
    ("发布于2023/12/8。", None, ("2023/12/8", "2023-12-08")),
    ("时间:30.10.2015  10:19", None, ("30.10.2015", "2015-10-30")),
    ("二〇二三年十二月八日,大会开幕。", None, ("二〇二三年十二月八日", "2023-12-08")),
    ("12月8日,全市召开会议。", PUB, ("12月8日", "2023-12-08")),
    ("12月8日,全市召开会议。", None, ("12月8日", "XXXX-12-08")),
    ("9月19日下午,调研组来到企业。", "2023-09-20", ("9月19日下午", "2023-09-19")),
    ("2017年3月起参与研发。", None, ("2017年3月", "2017-03")),
    ("2023年,全市经济稳中有进。", None, ("2023年", "2023")),
    ("2021年至2025年,全省将实施。", None, ("2021年至2025年", "2021/2025")),
    ("1-7月,全市工业增长。", "2023-08-15", ("1-7月", "2023-01/2023-07")),
    ("1至8月份,全市工业增长。", "2023-09-15", ("1至8月份", "2023-01/2023-08")),
    ("1—4月,全市工业增长。", "2018-05-15", ("1—4月", "2018-01/2018-04")),
    ("1-4月份,规模以上工业增长。", "2018-05-15", ("1-4月份", "2018-01/2018-04")),
    ("一季度,全省生产总值增长。", "2024-04-20", ("一季度", "2024-01/2024-03")),
    ("前三季度,全省生产总值增长。", "2016-10-19", ("前三季度", "2016-01/2016-09")),
    ("上半年,全省生产总值增长。", "2024-07-15", ("上半年", "2024-01/2024-06")),
    ("前8个月,进出口总值增长。", "2024-09-10", ("前8个月", "2024-01/2024-08")),
    ("2023年12月8日至10日,博览会举行。", None, ("2023年12月8日至10日", "2023-12-08/2023-12-10")),
    ("上年12月份,价格上涨。", "2019-01-15", ("上年12月份", "2018-12")),
    ("今年1-2月份,经济运行平稳。", "2019-03-14", ("今年1-2月份", "2019-01/2019-02")),
    ("今(18)日,推介会在临沂举行。", "2024-06-18", ("今(18)日", "2024-06-18")),
    ("2023全省特色产业集群发展工作会议召开。", None, ("2023", "2023")),
    ("8月末,存款余额增长。", "2024-09-10", ("8月末", "2024-08")),
    ("5月至6月,开展专项行动。", "2024-04-01", ("5月至6月", "2024-05/2024-06")),
    ("去年12月17日,项目开工。", "1998-05-02", ("去年12月17日", "1997-12-17")),
    ("使馆开馆仪式二十八日举行。", "1998-04-30", ("二十八日", "1998-04-28")),
    ("４月中旬,全省开展检查。", "1998-05-02", ("４月中旬", "1998-04")),
])
def test_date_forms(extract, text, published, expected):
    assert expected in dates(extract(text, published))


@pytest.mark.parametrize("text", [
    "印发《通知》(鲁政发〔2024〕1号)。",         # document numbers
    "经过七年攻堅,三年来成效明显。",              # durations
    "日前,近年来,目前,今后,下一步工作。",       # vague words
    "咨询电话:0531-86061234。",                   # phone numbers
    "办理时限压缩至14个工作日。",
])
def test_not_dates(extract, text):
    assert [d for d in extract(text)["dates"] if d["value"]] == []


def test_published_found_in_text_resolves_relative_dates(extract):
    rec = extract("全市工业经济运行情况\n发布时间:2023-08-17 09:40\n1-7月,全市规模以上工业增加值增长5.1%。")
    assert rec["published"] == "2023-08-17"
    assert ("1-7月", "2023-01/2023-07") in dates(rec)


def test_traditional_date_keeps_original_text(extract):
    rec = extract("上年12月份,價格上漲。", "2019-01-15")
    assert ("上年12月份", "2018-12") in dates(rec)


@pytest.mark.parametrize("text, published, expected", [
    ("经过七年攻坚。", None, ("七年", "duration", None, "P7Y")),
    ("三年来成效明显。", None, ("三年来", "duration", None, "P3Y")),
    ("14个工作日内办结。", None, ("14个工作日内", "duration", None, "P14D")),
    ("今年以来,全市经济运行平稳。", "2024-05-06", ("今年以来", "relative", "2024", None)),
    ("去年同期增长3%。", "2024-05-06", ("去年同期", "relative", "2023", None)),
    ("上月,全市出口增长。", "2024-01-06", ("上月", "relative", "2023-12", None)),
    ("昨天下午,会议召开。", "2024-03-01", ("昨天下午", "relative", "2024-02-29", None)),
    ("今年,全市经济运行平稳。", None, ("今年", "relative", None, None)),
    ("日前,全市召开会议。", None, ("日前", "vague", None, None)),
    ("近年来,全市加快发展。", None, ("近年来", "vague", None, None)),
])
def test_relative_vague_and_durations_have_no_value(extract, text, published, expected):
    got = [(d["text"], d["type"], d.get("resolved"), d.get("duration")) for d in extract(text, published)["dates"]
           if d["value"] is None]
    assert expected in got


@pytest.mark.parametrize("text, published, expected", [
    ("8日,全市召开会议。", "2023-12-10", ("8日", "2023-12-08")),
    ("本月8日召开。", "2023-12-10", ("本月8日", "2023-12-08")),
    ("上月28日召开。", "2024-01-10", ("上月28日", "2023-12-28")),
])
def test_days_of_the_publication_month(extract, text, published, expected):
    assert expected in dates(extract(text, published))


def test_document_number_is_not_a_day(extract):
    assert dates(extract("印发通知(津政办发〔2017〕10号)。", "2017-10-09")) == []


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
              "一至三季度", "5 月 13 日", "2019年12月至2020年2月", "今年7月16日至24日", "三月三"]
    n = 0
    for text in texts:
        expected = [m.span() for m in finder.regex.finditer(text)]
        assert [m.span() for m in finder.finditer(text)] == expected, text[:40]
        n += len(expected)
    assert n > 900


@pytest.mark.parametrize("text, published, expected", [
    # day-first numeric dates (Macau and Portuguese-style pages)
    ("新闻发布\n23/09/2021\n特区政府今日公布。", None, ("23/09/2021", "2021-09-23")),
    ("更新于07-03-2022。", None, ("07-03-2022", "2022-03-07")),
    # 份 on the first month of a range
    ("1月份-5月份,全市外贸进出口增长。", None, ("1月份-5月份", "XXXX-01/XXXX-05")),
    ("今年1月份至4月份,税收收入增长。", "2022-05-20", ("今年1月份至4月份", "2022-01/2022-04")),
    ("2022年1月份-9月份,全县工业增长。", None, ("2022年1月份-9月份", "2022-01/2022-09")),
    # a year before a space, spaced digits, two hyphens in a range
    ("2022 3月15日,推介会举行。", None, ("2022 3月15日", "2022-03-15")),
    ("于2018年 9 月开工建设。", None, ("2018年 9 月", "2018-09")),
    ("9月6--8日,考察团赴外省学习。", "2015-09-20", ("9月6--8日", "2015-09-06/2015-09-08")),
    # year-end and first N months
    ("到2026年底,建成示范园区。", None, ("2026年底", "2026-12")),
    ("2019年末,全县常住人口减少。", None, ("2019年末", "2019-12")),
    ("二零一九年首九个月,访港旅客下跌。", None, ("二零一九年首九个月", "2019-01/2019-09")),
    # 今(X)日 in Chinese numerals
    ("行政长官今(十五)日出席活动。", "2019-03-15", ("今(十五)日", "2019-03-15")),
    # a year that prefixes an event's name
    ("2021两岸企业家峰会年会在厦门举行。", None, ("2021", "2021")),
    ("第三届发展大会暨2022经贸洽谈会开幕。", None, ("2022", "2022")),
    ("“携手共进——2016澳门巡回展”举行。", None, ("2016", "2016")),
    # spaced-out characters
    ("调查组于 2020 年 10 月 9 日进驻。", None, ("2020 年 10 月 9 日", "2020-10-09")),
])
def test_newer_date_forms(extract, text, published, expected):
    assert expected in dates(extract(text, published))


@pytest.mark.parametrize("text, published, expected", [
    # a bare day takes the month just named, before the publication month
    ("论坛将于7月9日开幕,10日举行主论坛。", "2021-06-30", ("10日", "2021-07-10")),
    ("8月2日夜间至3日上午,全市普降暴雨。", None, ("3日上午", "XXXX-08-03")),
    # a year written earlier in the same sentence (settled case)
    ("2022年12月和1-12月,全省出口均有增长。", "2023-01-16", ("1-12月", "2022-01/2022-12")),
    ("2020年全年营收增长,其中4月份降幅收窄。", None, ("4月份", "2020-04")),
    # ... but not across sentences, and not from a range of years
    ("2020年营收增长。4月份降幅收窄。", None, ("4月份", "XXXX-04")),
    ("2021年至2025年全省推进改革,该办法自3月1日起施行。", None, ("3月1日", "XXXX-03-01")),
    # with no publication date, the one year the headline names
    ("2017年6月工作动态\n5日,召开全体会议。\n12日,开展培训。", None, ("12日", "2017-06-12")),
    ("全市经济运行情况\n9月份,消费市场回暖。", None, ("9月份", "XXXX-09")),
    # ... also behind a site's and a section's name, or on a dated line above the body
    ("特区政府网站\n新闻\n2020年1月至3月住宅价格指数\n统计局资料显示,指数下跌。\n相关道路5月11日实施交通管制。",
     None, ("5月11日", "2020-05-11")),
    ("两副省长辞职\n2001年1月13日发表\n【本报讯】1月13日消息:昨天,省人大常委会通过决定。", None,
     ("1月13日", "2001-01-13")),
    # ... but not when the lines above the body name two years
    ("2019年工作回顾\n2020年工作安排\n3月5日,召开全体会议。", None, ("3月5日", "XXXX-03-05")),
])
def test_years_and_months_from_the_text_around(extract, text, published, expected):
    assert expected in dates(extract(text, published))


@pytest.mark.parametrize("text, published", [
    ("深入贯彻落实国发2号文件精神。", "2024-05-02"),    # a document number
    ("截至三月底的三个月,与先前三个月比较有所上升。", None),  # 先前三个月 is no period
])
def test_more_not_dates(extract, text, published):
    """Document numbers and 先前三个月 give no date."""
    got = [d["text"] for d in extract(text, published)["dates"] if d["value"]]
    assert "2号" not in got and "前三个月" not in got


def test_archive_stamp_is_not_the_publication_date(extract):
    rec = extract("归档时间:2019-11-02\n\n县政府召开常务会议\n5月8日,县政府召开常务会议。")
    assert rec["published"] is None
    assert ("5月8日", "XXXX-05-08") in dates(rec)


@pytest.mark.stage("figures")  # the count is a figure
def test_a_count_of_years_is_no_year_in_a_name(extract):
    rec = extract("共有2019家企业参加招商推介会。")
    assert [d["text"] for d in rec["dates"] if d["value"]] == []
    assert [(f["text"], f["value"]) for f in rec["figures"]] == [("2019家", 2019)]


@pytest.mark.parametrize("text, expected", [
    ("2019年2月10日开幕,30日闭幕。", [("2019年2月10日", "2019-02-10")]),   # no 30 February: no date
    ("2019年销售增长,2月29日停产。", [("2019年", "2019"), ("2月29日", "XXXX-02-29")]),  # 2019 has no 29 February
])
def test_a_day_that_the_context_year_or_month_lacks(extract, text, expected):
    assert dates(extract(text)) == expected


@pytest.mark.parametrize("text, published, expected", [
    # ranges across a year's end
    ("2022年12月至2023年2月,住宅价格指数下跌。", None, ("2022年12月至2023年2月", "2022-12/2023-02")),
    ("2023年11月1日至2024年1月31日开展专项整治。", None,
     ("2023年11月1日至2024年1月31日", "2023-11-01/2024-01-31")),
    ("2018年9月—2021年6月任县长。", None, ("2018年9月—2021年6月", "2018-09/2021-06")),
    # a relative year before a range of days
    ("今年8月3日至9日,考察团赴东盟访问。", None, ("今年8月3日至9日", "XXXX-08-03/XXXX-08-09")),
    ("今年8月3日至9日,考察团赴东盟访问。", "2024-08-20", ("今年8月3日至9日", "2024-08-03/2024-08-09")),
    # a range of bare days takes the month of the dateline
    ("本报昆明6月12日讯 省长10日至12日在滇西调研。", None, ("10日至12日", "XXXX-06-10/XXXX-06-12")),
    # a range of quarters
    ("一至三季度,全县规上工业增加值增长。", "2022-10-25", ("一至三季度", "2022-01/2022-09")),
    # two days under one month: the second takes the month of the first
    ("展会于9月14、15日在会展中心举行。", None, ("15日", "XXXX-09-15")),
    ("多条巴士线路于3月8及9日改道。", None, ("3月8", "XXXX-03-08")),
    # 中下旬 stays in the span
    ("预计10月中下旬完成收割。", "2023-09-01", ("10月中下旬", "2023-10")),
    # zero written ○ or 0 in a year of Chinese numerals
    ("二○一九年三月五日,会议开幕。", None, ("二○一九年三月五日", "2019-03-05")),
    ("从一九九0年开始开发开放。", None, ("一九九0年", "1990")),
    # spaces around 月 and 日
    ("5 月 13 日  市长会见客人。", None, ("5 月 13 日", "XXXX-05-13")),
])
def test_ranges_lists_and_written_forms(extract, text, published, expected):
    assert expected in dates(extract(text, published))


@pytest.mark.parametrize("text, published, expected", [
    # 昨(X)日, 明(X)日, 后(X)日 (Macau and Taiwan releases)
    ("广西新闻网6月18日讯 昨(17)日,考察团抵达南宁。", None, ("昨(17)日", "XXXX-06-17")),
    ("行政长官明(18)日发表施政报告。", "2025-11-17", ("明(18)日", "2025-11-18")),
    ("行政长官后(19)日列席立法会。", "2025-11-17", ("后(19)日", "2025-11-19")),
    # the day before the 1st is in the month before
    ("昨(30)日,特区政府召开记者会。", "2020-12-01", ("昨(30)日", "2020-11-30")),
    # with a publication date, 今(X)日 keeps its month (not the month just named)
    ("5月3日发布通告。卫生局今(7)日举行记者会。", "2020-06-07", ("今(7)日", "2020-06-07")),
])
def test_days_written_against_the_publication_date(extract, text, published, expected):
    assert expected in dates(extract(text, published))


def test_a_headline_year_before_the_publication_year(extract):
    """2021年12月大事记 published in January 2022: 12月1日 is December 2021,
    while a day its year would put before the publication stays in 2022."""
    rec = extract("2021年12月沈阳大事记\n12月1日 市委召开常委会。\n1月10日 报送本刊。", "2022-01-20")
    assert ("12月1日", "2021-12-01") in dates(rec) and ("1月10日", "2022-01-10") in dates(rec)


@pytest.mark.parametrize("text", [
    "请到候车室7号检票口排队。",         # 号 alone is a number
    "住宅1号、2号楼主体完工。",
    "本澳已连续29日无新增确诊病例。",     # days counted
    "活动为期3日。",
    "各族群众欢度“三月三”。",             # a festival
])
def test_numbers_durations_and_festivals_are_not_dates(extract, text):
    assert [d["text"] for d in extract(text)["dates"] if d["value"]] == []


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


@pytest.mark.parametrize("text, published, expected", [
    # a day far after the publication is last year's (the paper of 1 January)
    ("本报拉萨12月31日讯 12月26日,自治区政府召开常务会议。", "2024-01-01", ("12月26日", "2023-12-26")),
    # a deadline stays ahead, and so does an event a few months on
    ("各地须于12月31日前完成整改。", "2024-01-15", ("12月31日", "2024-12-31")),
    ("博览会将于10月15日开幕。", "2024-03-10", ("10月15日", "2024-10-15")),
])
def test_a_day_far_after_the_publication(extract, text, published, expected):
    assert expected in dates(extract(text, published))


@pytest.mark.parametrize("text, published, expected", [
    # the end of a relative year is its December (as 2021年末)
    ("力争今年年底前全面完工。", "2024-06-12", ("今年年底", "2024-12")),
    ("去年末,全市存款余额增长。", "2024-03-01", ("去年末", "2023-12")),
    ("力争今年年底前全面完工。", None, ("今年年底", "XXXX-12")),
    # a part of a relative month, when the publication date gives the month
    ("第十六届论坛本月中旬在福建举办。", "2024-06-12", ("本月中旬", "2024-06")),
])
def test_relative_years_and_months_with_a_part(extract, text, published, expected):
    assert expected in dates(extract(text, published))


def test_a_part_of_a_relative_month_without_published_has_no_value(extract):
    got = extract("第十六届论坛本月中旬在福建举办。")["dates"]
    assert [(d["text"], d["value"], d["type"]) for d in got] == [("本月中旬", None, "relative")]


def test_a_paper_page_header_with_its_weekday_gives_published(extract):
    rec = extract("2023年09月08日 星期五\n第A02版:要闻\n\n9月7日,全市乡村建设推进会召开。")
    assert rec["published"] == "2023-09-08"
    assert ("9月7日", "2023-09-07") in dates(rec)


@pytest.mark.parametrize("text, published, expected", [
    # a day of a relative month with 日 left out before 起 / 前 / 开始
    ("本月18起,全市开展专项整治。", "2023-04-10", ("本月18", "2023-04-18")),
    ("各单位须于上月25前报送材料。", "2023-04-10", ("上月25", "2023-03-25")),
    ("本月18起,全市开展专项整治。", None, ("本月18", "XXXX-XX-18")),
])
def test_a_day_of_a_relative_month_without_ri(extract, text, published, expected):
    assert expected in dates(extract(text, published))


def test_a_relative_month_before_a_count_is_no_day(extract):
    assert [d for d in extract("较上月18个百分点。", "2023-04-10")["dates"] if d["value"]] == []


@pytest.mark.parametrize("text", [
    "总理十日访欧,行程包括德国和法国。",
    "代表团展开六日考察行程。",
    "代表团进行为期十日的访问。",
])
def test_days_of_a_visit_are_a_duration(extract, text):
    got = extract(text)["dates"]
    assert [d["value"] for d in got] == [None] and got[0]["type"] == "duration"
    assert got[0]["duration"] in ("P10D", "P6D")


@pytest.mark.parametrize("text, expected", [
    ("他将于十日访问法国。", ("十日", "XXXX-XX-10")),   # 于 places it in time
    ("十日,会议在北京召开。", ("十日", "XXXX-XX-10")),
])
def test_a_day_of_ten_placed_in_time_stays_a_date(extract, text, expected):
    assert expected in dates(extract(text))


@pytest.mark.parametrize("text, published, expected", [
    # the start of a year is its January, as its end is its December
    # (GUIDELINES is silent on 年初; 2021年末 -> 2021-12 and 5月底 -> the month
    # are the closest settled cases), the part kept in the span
    ("2023年初,全市启动老旧小区改造。", None, ("2023年初", "2023-01")),
    ("二〇二二年初,该项目完成备案。", None, ("二〇二二年初", "2022-01")),
    ("去年年初,县里成立了工作专班。", "2024-05-06", ("去年年初", "2023-01")),
    ("今年初,全区新开工项目12个。", "2024-05-06", ("今年初", "2024-01")),
    ("力争今年年底前全面完工。", "2024-05-06", ("今年年底", "2024-12")),
    ("今年初,全区新开工项目12个。", None, ("今年初", "XXXX-01")),
])
def test_parts_of_a_year(extract, text, published, expected):
    rec = extract(text, published)
    assert expected in dates(rec)
    for d in rec["dates"]:
        assert text[d["start"]:d["end"]] == d["text"]


@pytest.mark.parametrize("text, published, expected", [
    # 初 that starts a word is no part of the year (初步, 初见成效, 初心)
    ("到2025年初步建成现代化产业体系。", None, ("2025年", "2025")),
    ("2023年初见成效的改革继续推进。", None, ("2023年", "2023")),
    ("从1998年初冬开始,村里修建水渠。", None, ("1998年", "1998")),
])
def test_a_word_starting_with_chu_leaves_the_year_alone(extract, text, published, expected):
    got = dates(extract(text, published))
    assert expected in got
    assert not any(t.endswith("初") for t, _ in got)


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


@pytest.mark.parametrize("text, expected", [
    # a number that looks like a year but counts years is a duration
    ("这座古城已有2000年历史。", ("2000年", "P2000Y")),
    ("该遗址距今约1800年。", ("1800年", "P1800Y")),
    ("这项技艺传承了1900年之久。", ("1900年之久", "P1900Y")),
    ("长达2000年的丝路贸易由此开始。", ("2000年", "P2000Y")),
])
def test_years_counted_are_durations(extract, text, expected):
    rec = extract(text)
    assert [d for d in rec["dates"] if d["value"]] == []
    assert expected in [(d["text"], d.get("duration")) for d in rec["dates"]]


@pytest.mark.parametrize("text, expected", [
    ("2023年历史性突破,全市GDP首超万亿。", ("2023年", "2023")),
    ("超过2023年的水平。", ("2023年", "2023")),
    ("延续2023年的做法。", ("2023年", "2023")),
])
def test_years_next_to_those_words_stay_dates(extract, text, expected):
    assert expected in dates(extract(text))


@pytest.mark.parametrize("text, published, expected", [
    # 同年, 当年, 次年, 翌年 count from the year the text last wrote, not from
    # the publication (settled case: a relative word that anchors a calendar
    # expression stays in the span and is resolved)
    ("该项目于2019年5月开工,同年12月竣工投产。", "2024-03-05", ("同年12月", "2019-12")),
    ("2018年6月,他任副县长,次年3月任县长。", "2024-03-05", ("次年3月", "2019-03")),
    ("园区2021年9月开工,当年年底主体完工。", None, ("当年年底", "2021-12")),
    ("该厂2016年建成投产,翌年一季度产值过亿。", None, ("翌年一季度", "2017-01/2017-03")),
    # with no year written before: 同年 the publication's, 次年 unknown
    ("同年5月,全县启动试点。", "2024-03-05", ("同年5月", "2024-05")),
    ("次年3月,项目竣工。", "2024-03-05", ("次年3月", "XXXX-03")),
])
def test_years_counted_from_the_text(extract, text, published, expected):
    rec = extract(text, published)
    assert expected in dates(rec)
    for d in rec["dates"]:
        assert text[d["start"]:d["end"]] == d["text"]


@pytest.mark.parametrize("text, expected", [
    # a financial or school year written across two years (Hong Kong and
    # Macau budgets and schools): the two years, as a range of years
    ("政府在2023-24年度财政预算案中预留50亿元。", ("2023-24年度", "2023/2024")),
    ("2024/25財政年度的開支預算。", ("2024/25財政年度", "2024/2025")),
    ("2024至25学年起实施。", ("2024至25学年", "2024/2025")),
    ("2023/2024学年共录取新生。", ("2023/2024学年", "2023/2024")),
])
def test_financial_and_school_years(extract, text, expected):
    rec = extract(text)
    assert expected in dates(rec)
    for d in rec["dates"]:
        assert text[d["start"]:d["end"]] == d["text"]


@pytest.mark.parametrize("text, published, expected", [
    # two days of a relative month, as 5月1日至3日
    ("展览于本月18日至19日在会展中心举行。", "2024-11-20", ("本月18日至19日", "2024-11-18/2024-11-19")),
    ("下月3日至5日停水检修。", "2024-11-20", ("下月3日至5日", "2024-12-03/2024-12-05")),
    ("本月18日至19日举行。", None, ("本月18日至19日", "XXXX-XX-18/XXXX-XX-19")),
])
def test_days_of_a_relative_month(extract, text, published, expected):
    assert expected in dates(extract(text, published))
