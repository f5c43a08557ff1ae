"""Actors, roles and recipients on seed excerpts."""

from policykg.ingest.model import Meta
from policykg.nlp.actors import actors_for, canonical_body, default_actors

SHANXI = Meta(title="2021年调查评估和统计工作要点", issuers=["山西省应急管理厅"], province="山西省",
              addressees=["各市应急管理局"], date="2021-03-23")
YUNNAN = Meta(title="2019年度安全生产工作要点", issuers=["云南省安全生产委员会"], province="云南省",
              addressees=["各州市人民政府", "省级有关部门", "各有关单位"], date="2019-03-25")
CHENGCHENG = Meta(title="2020年全县应急管理工作要点", issuers=["澄城县应急管理局"], province="陕西省",
                  locality="渭南市澄城县", addressees=["各镇人民政府", "县政府各工作部门"], date="2020-03-27")
HEILONGJIANG = Meta(title="关于做好2020年度安全生产监督检查计划工作的通知", issuers=["黑龙江省应急管理厅"],
                    province="黑龙江省", addressees=["各市应急管理局"], date="2020-02-21")


def pairs(actors):
    return {(a["name"], a["role"], a["explicit"]) for a in actors}


def test_short_form_of_issuer_is_expanded_and_defaults_fill_other_levels():
    text = "加大对事故查处的力度。对性质严重、影响恶劣的事故依法提级调查,省应急厅加大对一般事故调查质量的抽查督查。"
    actors, _ = actors_for(text, "加大挂牌督办和提级调查力度", SHANXI)
    assert pairs(actors) == {("山西省应急管理厅", "responsible", True), ("各市应急管理局", "responsible", False)}


def test_list_with_shared_head_in_a_county_document():
    text = ("完善应急管理部门统筹、相关部门参与的事故灾害应急联动机制。建立完善应急管理部门牵头,水务、自然资源(林业)、"
            "气象、住建、交通运输、农业农村、卫健等部门参与的自然灾害防治联席会议制度。")
    actors, _ = actors_for(text, "建立健全应急管理指挥体系", CHENGCHENG)
    assert pairs(actors) == {
        ("澄城县应急管理局", "lead", True), ("相关部门", "participant", True),
        ("澄城县水务局", "participant", True), ("澄城县自然资源局", "participant", True),
        ("澄城县气象局", "participant", True), ("澄城县住房和城乡建设局", "participant", True),
        ("澄城县交通运输局", "participant", True), ("澄城县农业农村局", "participant", True),
        ("澄城县卫生健康局", "participant", True)}


def test_collectives_snap_to_addressees():
    text = "持续推进并巩固深化2018年改革任务,各省级部门按照责任分工抓好2019年各项改革任务的落实,州、市按时间节点推动各项改革举措落实到位。"
    actors, _ = actors_for(text, "积极推进安全生产领域改革", YUNNAN)
    assert pairs(actors) == {("省级有关部门", "responsible", True), ("各州市", "responsible", True)}


def test_report_targets_are_recipients_not_actors():
    text = ("各地应急管理局编制的监督检查计划,在报本级人民政府批准后,于3月10日前报省应急管理厅。"
            "对监督检查计划执行中需要作出重大调整的,应在作出决定之日起30日内重新履行报批程序。")
    actors, recipients = actors_for(text, "加强安全生产监督检查计划编制审查和报备工作", HEILONGJIANG)
    assert pairs(actors) == {("各市应急管理局", "responsible", True)}
    assert set(recipients) == {"黑龙江省应急管理厅", "各市人民政府"}


def test_authority_referred_to_is_not_an_actor():
    text = "各地应急管理局要严格按照要求,结合省厅印发的《黑龙江省四季安全生产工作指南》,科学合理编制年度监督检查计划。"
    actors, _ = actors_for(text, "统筹兼顾,突出重点", HEILONGJIANG)
    assert pairs(actors) == {("各市应急管理局", "responsible", True)}


