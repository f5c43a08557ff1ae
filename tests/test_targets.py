"""nlp.targets: quantified commitments of tasks and counts of practice sections, table-driven.

Positives and negatives are in the style of provincial, city and county circulars; the gold
cases come from the five seeds (corpus/), whose 004 roundup is checked region by region.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from policykg.nlp.targets import Target, find_targets

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def pairs(found: list[Target]) -> list[tuple]:
    """What the scorer compares: (value, unit)."""
    return [(t.value, t.unit) for t in found]


TARGETS = [
    # seeds (gold)
    ("建成4个瓦斯治理示范矿井", [(4, "个")]),
    ("狠抓安全生产标准化建设,抽查检查不低于50矿次,建成3个一级标准化煤矿;有序引导退出30万吨/年以下煤矿",
     [(50, "矿次"), (3, "个"), (30, "万吨/年")]),
    ("淘汰关闭落后矿山150座。指导38座大型矿山(不含钛矿)建成“五化矿山”,各州市建成2座以上“双重预防机制”建设示范矿山。",
     [(150, "座"), (38, "座"), (2, "座")]),
    ("对处于城镇人口密集区的11户危险化学品生产企业搬迁改造", [(11, "户")]),
    ("加强省级15支安全生产专业应急救援队伍和5个应急物资储备仓库建设", [(15, "支"), (5, "个")]),
    ("年度监督检查计划应包括重点检查、一般检查两个部分,重点检查的比例不低于执法计划的60%。", [(60, "%")]),
    ("选择1-2个灾种组织开展调查评估", [(2, "个")]),
    ("举办一期全县应急预案管理专题培训班", [(1, "期")]),
    ("细化党政领导干部安全生产责任清单和权力清单,成立16个安全生产专业委员会", [(16, "个")]),
    # other circulars
    ("建设2个区域性应急救援基地", [(2, "个")]),
    ("全年培训安全管理人员1.2万人次", [(1.2, "万人次")]),
    ("重大事故隐患整改率达到100%", [(100, "%")]),
    ("较大事故起数下降百分之十", [(10, "%")]),
    ("组织开展两次综合应急演练", [(2, "次")]),
    ("组织开展一次全县范围的消防演练", [(1, "次")]),
    ("创建3家安全文化建设示范企业", [(3, "家")]),
    ("完成20处地质灾害隐患点综合治理", [(20, "处")]),
    ("新建应急避难场所10处", [(10, "处")]),
    ("生产安全事故死亡人数下降2个百分点", [(2, "百分点")]),
    ("全年执法检查不少于300家次", [(300, "家次")]),
    ("建成150余座标准化矿山", [(150, "座")]),
    ("每个乡镇至少配备2名专职安全员", []),  # a per-unit allotment, not a total
    ("建成４个示范点", [(4, "个")]),
    ("到2021年,9项重点工程建设目标基本完成", [(9, "项")]),
    ("完成重点防治区内81个县(市、区)地质灾害详细调查工作", [(81, "个")]),
    ("制定总方案和2个专题实施方案、9个专项整治实施方案", [(2, "个"), (9, "个")]),
    ("新增应急广播终端3000台", [(3000, "台")]),
    ("治理城镇燃气管道老化隐患120公里", [(120, "公里")]),
]


@pytest.mark.parametrize("text,expected", TARGETS)
def test_targets(text: str, expected: list[tuple]) -> None:
    found = find_targets(text)
    assert pairs(found) == expected
    assert all(text[t.start:t.end] == t.text for t in found)


NOT_TARGETS = [
    "晋应急发〔2021〕75号",
    "2021年调查评估和统计工作要点",
    "1.建立和完善相关制度标准。",
    "落实好企业第一责任人的责任",
    "严格落实重大隐患“一单四制”制度",
    "落实执法公示、执法全过程记录、重大执法决定法制审核“三项制度”",
    "严格按照关闭取缔、行政处罚、停产整顿、依法追责“四个一律”措施",
    "全力推动“3个三”工作做法",
    "全面推行“五位一体”监管执法模式",
    "严格落实“三个严禁”要求",
    "近三年发生过亡人生产安全事故的",
    "以为新中国成立70周年创造安全稳定的社会环境",
    "部署开展危险化学品安全专项治理提升三年行动",
    "联系人:张佑国,电话:0871-68025578,邮箱:sajjxtc@126.com。",
    "严把三个时间节点(24小时、7天、30天)事故联网直报",
    "年度监督检查计划应包括重点检查、一般检查两个部分",
    "按照“失信联合惩戒对象”、“重点关注对象”两类名单目录,加大对失信主体执法检查频次",
    "对每个企业都要明确一个监管主体",
    "曝光一批安全生产失信案例",
    "按照一项具体任务、一套方案、一抓到底的原则",
    "建设一支党和人民信得过、靠得住、能放心的应急铁军",
    "分为动员部署、企业自查自改和部门帮扶、部门精准执法、总结提高四个阶段",
    "3个月内完成整改",
    "每一季度进行一次执法工作调度",
    "《云南省人民政府关于实施安全工程三年行动计划(2018—2020年)的意见》",
    "第2023-07-28期",
    "落细落实安全生产十五条硬措施",
    "实现国家、省、市、县四级互联互通的安全信用信息共享",
    "以优异成绩迎接建党100周年",
    "事故发生后24小时内报告",
    "一期工程已投入使用",
    "2019年以来,全市累计关闭退出煤矿23处。",
    "截至目前,已建成应急避难场所12处。",
]


@pytest.mark.parametrize("text", NOT_TARGETS)
def test_not_targets(text: str) -> None:
    assert find_targets(text) == []


FIGURES = [
    ("制定调度通报、隐患督办、工作报告、督导检查四项工作机制", [(4, "项")]),
    ("细化分解51项具体任务,组建11个工作专班。增加渡船渡运、旅游等5方面整治重点,细化分解为51项具体任务。",
     [(51, "项"), (11, "个"), (5, "方面")]),
    ("推行“通报提醒、约谈纠治、联合惩戒、移交问责”四种方式", [(4, "种")]),
    ("制定工作调度“9张清单”", [(9, "张")]),
    ("积极拓展7方面内容", [(7, "方面")]),
    ("明确3个方面15项工作任务重点", [(3, "个"), (15, "项")]),
    ("4位副市长结合分工担任副组长", [(4, "位")]),
    ("围绕企业、部门、党委政府三个层面再增加重点任务", []),
    ("全力推动“3个三”工作做法", []),
    ("每个分队分派10至15名不同行业领域专家", []),
    ("邀请专家进行为期3天的集中培训", []),
    ("提出“9+9+8”共26项重点任务措施", [(26, "项")]),
]


@pytest.mark.parametrize("text,expected", FIGURES)
def test_figures(text: str, expected: list[tuple]) -> None:
    assert pairs(find_targets(text, mode="figures")) == expected


def test_targets_sharing_a_clause_get_their_own_spans() -> None:
    text = "加强省级15支安全生产专业应急救援队伍和5个应急物资储备仓库建设"
    found = find_targets(text)
    assert [t.text for t in found] == ["加强省级15支安全生产专业应急救援队伍", "5个应急物资储备仓库建设"]
    assert all(text[t.start:t.end] == t.text for t in found)


def test_figure_text_is_the_count_phrase_and_target_text_the_clause() -> None:
    (fig,) = find_targets("从自治区有关单位抽调22名工作人员组建工作专班", mode="figures")
    assert fig.text.startswith("22名工作人员") and fig.to_record()["value"] == 22
    (tgt,) = find_targets("整合优化应急资源,建成4个瓦斯治理示范矿井,继续开展普查")
    assert tgt.text == "建成4个瓦斯治理示范矿井" and tgt.core == "4个瓦斯治理示范矿井"
    assert tgt.to_record() == {"text": "建成4个瓦斯治理示范矿井", "value": 4, "unit": "个"}


# the 2023 roundup (seed 004): every region's figures as the gold annotators counted them
REGION_FIGURES = {
    "山西省": [],
    "湖南省": [],
    "陕西省": [(5, "项"), (16, "个"), (21, "个"), (10, "个"), (107, "个"), (8, "个")],
    "山东省": [(7, "方面"), (21, "个"), (5, "类"), (4, "项")],
    "海南省": [(51, "项"), (11, "个"), (3, "项"), (5, "方面"), (8, "个")],
    "吉林省": [(17, "项"), (22, "项"), (9, "张")],
    "重庆市": [(8, "个")],
    "湖北省": [(26, "项"), (6, "项")],
    "北京市": [(84, "项"), (49, "项"), (34, "个")],
    "河北省": [(22, "个")],
    "贵州省": [(3, "个"), (15, "项")],
    "宁夏": [(60, "项"), (22, "名")],
    "广西": [(4, "种")],
    "安徽省": [(11, "个")],
    "上海市": [(4, "位"), (4, "个")],
}


def _regions(text: str) -> dict[str, str]:
    heads = list(re.finditer(rf"^({'|'.join(REGION_FIGURES)})\s*$", text, re.M))
    out = {}
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        out[m[1]] = text[m.end():end]
    return out


def test_seed_roundup_figures() -> None:
    text = next(CORPUS.glob("004_*.txt")).read_text(encoding="utf-8")
    regions = _regions(text)
    assert set(regions) == set(REGION_FIGURES)
    for name, expected in REGION_FIGURES.items():
        assert sorted(pairs(find_targets(regions[name], mode="figures"))) == sorted(expected), name


# properties ---------------------------------------------------------------------------------------

ALPHABET = st.sampled_from(list(
    "0123456789０１.-—~/%〇一二两三四五六七八九十百千万亿个座户项名位期次矿吨年月日周第每“”《》〔〕、,。;:()"
    "建成淘汰不低于以上余多百分之点部门方面类种张支家处"))
TEXT = st.one_of(st.text(max_size=60), st.text(ALPHABET, max_size=40))


@settings(max_examples=400, deadline=None)
@given(TEXT, st.sampled_from(["targets", "figures"]))
def test_never_raises_and_spans_are_exact(text: str, mode: str) -> None:
    for t in find_targets(text, mode=mode):  # type: ignore[arg-type]
        assert text[t.start:t.end] == t.text and t.start < t.end
        assert isinstance(t.value, (int, float)) and t.value > 0
        assert t.unit
