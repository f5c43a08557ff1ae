"""Shapes of real circulars outside ../shared: public pages of the fresh batches fq–ft of the
fifteenth session (their addresses in bench/firstlook_sources.tsv), cited by address; a few
lines each, not the documents."""

from __future__ import annotations

from page_text import extract_text


def paths_of(text: str) -> list[list[str]]:
    return [t["path"] for t in extract_text(text)["tasks"]]


# 君山区安委办 inspection of 广兴洲镇 (www.junshan.gov.cn/32415/32438/32448/content_1227585.html)
JUNSHAN_POINTS = (
    "8月9日,区安委办负责人一行赴广兴洲镇开展安全生产大检查,重点督导该镇重大安全隐患“一单四制”工作。\n"
    "要求一是要深入各行业领域、各类企业和人员密集场所开展安全生产大检查;二是要落实重大隐患整改责任、措施、"
    "资金、时限、预案“五落实”;三是要将此次大检查工作纳入党委政府安全生产年度工作考核的重要内容。\n")

# 遵义市播州区 安委会 meeting report on a mirror (cltuan.cn/html/2016/11/28/401642.shtml)
BOZHOU_POINTS = (
    "區人民政府黨組成員付文懷在会上強調,全區上下要認真落實“黨政同責、一崗雙責、齊抓共管、失職追責”。"
    "各鎮(鄉)、部門一是要嚴格按照“管行業、管業務、管生產經營必須管安全”的要求,深入開展安全生產大檢查活動,"
    "加強打非治違、強化部門協作。二是要突出落實安全生產監管責任,督促企業落實安全生產主體責任。"
    "三是要運用好安全生產隱患排查治理系統和道路交通安全雲平台數據建設,注意重點時節、重點路段。\n")


def test_a_run_of_points_whose_first_follows_its_lead_in_unmarked():
    """要求一是要…;二是要…;三是要… and 各镇(乡)、部门一是要…。二是要…: the first point is written
    straight after its lead-in with no mark between them; the run is three points all the same."""
    assert paths_of(JUNSHAN_POINTS) == [["一"], ["二"], ["三"]]
    assert [p for p in paths_of(BOZHOU_POINTS) if p != ["preamble"]] == [["一"], ["二"], ["三"]]

