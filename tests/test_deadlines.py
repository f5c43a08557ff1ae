"""nlp.deadlines: time limits of circulars, table-driven.

Phrases are in the style of 完成时限 columns of city/county 任务分工方案 and of running text
of provincial, city and county circulars; the gold cases come from the five seeds (corpus/).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st
from policykg.nlp.deadlines import Deadline, find_deadlines, parse_deadline_phrase

DOC = dt.date(2021, 3, 10)
PLAN_2021 = (dt.date(2021, 1, 1), dt.date(2021, 12, 31))
ISO_DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(\d+H)?(\d+M)?)?$")


def key(d: Deadline | None) -> tuple | None:
    """What the scorer compares: (type, date | duration | freq)."""
    if d is None:
        return None
    return (d.type, {"date": d.date, "relative": d.duration, "recurring": d.freq}[d.type])


# phrase, expected (type, value); doc date 2021-03-10 ----------------------------------------------
PHRASES = [
    # calendar limits in 完成时限 cells
    ("2021年6月底前", ("date", "2021-06-30")),
    ("2022年12月31日前", ("date", "2022-12-31")),
    ("2022年6月30日", ("date", "2022-06-30")),
    ("11月15日前", ("date", "2021-11-15")),
    ("年内", ("date", "2021-12-31")),
    ("年底前", ("date", "2021-12-31")),
    ("年末", ("date", "2021-12-31")),
    ("2021年底前", ("date", "2021-12-31")),
    ("2023年底", ("date", "2023-12-31")),
    ("2021年10月底", ("date", "2021-10-31")),
    ("2021年3月", ("date", "2021-03-31")),
    ("2022年2月", ("date", "2022-02-28")),
    ("2024年2月底前", ("date", "2024-02-29")),
    ("6月份", ("date", "2021-06-30")),
    ("9月中旬", ("date", "2021-09-20")),
    ("5月上旬", ("date", "2021-05-10")),
    ("12月下旬", ("date", "2021-12-31")),
    ("上半年", ("date", "2021-06-30")),
    ("下半年", ("date", "2021-12-31")),
    ("2022年上半年", ("date", "2022-06-30")),
    ("第三季度末", ("date", "2021-09-30")),
    ("一季度", ("date", "2021-03-31")),
    ("四季度", ("date", "2021-12-31")),
    ("前三季度", ("date", "2021-09-30")),
    ("2021年第一季度", ("date", "2021-03-31")),
    ("二〇二一年三月二十三日", ("date", "2021-03-23")),
    ("二○二二年十二月底前", ("date", "2022-12-31")),
    ("到2022年", ("date", "2022-12-31")),
    ("今年年底前", ("date", "2021-12-31")),
    ("明年6月底前", ("date", "2022-06-30")),
    ("2021.6.30", ("date", "2021-06-30")),
    ("即日起至2021年12月31日", ("date", "2021-12-31")),
    ("2021年5月至6月", ("date", "2021-06-30")),
    ("国庆节前", ("date", "2021-10-01")),
    ("到“十四五”末", ("date", "2025-12-31")),
    # limits tied to events
    ("汛期前", ("relative", "P0D")),
    ("汛前", None),  # SCHEMA conventions: 汛前 sets no deadline
    ("春节前", ("date", "2021-02-12")),  # SCHEMA conventions: a festival is that year's date
    ("15个工作日内", ("relative", "P15D")),
    ("3个月内", ("relative", "P3M")),
    ("30日内", ("relative", "P30D")),
    ("半年内", ("relative", "P6M")),
    ("两周内", ("relative", "P2W")),
    ("1年内", ("relative", "P1Y")),
    ("事故发生后1小时内", ("relative", "PT1H")),
    ("自印发之日起60日内", ("relative", "P60D")),
    ("收到通知后5个工作日内", ("relative", "P5D")),
    ("3至5个工作日内", ("relative", "P5D")),
    ("事故结案后10个月至1年内", ("relative", "P1Y")),
    # cadences
    ("每季度末", ("recurring", "quarterly")),
    ("每季度第一个月5日前", ("recurring", "quarterly")),
    ("每季度结束后10日内", ("recurring", "quarterly")),
    ("每月5日前", ("recurring", "monthly")),
    ("每月底前", ("recurring", "monthly")),
    ("每两个月", ("recurring", "monthly")),
    ("每半年", ("recurring", "half-yearly")),  # no SCHEMA freq: kept for the calendar, not listed in records
    ("每年", ("recurring", "yearly")),
    ("每年12月20日前", ("recurring", "yearly")),
    ("每周五前", ("recurring", "weekly")),
    ("每旬", ("recurring", "ten-daily")),
    ("逐月调度", ("recurring", "monthly")),
    ("逐年下降", None),
    ("事故发生后30分钟内", ("relative", "PT30M")),
    ("按月报送", ("recurring", "monthly")),
    ("一月一调度", ("recurring", "monthly")),
    ("一季一通报", ("recurring", "quarterly")),
    ("半年一总结", ("recurring", "half-yearly")),
    ("日报告", ("recurring", "daily")),
    ("周调度", ("recurring", "weekly")),
    ("季讲评", ("recurring", "quarterly")),
    ("年考核", ("recurring", "yearly")),
    # no limit
    ("长期坚持", None),
    ("持续推进", None),
    ("常态化推进", None),
    ("按要求", None),
    ("即日起", None),
    ("长期", None),
]


@pytest.mark.parametrize("phrase,expected", PHRASES)
def test_phrase(phrase: str, expected: tuple | None) -> None:
    assert key(parse_deadline_phrase(phrase, DOC)) == expected


@pytest.mark.parametrize("phrase,rrule", [
    ("每季度第一个月5日前", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=5"),
    ("每季度末", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1"),
    ("每季度结束后10日内", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=10"),
    ("季研判", "FREQ=MONTHLY;INTERVAL=3"),
    ("每月5日前", "FREQ=MONTHLY;BYMONTHDAY=5"),
    ("每月底前", "FREQ=MONTHLY;BYMONTHDAY=-1"),
    ("每半年", "FREQ=MONTHLY;INTERVAL=6"),
    ("每年12月20日前", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=20"),
    ("每年1月中旬前", "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=20"),
    ("每周五前", "FREQ=WEEKLY;BYDAY=FR"),
    ("周调度", "FREQ=WEEKLY"),
    ("双月调度", "FREQ=MONTHLY;INTERVAL=2"),  # was read as monthly (regression)
    ("双周例会", "FREQ=WEEKLY;INTERVAL=2"),
])
def test_rrule(phrase: str, rrule: str) -> None:
    d = parse_deadline_phrase(phrase, DOC)
    assert d is not None and d.rrule == rrule
    rrulestr(d.rrule, dtstart=dt.datetime(2021, 1, 1))  # valid RFC 5545


def test_bare_year_of_the_plan_itself_is_not_a_deadline() -> None:
    assert parse_deadline_phrase("2021年", DOC, PLAN_2021) is None
    assert key(parse_deadline_phrase("2021年", DOC)) == ("date", "2021-12-31")
    assert find_deadlines("到2021年,基本建成应急管理体系。", DOC, PLAN_2021) == []
    assert [key(d) for d in find_deadlines("到2022年,基本建成应急管理体系。", DOC, PLAN_2021)] == [
        ("date", "2022-12-31")]


def test_business_days_are_marked() -> None:
    d = parse_deadline_phrase("15个工作日内", DOC)
    assert d is not None and d.business_days
    assert d.to_record() == {"text": "15个工作日内", "type": "relative", "anchor": None, "duration": "P15D",
                             "business_days": True}


# running text ---------------------------------------------------------------------------------

SEED_CASES = [
    # 001 (Yunnan, 2019-03-25) cover notice: the second date inherits the first's year
    ("请各地、各有关部门和单位于2019年6月20日前、12月20日前将各项工作推进落实情况报送省安委会办公室。",
     dt.date(2019, 3, 25), [("2019年6月20日前", "date", "2019-06-20"), ("12月20日前", "date", "2019-12-20")]),
    # 003 (Heilongjiang, 2020-02-21)
    ("各地应急管理局编制的监督检查计划,在报本级人民政府批准后,于3月10日前报省应急管理厅。"
     "对监督检查计划执行中需要作出重大调整的,应在作出决定之日起30日内重新履行报批程序。",
     dt.date(2020, 2, 21), [("3月10日前", "date", "2020-03-10"), ("作出决定之日起30日内", "relative", "P30D")]),
    ("今年,省厅将对各市(地)年度监督检查计划采取“一季一统计、一季一通报”方式,结合执法系统统计数据和各市(地)"
     "季度执法工作上报情况,每一季度进行一次执法工作调度。各地应急管理局要于每季度第一个月5日前,向省厅报送上季度"
     "监督检查计划完成情况,12月30日前报全年完成情况(报表格式见附件)。",
     dt.date(2020, 2, 21), [("一季一统计、一季一通报", "recurring", "quarterly"),
                            ("每季度第一个月5日前", "recurring", "quarterly"), ("12月30日前", "date", "2020-12-30")]),
    # 000 (Shanxi, 2021-03-23)
    ("按照《生产安全事故防范和整改措施落实情况评估办法》要求,事故结案后10个月至1年内组织开展事故防范和整改措施"
     "落实情况评估工作。", dt.date(2021, 3, 23), [("事故结案后10个月至1年内", "relative", "P1Y")]),
    ("建立综合统计工作制度,加强对生产安全事故统计监督,严把三个时间节点(24小时、7天、30天)事故联网直报,"
     "杜绝发生错报、漏报、重报等现象。", dt.date(2021, 3, 23),
     [("24小时", "relative", "PT24H"), ("7天", "relative", "P7D"), ("30天", "relative", "P30D")]),
    ("健全完善“周分析、月通报、季研判”统计分析工作机制。建立每月统计分析例会制度,实施安全生产形势会商研判机制。",
     dt.date(2021, 3, 23), [("周分析", "recurring", "weekly"), ("月通报", "recurring", "monthly"),
                            ("季研判", "recurring", "quarterly"), ("每月统计分析例会", "recurring", "monthly")]),
    # 004 (2023 roundup, no document date: the year is written)
    ("此次专项行动至2023年底结束,分为动员部署、企业自查自改和部门帮扶、部门精准执法、总结提高四个阶段。",
     None, [("至2023年底结束", "date", "2023-12-31")]),
]


@pytest.mark.parametrize("text,doc_date,expected", SEED_CASES)
def test_seed_gold_cases(text: str, doc_date: dt.date | None, expected: list[tuple]) -> None:
    found = find_deadlines(text, doc_date)
    assert [(d.text, *key(d)) for d in found] == expected
    assert all(text[d.start:d.end] == d.text for d in found)


RUNNING = [
    ("各地区、各部门要于2020年6月底和年底前分别将半年和年度工作完成情况报送省安委会办公室。", dt.date(2020, 3, 3),
     [("date", "2020-06-30"), ("date", "2020-12-31")]),
    ("请各县区于1月10日前报送上年度工作总结。", dt.date(2020, 12, 15), [("date", "2021-01-10")]),
    ("请于2021年4月30日前将实施方案报市安委办备案。", DOC, [("date", "2021-04-30")]),
    ("到2025年底,重大事故隐患动态清零。", DOC, [("date", "2025-12-31")]),
    ("截至2022年底,全市危险化学品企业全部完成安全诊断。", DOC, [("date", "2022-12-31")]),
    ("事故发生后24小时、7天、30天内,事故单位要及时补报。", DOC,
     [("relative", "PT24H"), ("relative", "P7D"), ("relative", "P30D")]),
    ("各县区每年要对应急管理工作进行全面评估,并在每年1月中旬前向市政府报送评估报告。", DOC,
     [("recurring", "yearly"), ("recurring", "yearly")]),
    ("成立工作专班,采取“日报送、周调度、月分析、季讲评”加强调度。", DOC,
     [("recurring", "daily"), ("recurring", "weekly"), ("recurring", "monthly"), ("recurring", "quarterly")]),
    ("政府分管负责同志每季度开展督促检查,每季度至少听取一次汇报。", DOC, [("recurring", "quarterly")]),
    ("实行“一月一调度、一季一通报”制度。", DOC, [("recurring", "monthly"), ("recurring", "quarterly")]),
    ("整改完成后3个月内组织开展评估。", DOC, [("relative", "P3M")]),
]


@pytest.mark.parametrize("text,doc_date,expected", RUNNING)
def test_running_text(text: str, doc_date: dt.date, expected: list[tuple]) -> None:
    assert [key(d) for d in find_deadlines(text, doc_date)] == expected


NOT_DEADLINES = [
    "晋应急发〔2021〕75号",
    "2021年调查评估和统计工作要点",
    "部署开展危险化学品安全专项治理提升三年行动。",
    "1.近三年发生过亡人生产安全事故的;",
    "邀请专家对21个领域重大事故隐患判定标准进行为期3天的集中培训。",
    "贯彻落实《云南省人民政府关于实施安全工程三年行动计划(2018—2020年)的意见》(云政发〔2018〕50号)。",
    "以为新中国成立70周年创造安全稳定的社会环境为重大政治任务。",
    "凡2019年度未发生生产安全事故、安全条件较好的生产经营单位,即可自行复工复产。",
    "科学合理编制年度监督检查计划,确定执法检查企业。",
    "建立健全灾害事故整改评估考核机制,将调查评估结果纳入部门年度考核。",
    "山西省应急管理厅\n2021年3月23日",
    "本办法自2021年1月1日起施行。",
    "各级应急管理部门实行24小时值班值守。",
    "持续推进本质安全建设。",
    "今年,省厅将加大执法检查力度。",
    "2018年以来,全省事故总量持续下降。",
    "省政府于2021年3月1日印发了实施意见。",
    "州、市按时间节点推动各项改革举措落实到位。",
    "强化冬季、夏季火灾防控。",
    "切实安排部署好暑期、汛期、节假日等重点时段安全隐患排查工作。",
    "结合各市(地)季度执法工作上报情况开展分析。",
    "向省厅报送上季度监督检查计划完成情况。",
    "严格落实“三管三必须”要求。",
    "电话:0871-68025578",
    "细化工作推进总体计划、月计划、半月计划。",
    "据人民日报社报道,全国事故总量下降。",
    "在6月安全生产月期间组织宣传活动。",
    "安全投入逐年增加。",
]


@pytest.mark.parametrize("text", NOT_DEADLINES)
def test_not_deadlines(text: str) -> None:
    assert find_deadlines(text, DOC) == []


def test_anchor_is_the_event_without_its_subject() -> None:
    text = "事故发生地政府要在接报后1小时内上报,并在事故发生之日起7日内提交书面报告。"
    assert [(d.anchor, d.duration) for d in find_deadlines(text, DOC)] == [("接报", "PT1H"), ("事故发生", "P7D")]


def test_year_comes_from_period_without_document_date() -> None:
    plan_2022 = (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    found = find_deadlines("各区政府要于5月31日前完成防汛隐患排查。", None, plan_2022)
    assert [key(d) for d in found] == [("date", "2022-05-31")]


def test_records_have_the_schema_shape() -> None:
    text = "于3月10日前报送;作出决定之日起30日内重新报批;每月通报。"
    recs = [d.to_record() for d in find_deadlines(text, DOC)]
    assert recs == [
        {"text": "3月10日前", "type": "date", "date": "2021-03-10"},
        {"text": "作出决定之日起30日内", "type": "relative", "anchor": "作出决定", "duration": "P30D"},
        {"text": "每月通报", "type": "recurring", "freq": "monthly", "rrule": "FREQ=MONTHLY"},
    ]


def test_full_width_digits_keep_offsets() -> None:
    text = "请于３月１０日前报送。"
    (d,) = find_deadlines(text, DOC)
    assert d.text == "３月１０日前" and d.date == "2021-03-10"


# properties ---------------------------------------------------------------------------------------

ALPHABET = st.sampled_from(list(
    "0123456789０１〇○零一二两三四五六七八九十百年月日号天周旬季度底末份前内以之起至到后每逐按上中下半第个"
    "小时工作、,。;:()“”《》〔〕-—~.%/事故发生结案决定汛期国庆节十四五报告调度通报例会统计今明本近为期节点"))
TEXT = st.one_of(st.text(max_size=60), st.text(ALPHABET, max_size=40))
DATES = st.one_of(st.none(), st.dates(), st.just(dt.date(9999, 12, 31)), st.just(dt.date(1, 1, 1)))
PERIODS = st.one_of(st.none(), st.tuples(st.dates(), st.dates()))


@settings(max_examples=400, deadline=None)
@given(TEXT, DATES, PERIODS)
def test_never_raises_and_spans_are_exact(text: str, doc_date: dt.date | None, period) -> None:
    for d in find_deadlines(text, doc_date, period):
        assert text[d.start:d.end] == d.text and d.start < d.end
        rec = d.to_record()
        assert rec["type"] in ("date", "relative", "recurring")
        if d.type == "date" and d.date is not None:
            dt.date.fromisoformat(d.date)
        if d.type == "relative":
            assert ISO_DURATION.match(d.duration or "")
        if d.type == "recurring":
            # half-yearly and ten-daily cadences have no SCHEMA freq: the record builder drops them
            assert d.freq in ("daily", "weekly", "monthly", "quarterly", "yearly", "half-yearly", "ten-daily")
            rrulestr(d.rrule, dtstart=dt.datetime(2020, 1, 1))
    parse_deadline_phrase(text, doc_date, period)


def test_a_month_named_is_no_limit_unless_a_clause_opens_on_it():
    """平凉's 安全生产月 news (anquan.com.cn/show-319-58793-1.html): "今年6月份是全国第九个“安全生产月”" names
    the month, no limit; devset d11: "6月份每天黄金时段,在吉林卫视播放公益广告" is scheduled for June."""
    import datetime as dt

    from policykg.nlp.deadlines import find_deadlines

    assert find_deadlines("今年6月份是全国第九个“安全生产月”,主题是“安全发展、预防为主”。", dt.date(2010, 5, 28)) == []
    d11 = find_deadlines("6月份每天黄金时段,在吉林卫视播放公益广告。", dt.date(2015, 5, 1))
    assert [x.date for x in d11 if x.type == "date"] == ["2015-06-30"]


def test_the_second_end_of_a_range_is_in_the_year_of_its_first() -> None:
    """工作实施阶段(2024年8月—2025年9月) / 2021年5月至6月: a year-less second end of a range written in
    a document of another year (a plan dated 2016 scheduling 2021 work) is in its first end's
    year, not the document's (bug: 2021年5月至6月 in a 2016 text gave 2016-06-30)."""
    found = find_deadlines("2021年5月至6月开展集中整治", dt.date(2016, 3, 1))
    assert [d.date for d in found] == ["2021-06-30"]