def test_enterprise_acts_only_as_a_subject():
    text = "简化企业复工复产审批程序,由企业主要负责人做出承诺,即可自行复工复产。督促企业建立健全全员安全生产责任制。"
    actors, _ = actors_for(text, "坚持疫情防控与企业复工复产同步抓", CHENGCHENG)
    assert pairs(actors) == {("澄城县应急管理局", "responsible", False)}


def test_default_actors_depend_on_issuer_and_genre():
    assert default_actors(SHANXI) == ["山西省应急管理厅", "各市应急管理局"]  # plan: issuer + its own system
    assert default_actors(YUNNAN) == ["各州市人民政府", "省级有关部门"]  # committee: its addressees, no catch-all
    assert default_actors(CHENGCHENG) == ["澄城县应急管理局"]
    assert default_actors(HEILONGJIANG) == ["各市应急管理局"]  # a notice directs its addressees


def test_participant_title_makes_inferred_actors_participants():
    actors, _ = actors_for("落实高危行业企业、城市生命线工程和消防远程监测预警。", "配合做好远程监管平台建设", YUNNAN)
    assert {a["role"] for a in actors} == {"participant"}


def test_canonical_body_of_cells():
    assert canonical_body("市应急局", Meta(province="江苏省", locality="苏州市")) == "苏州市应急管理局"
    assert canonical_body("县住建局", CHENGCHENG) == "澄城县住房和城乡建设局"
    assert canonical_body("省安委办", YUNNAN) == "云南省安全生产委员会办公室"
    assert canonical_body("各市(地)应急管理局", HEILONGJIANG) == "各市应急管理局"


def test_partner_verbs_make_participants_and_their_subject_the_lead():
    """"X会同Y、Z开展…": X leads, Y and Z take part (bug: Y was dropped after 会同)."""
    from policykg.ingest.model import Meta
    from policykg.nlp.actors import actors_for

    meta = Meta(title="2023年全县应急管理工作要点", issuers=["石泉县应急管理局"], province="陕西省",
                locality="安康市石泉县", addressees=["各镇人民政府"])
    actors, _ = actors_for("县应急局会同县公安局、县交通局和县住建局开展检查。", "", meta)
    assert [(a["name"], a["role"]) for a in actors] == [
        ("石泉县应急管理局", "lead"), ("石泉县公安局", "participant"),
        ("石泉县交通运输局", "participant"), ("石泉县住房和城乡建设局", "participant")]
    actors, _ = actors_for("联合县市场监管局开展危化品检查。", "", meta)
    assert ("石泉县市场监督管理局", "participant", True) in {(a["name"], a["role"], a["explicit"]) for a in actors}


def test_governments_and_more_departments_as_parties_and_recipients():
    """市政府 receives reports and 市政府办公室 can lead; 省委、省政府关于… is an authority, not a
    party. A second body after 上报至X和 is a recipient too (the window was too short)."""
    from policykg.ingest.model import Meta
    from policykg.nlp.actors import actors_for

    meta = Meta(title="关于开展隐患排查的通知", issuers=["渭南市应急管理局"], province="陕西省",
                locality="渭南市", addressees=["各县市区应急管理局"])
    assert actors_for("向市政府报告。", "", meta)[1] == ["渭南市人民政府"]
    assert actors_for("每月5日前上报至市应急管理局和市统计局。", "", meta)[1] == ["渭南市应急管理局", "渭南市统计局"]
    assert actors_for("市政府办公室牵头督办。", "", meta)[0] == [
        {"name": "渭南市人民政府办公室", "role": "lead", "explicit": True}]
    assert all(a["name"] != "陕西省人民政府" for a in actors_for("贯彻省委、省政府关于安全生产的部署。", "", meta)[0])
    assert actors_for("市国资委负责国有企业安全监管。", "", meta)[0][0]["name"] == "渭南市人民政府国有资产监督管理委员会"
