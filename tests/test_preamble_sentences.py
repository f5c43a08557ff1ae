"""Sentences of real circulars outside ../shared (public pages scored in the held-out batch of
this session, cited by address; one sentence each, not the documents) that decide whether
unnumbered text is a task. The classes they stand for have no instance in ../shared."""

from __future__ import annotations

from policykg.nlp.preamble import is_obligation, request


def test_an_allocation_intro_is_no_task():
    """辽宁省安委办 分工方案 (yjgl.ln.gov.cn/yjgl/ghkj/2023030114125962411): the sentence that
    introduces the allocation table sets no work of its own."""
    s = "为贯彻落实《辽宁省“十四五”安全生产规划》(以下简称《规划》),确保《规划》顺利实施,省安委会办公室按照职责将《规划》提出的规划目标、主要任务和重点工程作如下分工。"
    assert not is_obligation(s, [], False)


def test_a_request_that_names_nobody_asks_the_addressees():
    """国务院安委办 (zywsw.com/aqsc/6522) and 甘肃省抗旱防汛指挥部 pages: a letter's request asks
    its addressees though it does not name them; a closing formula does not."""
    assert request("请务必高度重视,迅速预警到位,责任人上岗履职,加强山洪预警“户户知”工程监测预警,做好山洪灾害防御。")
    assert request("希望上述单位在总结、巩固既有成绩基础上,认真贯彻落实八部门《关于加强全社会安全生产宣传教育工作的意见》安排。")
    assert not request("请结合实际,认真抓好贯彻落实。")
    assert not request("请示市防指领导同意,定于2024年10月31日24时结束2024年汛期24小时防汛值班")  # d46
