"""Shapes of real circulars outside ../shared: public pages of the fresh batch zz of the eleventh
session, cited by address; a few lines each, not the documents."""

from __future__ import annotations

from page_text import extract_text

# 海南省 危险化学品安全管理专项整治 分工, page 2 of the article on a law mirror
# (www.fymate.net/html/text/lar/168330/16833062_2.html): undated, its members' line names the province
HAINAN_DIVISION = (
    '成员:林捷(省公安厅)、何少群(省国土环境资源厅)、戴启元(省交通厅)、隋枝叶(省卫生厅)、刘义新(省工商行政管理局)、郑庭锦(省质量技术监督局)、杨青年(省建设厅)、李洪波(省农业厅)、陈树根(民航海南安全监督管理办公室)、严士学(省邮政局)。\n'
    '(二)各部门具体分工:\n'
    '2.公安部门负责危险化学品的公共安全管理,负责发放剧毒化学品的购买凭证和准购证,负责审查核发剧毒化学品公路运输通行证,对危险化学品道路运输安全实施监督,并负责前述事项的监督检查,打击利用危险化学品从事各种违法犯罪活动。\n'
    '4.工商行政管理部门负责核发从事危险化学品生产、经营、储存、运输单位营业执照。配合安全监管部门监督管理危险化学品市场经营活动,对无证照非法经营的单位予以查处取缔。\n')


def test_a_provinces_department_class_is_its_department_by_the_name_it_wrote():
    """A province's 公安部门 is its 公安厅; an undated page's 工商行政管理部门 is the 工商行政管理局
    it names, not the 市场监督管理局 of today."""
    tasks = extract_text(HAINAN_DIVISION)["tasks"]
    assert [[a["name"] for a in t["actors"]] for t in tasks] == [["海南省公安厅"], ["海南省工商行政管理局"]]


def test_the_market_of_a_good_is_no_marketplace():
    """危险化学品市场经营活动 is trade in chemicals: 危险化学品, not 商场市场."""
    assert extract_text(HAINAN_DIVISION)["tasks"][1]["sectors"] == ["危险化学品"]
