"""Shapes of real circulars outside ../shared: public pages of the fresh batches zz, aa and bb of
the eleventh session, cited by address; a few lines each, not the documents."""

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


def test_a_ban_on_any_organisation_binds_it_up_to_its_manner_word():
    """三江乡 通告 quoted in a news repost (3g.163.com/dy/article/HEC1QIFQ0534FL09.html): "严禁任何组织和个人擅自
    带领游客进入…" — 任何组织和个人 are bound; 擅自 opens what they must not do."""
    text = '一、为切实维护人民群众生命财产安全,有效保护生态环境和自然资源,根据《中华人民共和国旅游法》等法律法规,严禁任何组织和个人擅自带领游客进入未开放未开发区域进行游玩未开发、未对社会开放区域,无论是道路交通,还是服务设施、接待能力都无法满足公众需要,擅自进入这些区域探险、游玩,一旦遭遇道路塌方、山体滑坡等自然灾害或走失迷路、体力不支、攀爬跌落、野生动植物侵害等意外,极易引发人员伤亡。\n'
    assert [a["name"] for a in extract_text(text)["tasks"][0]["actors"]] == ["任何组织和个人"]


# 永春县防指 台风“杜苏芮”动员令 (fjyc.gov.cn/zwgk/zfxxgkzl/xzbm/yjglj/ml/202307/t20230728_2909059.htm)
MOBILISATION_ORDER = (
    '      1.旅游景区景点等一律关闭,在建涉工程工地全部停工。 \n\n'
    '      2.所有大型户外活动停止举办,各类学校、培训机构、夏令营等全部停课 \n\n'
    '      3.全县所有公交客运车辆停止运营。 \n\n'
    '      4.各娱乐场所、大排档、农家乐、露天餐饮等经营场所一律停止营业。 \n')


def test_premises_an_order_closes_are_its_parties():
    """"旅游景区景点等一律关闭,在建涉工程工地全部停工": the premises closed are bound by the order; a list
    closed by 等 is followed by its duty."""
    tasks = extract_text(MOBILISATION_ORDER)["tasks"]
    assert "旅游景区景点" in [a["name"] for a in tasks[0]["actors"]]


def test_entertainment_venues_are_no_gambling_spam():
    """"各娱乐场所" holds the spam marker 娱乐场 and is a word of circulars: kept whole."""
    tasks = extract_text(MOBILISATION_ORDER)["tasks"]
    assert tasks[3]["title"].startswith("各娱乐场所、大排档")
    assert [a["name"] for a in tasks[3]["actors"]][:3] == ["各娱乐场所", "大排档", "农家乐"]
