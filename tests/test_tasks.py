"""Which items are tasks: leaves, not ideology sections, not criteria lists; preamble obligations."""

import hashlib

from policykg.ingest.model import RawDocument
from policykg.ingest.pipeline import structure
from policykg.nlp.extract import doc_context
from policykg.nlp.preamble import preamble_tasks
from policykg.nlp.tasks import select_tasks


def doc_of(text):
    return structure(RawDocument("t.txt", text, "utf-8", "txt", hashlib.sha256(text.encode()).hexdigest()))


def test_criteria_list_belongs_to_its_item_seed_003():
    text = """关于做好2020年度安全生产监督检查计划工作的通知
各市应急管理局:
一、安全生产监督检查计划编制原则
(一)统筹兼顾,突出重点。各地应急管理局要科学合理编制年度监督检查计划。
(二)以问题为导向,实现精准执法。对有下列情形之一的企业应当纳入年度监督检查计划。
1.近三年发生过亡人生产安全事故的;
2.上年度受到行政处罚的;
为营造良好营商环境,对下列企业原则上减少执法检查频次。
1.安全生产标准化达到三级以上的;
(三)实行分级分类监管,明晰执法主体。各地应急管理局要加强安全监管执法工作的上下衔接。
黑龙江省应急管理厅
2020年2月21日
"""
    tasks = select_tasks(doc_of(text))
    assert [t.path for t in tasks] == [["一", "(一)"], ["一", "(二)"], ["一", "(三)"]]
    d = doc_of(text)
    second = d.clean.text[tasks[1].start:tasks[1].end]
    assert "近三年发生过亡人" in second and "标准化达到三级" in second
    last = d.clean.text[tasks[2].start:tasks[2].end]
    assert "黑龙江省应急管理厅" not in last and "2020年2月21日" not in last  # signature trimmed


def test_guiding_ideology_section_is_not_a_task():
    text = """2019年度安全生产工作要点
一、指导思想和工作目标
坚持以习近平新时代中国特色社会主义思想为指导,努力推动安全生产形势持续稳定向好。
二、重点工作任务
(一)理顺管理体制,强化责任落实。
1.强化党政领导责任。落实好各级党委、政府及相关部门主要负责人安全生产第一责任人责任。
"""
    assert [t.path for t in select_tasks(doc_of(text))] == [["二", "(一)", "1"]]


def test_cover_notice_obligation_with_a_deadline_is_a_preamble_task():
    text = """各州、市人民政府,省级有关部门:
现将《2019年度安全生产工作要点》印发你们,请结合实际,抓好贯彻落实。请各地、各有关部门和单位于2019年6月20日前、12月20日前将各项工作推进落实情况报送省安委会办公室。
云南省安全生产委员会
2019年3月25日
2019年度安全生产工作要点
一、重点工作任务
1.强化党政领导责任。落实责任。
"""
    d = doc_of(text)
    pre = preamble_tasks(d, doc_context(d), [], select_tasks(d))
    assert len(pre) == 1 and pre[0].path == ["preamble"]
    assert "2019年6月20日前" in d.clean.text[pre[0].start:pre[0].end]
