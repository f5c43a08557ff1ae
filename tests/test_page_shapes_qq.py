"""Shapes of real circulars outside ../shared: public pages of the fresh batches qq and rr of
the twelfth session, cited by address; a few lines each, not the documents."""

from __future__ import annotations

import pytest
from page_text import extract_text

# 江苏省人民政府办公厅 苏政办发〔2011〕59号 (www.js.gov.cn/art/2011/5/7/art_46801_2680667.html)
JIANGSU_COVER = (
    '省政府办公厅印发贯彻落实省政府关于进一步加强企业安全生产工作意见重点工作分工方案的通知\n'
    '发布日期:2011-05-07 11:38 字体:[ ]\n'
    '\n'
    '省政府办公厅印发贯彻落实省政府关于进一步加强\n'
    '企业安全生产工作意见重点工作分工方案的通知\n'
    '苏政办发〔2011〕59号  2011年5月7日\n'
    '\n'
    ' \n'
    '\n'
    ' \n'
    '\n'
    '省各委、办、厅、局,省各直属单位:\n'
    '        《贯彻落实〈省政府关于进一步加强企业安全生产工作的意见〉重点工作分工方案》已经省人民政府同意,现印发给你们,请认真贯彻执行。对本部门承担的工作,要明确实施步骤和具体措施;对涉及多个部门的工作,牵头部门要加强协调,部门之间要密切配合,努力形成齐抓共管的工作格局。省安全生产委员会办公室要加强督促检查,并将工作年度完成情况汇总报省安全生产委员会。\n')


def test_a_number_line_may_carry_the_signing_date():
    """"苏政办发〔2011〕59号  2011年5月7日": the cover's own number, and its date when no signature follows."""
    meta = extract_text(JIANGSU_COVER)["meta"]
    assert (meta["doc_number"], meta["date"], meta["province"]) == ("苏政办发〔2011〕59号", "2011-05-07", "江苏省")


def test_a_class_of_a_levels_commissions_and_bureaus_is_kept_as_written():
    """"省各委、办、厅、局": every commission, office and department of the province, a class (SCHEMA:
    collectives as written), not a body named 江苏省各委办厅局."""
    assert extract_text(JIANGSU_COVER)["meta"]["addressees"] == ["省各委办厅局", "省各直属单位"]


# 广西壮族自治区安全生产监督管理局 桂安监管烟爆〔2018〕6号 (yjglt.gxzf.gov.cn/aqsc/yhbz/t2986578.shtml)
GUANGXI_INSPECTION = (
    '我要收藏\n'
    '公共资源调用站点\n'
    '文章分享\n'
    '桂安监管烟爆〔2018〕6号\n'
    '南宁、梧州、北海、钦州、玉林市安监局:\n'
    '为推动全区烟花爆竹生产企业落实安全生产主体责任,有效防范和遏制烟花爆竹事故发生,根据《广西壮族自治区安全生产监督管理局关于印发落实企业安全生产主体责任专项行动实施方案的通知》(桂安监管〔2018〕18号)要求,自治区安全监管局研究决定,对区内烟花爆竹生产企业开展安全生产条件检查。现将有关事项通知如下:\n'
    '一、检查任务\n'
    '全区共检查20家烟花爆竹生产企业(附件1)。各市接受检查的烟花爆竹生产企业数量如下:南宁1家,梧州2家,北海6家,钦州6家,玉林5家。检查工作由自治区安全监管局委托江西省赣华安全科技有限公司开展。\n')


def test_a_numbered_circulars_title_is_not_the_sites_widget():
    """"我要收藏 / 公共资源调用站点 / 文章分享" above the number and the addressees: the site's widgets, no title;
    so the notice's unnamed work goes to its addressees, not also to the bureau writing it."""
    result = extract_text(GUANGXI_INSPECTION)
    assert result["meta"]["title"] is None
    assert result["meta"]["doc_number"] == "桂安监管烟爆〔2018〕6号"


def test_an_entrusting_bureau_ends_before_its_verb():
    """"由自治区安全监管局委托江西省赣华安全科技有限公司开展": 委托 is the verb, 监管局委 no name."""
    names = [a["name"] for t in extract_text(GUANGXI_INSPECTION)["tasks"] for a in t["actors"]]
    assert "广西壮族自治区安全生产监督管理局" in names
    assert not any(n.endswith("局委") for n in names)


# a news page on a mirror (isenbj.cn/e/action/ShowInfo.php?classid=76&id=78885): the site's slogan first
SICHUAN_NEWS = (
    '香港声音 直达真相 欢迎关注中国社会新闻社官方网站艾森网!\n'
    '\n'
    '四川对11个市(州)启动安全生产巡查\n'
    '\n'
    '2018-11-04 01:57:33 信息来源:发布者:艾森新闻网点击量:\n'
    '\n'
    '  11月1日,记者从四川省政府安办获悉,四川省日前已启动2018年安全生产巡查工作,巡查对象包括成都等11个市(州)。巡查组将重点对健全完善安全生产责任体系情况、推进依法治安情况等9个方面开展现场巡查,巡查方式包括派专人受理当地安全生产工作相关信访举报等。\n'
    '\n'
    '  2017年省政府安委会已对10个市(州)开展安全生产巡查,在此基础上,近期,省政府安委会安全生产巡查组将分别进驻成都市、泸州市、德阳市、绵阳市、内江市、乐山市、宜宾市、巴中市、雅安市、阿坝州、甘孜州等11个市(州)开展安全生产巡查。各巡查组将通过听取汇报、座谈交流、个别问询、查阅资料、延伸巡查、重点抽查、受理举报、警示约谈、媒体曝光等方式,对当地安全生产工作情况进行全面巡查。\n')


def test_a_news_headline_is_the_line_above_its_time_stamp():
    """The site's slogan "香港声音 直达真相 欢迎关注…艾森网!" opens the page; the headline stands above
    "2018-11-04 01:57:33 信息来源:…"."""
    assert extract_text(SICHUAN_NEWS)["meta"]["title"] == "四川对11个市(州)启动安全生产巡查"


def test_a_year_opening_on_work_done_then_is_no_period():
    """"2017年省政府安委会已对10个市(州)开展安全生产巡查": last year's round, not the span the text covers."""
    assert extract_text(SICHUAN_NEWS)["meta"]["period"] is None


# 安徽省减灾救灾委员会2023年工作要点, on a mirror (lingjia365.com/p9377745/147630031.html)
ANHUI_RELIEF_POINTS = (
    '《安徽省减灾救灾委员会2023年工作要点》已经省政府同意,现印发给你们,请认真贯彻落实。\n'
    '安徽减灾救灾委员会\n'
    '2023年1月30日\n'
    '安徽省减灾救灾委员会2023年工作要点\n'
    '以习近平新时代中国特色社会主义思想为指导,深入学习贯彻党的二十大精神,认真贯彻落实国家减灾委和省委、省政府关于防灾减灾救灾工作决策部署,坚持人民至上、生命至上,有效防范化解重大安全风险,有序应对突发自然灾害,有力保障人民群众生命财产安全,全面提升抵御自然灾害综合防范能力。\n'
    '一、不断健全防灾减灾救灾体制机制\n'
    '1.健全责任体系。坚持党委和政府在防灾减灾救灾工作中的领导和主导地位,发挥组织领导、统筹协调等作用。坚持分级负责、属地为主,健全防灾减灾救灾责任体系,明确各级、各有关部门自然灾害防治责任,强化责任落实。(责任单位:省减灾救灾办、省减灾救灾委成员单位,各市减灾救灾委 )\n'
    '2.完善工作机制。各涉灾部门发挥专业优势,有效开展灾害监测、风险普查、风险会商、灾害预警、科普宣传,制修订专项应急预案和部门应急预案,加强应急演练计划管理和考核,逐步形成优势互补、分工明确、责任衔接、齐抓共管的防灾减灾救灾工作格局。(责任单位:省减灾救灾办、省减灾救灾委成员单位,各市减灾救灾委)\n')


def test_a_committees_short_form_is_spelled_out():
    """"(责任单位:…各市减灾救灾委)": 委 ending a body stands for 委员会 (not 省委, 党委, 国务院各部委)."""
    names = [a["name"] for a in extract_text(ANHUI_RELIEF_POINTS)["tasks"][0]["actors"]]
    assert "各市减灾救灾委员会" in names
    assert not any(n.endswith("减灾救灾委") for n in names)


# 本溪市安全生产“十一五”规划, page 2 on a law mirror (www.fymate.net/html/text/lar/169673/16967371_2.html)
BENXI_PLAN = (
    '5.安全生产应急救援体系建设工程\n'
    '按照辽宁省安全生产“十一五”规划要求,建设1个市级安全生产应急救援指挥中心。建立完善危险化学品、煤矿等2支应急救援队伍(市安全生产监管局、市人事局、市煤炭安全局按照职责分工负责)。\n'
    '6.安全生产监管体系及监管装备建设工程\n'
    '(1)安全生产监管体系建设。建立和完善市、县(区)政府及工业企业比较集中的乡镇(街道)安全生产监管机构和执法队伍,保障安全生产监管机构、人员、经费、设施和装备到位(市安全生产监管局、市财政局、市人事局、各县(区)政府按照职责分工负责)。\n'
    '(2)安全生产监管装备建设。为市、县(区)安全生产监管机构配置监管专用执法车辆、现场安全条件及作业场所职业危害监督检查专用设备、事故调查取证分析设备、安全监管人员个体防护装备和办公设备(市安全生产监管局、市财政局、各县区政府按照职责分工负责)。\n')


def test_an_allocation_with_a_note_inside_and_its_manner_is_read():
    """"(…市人事局、市煤炭安全局按照职责分工负责)" and "(…各县(区)政府按照职责分工负责)": the note (区)
    inside the bracket and 按照职责 before the verb keep the bodies allocated."""
    tasks = extract_text(BENXI_PLAN)["tasks"]
    assert [len(t["actors"]) for t in tasks[:3]] == [3, 4, 3]
    assert any(a["name"].endswith("县区人民政府") for a in tasks[1]["actors"])


# 广西 尾矿库 防汛 督查 (yjglt.gxzf.gov.cn/aqsc/fmks/t2994689.shtml)
GUANGXI_TAILINGS = (
    '本次督查采取自治区重点督查和市级全面检查的方式。督查工作采取听汇报、查阅相关资料、现场检查尾矿库安全环保情况的方式进行。自治区级重点督查百色、河池、贺州等市。各市要根据本通知要求的内容,组成联合检查组对辖区范围内的全部尾矿库开展检查,对检查出的问题要限期完成整改。\n'
    '三、督查的重点\n')


def test_a_clause_opening_on_its_verbs_names_no_party():
    """"各市要根据本通知要求的内容,组成联合检查组对…开展检查": 组成联合检查组 is what 各市 do, not a body."""
    names = [a["name"] for t in extract_text(GUANGXI_TAILINGS)["tasks"] for a in t["actors"]]
    assert "组成联合检查组" not in names and "各市" in names


# 江苏 工作分工方案 item (www.js.gov.cn/art/2011/5/7/art_46801_2680667.html)
JIANGSU_ITEM = (
    '        1.督促企业法定代表人认真履行安全生产第一责任人的责任,依法保证安全管理、装备、培训等措施和投入落实到位,切实维护企业安全生产和从业人员安全健康权益。(省安监局及各行业主管、监管部门分工负责)\n'
    '        2.不断完善以企业负责人为重点,覆盖企业管理人员、车间班组以及各个工种的安全生产岗位责任制,把安全生产责任落实到每个环节、每个岗位、每个员工,实现全员、全过程、全方位的安全管理。(省安监局及各行业主管、监管部门分工负责)\n')


def test_an_idiom_verb_opening_an_item_is_no_party():
    """"2.不断完善以企业负责人为重点,覆盖…岗位责任制": 不断完善以企业 is no body."""
    names = [a["name"] for t in extract_text(JIANGSU_ITEM)["tasks"] for a in t["actors"]]
    assert "不断完善以企业" not in names


# 运城市城市管理局 燃气 通告 (gas.in-en.com/html/gas-3659445.shtml)
GAS_NOTICE = (
    '燃气用户强制措施改造安装工作,直接关系着用户的生命财产和公共安全,望广大用户积极配合支持,在规定期限内完成改造安装工作。对逾期未完成改造安装的燃气用户,燃气企业将依据相关法律法规下发停气通知,予以暂停供气,并上报燃气主管部门。\n')


def test_wang_asks_the_party_after_it():
    """"望广大用户积极配合支持": 望 (希望) asks 广大用户, who are the party."""
    names = [a["name"] for t in extract_text(GAS_NOTICE)["tasks"] for a in t["actors"]]
    assert "广大用户" in names and "望广大用户" not in names

BENXI_PLAN_TAILINGS = (
    '7.桓仁矿业有限公司尾矿库及二棚甸子采空区重大事故隐患治理工程\n'
    '(1)桓仁矿业有限公司尾矿库溢洪排水设施严重损坏的治理工程,是省立项的重特大事故隐患。“十一五”期间将按照《本溪市桓仁铜锌矿地区尾矿库隐患应急治理方案》,加大隐患治理投入,完成库区新的2公里运输道路修建;新建溢洪排水设施及10000米坝坡面排水设施任务,将桓仁矿业有限公司尾矿库重特大事故隐患彻底治理完毕(桓仁县政府、桓仁矿业有限公司负责)。\n')


def test_a_plan_allocating_to_its_city_bureaus_is_the_city_it_names():
    """The page names one city, in a cited title (《本溪市桓仁铜锌矿地区尾矿库隐患应急治理方案》), and
    allocates to 市安全生产监管局、市人事局…: the city's plan, whose bureaus are 本溪市's."""
    result = extract_text(BENXI_PLAN + BENXI_PLAN_TAILINGS)
    assert (result["meta"]["province"], result["meta"]["locality"]) == ("辽宁省", "本溪市")
    assert "本溪市财政局" in [a["name"] for a in result["tasks"][1]["actors"]]



# 黑龙江省安全生产监督管理局 全省安全生产大检查 通知, page 3 on a law mirror
# (www.fsou.com.cn/html/text/lar/171960/17196087_3.html)
HEILONGJIANG_INSPECTION = '黑龙江省安全生产监督管理局关于开展全省安全生产大检查的通知\n' + '(三)明确责任,深入督查。这次大检查工作要坚持“政府统一领导、部门独立负责、突出企业自检自查自改”的原则,各级政府安委会相关成员单位都要按照职责分工,认真部署和组织本行业领域的安全生产大检查工作。各级政府安委会及其办公室要加强组织指导、监督检查和综合协调工作,安监部门要加强对非煤矿山、危险化学品和烟花爆竹领域的安全监管。煤管、煤监部门要加强煤矿“一通三防”和复产开工验收工作监督检查,严厉打击煤矿非法违法生产行为。交警和交通运输管理部门要按照省政府提出的大检查、大整治、大教育、大宣传会战要求,加强全省事故多发点段的隐患排查,维护道路交通秩序。\n'


def test_a_task_to_every_levels_governments_keeps_department_classes():
    """"各级政府安委会相关成员单位…安监部门要加强…煤管、煤监部门要…": the task speaks to every level's
    governments, so its 安监部门 are every level's, a class as written, not the provincial bureau."""
    names = [a["name"] for t in extract_text(HEILONGJIANG_INSPECTION)["tasks"] for a in t["actors"]]
    assert "安监部门" in names and "黑龙江省安全生产监督管理局" not in names



# 上海市嘉定区安委办 转发 notice (www.jiading.gov.cn/publicity/jcgk/zdgkwj/gbmwj__publicity/fdzdgknr/zfwj/gbmwj/110521)
JIADING_BOX = (
    '上海市嘉定区安全生产委员会办公室(通 知)\n'
    '关于转发市安委会《上海市安全生产委员会关于深入排查整治消防安全重大风险隐患的通知》的通知\n'
    '索 引 号: WE4301000-2019-012 主题分类: 区政府委办局\n'
    '发布机构: 区应急管理局 发文日期: 2019-04-26\n'
    '名 称: 关于转发市安委会《上海市安全生产委员会关于深入排查整治消防安全重大风险隐患的通知》的通知\n'
    '文 号: 嘉安委办〔2019〕15号 公开类型: 主动公开\n'
    '公开属性: 全部公开 公开期限: 长期公开\n')


# 灞桥区 meeting report, one line on the page (m.news.wmxa.cn/baqiao/201811/589112.html)
BAQIAO_EXAMPLES = '5.要保障用电、用气以及取暖工作,消防大队牵头,特别是对街道城中村、老旧社区的消防,城市特种设备例如电梯、烟花爆竹等的安全检查工作。6.其他行业部门也要积极开展安全检查。例如民政局要对养老院、文体旅游局要对景区、卫计局要对医院等的安全检查;最后是加强督导问责力度。\n'


def test_the_bodies_after_for_example_are_the_parties():
    """"例如民政局要对养老院、文体旅游局要对景区…": 例如 opens no body's name."""
    names = [a["name"] for t in extract_text(BAQIAO_EXAMPLES)["tasks"] for a in t["actors"]]
    assert names and not any("例如" in n for n in names)


# 禹州市自然资源和规划局 headline on a mirror (www.jjdnfz.cn/show-133-105237-1.html)
YUZHOU_HEADLINE = '禹州市自然資源和規(guī)劃局部署2022年汛前地質(zhì)災(zāi)害隱患排查核查工作'


def test_a_bureau_ends_before_the_verb_deploying():
    """"…規(guī)劃局部署2022年汛前…": 部署 is the verb; no body's name ends in 局部."""
    from policykg.ingest.lexicon import lexicon

    k = YUZHOU_HEADLINE.index("局部署")
    ends = lexicon().name_ends(YUZHOU_HEADLINE)
    assert k + 1 in ends and k + 2 not in ends



# 南安市人民政府 森林防火 通告 南政〔2024〕2号, without its title line
# (nanan.gov.cn/zwgk/zfxxgkzl/zfxxgkml/hjbhggwsaqscspypcpzldjdjcqk/202401/t20240126_2998764.htm)
NANAN_FIRE_NOTICE = (
    '- 索 引 号:QZ07101-1200-2024-00020\n'
    '- 备注/文号:南政〔2024〕2号\n'
    '- 发布机构:南安市人民政府办公室\n'
    '- 公文生成日期:2024-01-19\n'
    '根据《泉州市森林防灭火指挥部关于发布2024年第1号高森林火险橙色预警信号的通知》(泉森防灭指〔2024〕1号)文件精神,将全市林区划定为森林高火险区。现将有关事项通告如下:\n'
    '一、立即发布高森林火险橙色警报信号,发布森林防火禁火令(1月21日至1月28日),禁止一切野外用火。\n'
    '二、各乡镇(街道)、国有林场要加强对护林员巡山护林管理,护林员应在岗在位,发现火情第一时间上报,要督促护林员开启手机定位系统,监督护林员加强巡山护林。\n'
    '三、南安市印山森林消防队在此期间要统一食宿,24小时集结待命。各乡镇(街道)森林消防队伍进入戒备状态,进一步落实扑火通讯、车辆、物资、机具设备等,做好扑火的各项准备。\n'
    '四、各乡镇(街道)、国有林场要加强值班值守,值班人员要在岗在位。\n')


def test_a_pages_lead_in_gives_its_single_domain_when_the_title_is_lost():
    """"根据《泉州市森林防灭火指挥部…》…将全市林区划定为森林高火险区。现将有关事项通告如下": every
    item of the notice (护林员巡山, 值班值守) is 森林草原防火, though only the first names it."""
    tasks = extract_text(NANAN_FIRE_NOTICE)["tasks"]
    assert len(tasks) == 4 and all("森林草原防火" in t["sectors"] for t in tasks)



# 河南省人民政府办公厅 豫政办〔2013〕31号, its cover printed on a portal (News.21csp.com.cn/c23/201312/64922.html)
HENAN_COVER = (
    '河南关于进一步明确责任加强道路交通安全工作的通知\n'
    '2013/5/6 10:12   河南省人民政府网站      关键字:道路交通安全,安全管理      浏览量:\n'
    '为深入贯彻落实《国务院关于加强道路交通安全工作的意见》(国发〔2012〕30号)和《国务院办公厅印发贯彻落实国务院关于加强道路交通安全工作意见重点工作分工方案的通知》(国办函〔2012〕211号)精神,全面加强我省道路交通安全工作,经省政府同意,现明确责任如下,各地、各部门要认真落实。\n'
    '\n'
    '    豫政办 〔2013〕31号\n'
    '\n')


# 重庆市人民政府办公厅 渝办发[2012]238号 on a journal site, run into one line (jxxfw.com/periodical/76cc5940cdfa848684a6e0f81f55d27c.html)
CHONGQING_RUN_ON = '论文部分内容阅读\n重庆市人民政府办公厅文件渝办发[2012]238号各区县(自治县)人民政府,市政府有关部门,有关单位:\n'





# 国家减灾委 防灾减灾日 notice reported on a society's site (yfzh.org.cn/Article/index/id/641/aid/341)
DISASTER_DAY_NEWS = (
    '我国第七个防灾减灾日主题是“科学减灾 依法应对”\n'
    '\n'
    '2015-05-02     3748次\n'
    '\n'
    '    2015年5月12日是我国第七个防灾减灾日,主题是“科学减灾 依法应对”,5月11日至17日为防灾减灾宣传周。日前,为做好今年防灾减灾日各项工作,经国务院同意,国家减灾委员会向各省、自治区、直辖市人民政府,国家减灾委员会各成员单位就有关事项下发通知。  \n'
    '    《通知》要求,一要突出“科学减灾 依法应对”主题,扎实开展防灾减灾活动。\n'
    '    二要不断丰富宣传教育内容,大力普及防灾减灾知识和技能。\n'
    '    三要深入推进灾害风险隐患排查,加大集中整治力度。\n')


def test_a_reported_notice_sent_on_a_matter_to_a_list_with_a_comma():
    """"国家减灾委员会向各省、自治区、直辖市人民政府,国家减灾委员会各成员单位就有关事项下发通知。《通知》要求,
    一要…": the notice's sender and its addressees, whose work its points are."""
    result = extract_text(DISASTER_DAY_NEWS)
    assert result["meta"]["issuers"] == ["国家减灾委员会"]
    assert len(result["meta"]["addressees"]) == 2
    assert all(len(t["actors"]) == 2 for t in result["tasks"])



# 国家森防指 instruction on 云南 and 四川 forest fires, on a mirror with pinyin noise
# (nakedoat.com/gzdt/2013-03/01/content_2342731.htm)
FOREST_FIRE_INSTRUCTION = '據(jù)國家森防指消息:2月28日,國家森防指總指揮、國家林業(yè)局局長趙樹叢同志對云南和四川省的森林火災(zāi)撲救工作作出重要批示:云南、四川近期連續(xù)干旱,火險等級高,頻頻發(fā)生森林火災(zāi)。國家森防指辦公室要加強(qiáng)調(diào)度、督查,及時撲滅,減少損失。森林指揮部和防火辦要加強(qiáng)信息聯(lián)通,指揮聯(lián)動,通力合作。請向一線撲火官兵表示慰問,并告云南森防指、四川森防指要調(diào)集各方力量,盡快控制火情,并加強(qiáng)林區(qū)防火工作。\n'


def test_headquarters_by_short_names_are_named_in_full():
    """"國家森防指辦公室要…", "并告云南森防指、四川森防指要…": the national headquarters' office and the two
    provinces' headquarters, named in full; 告 (tell) opens no name."""
    names = {a["name"] for t in extract_text(FOREST_FIRE_INSTRUCTION)["tasks"] for a in t["actors"]}
    assert {"国家森林防火指挥部办公室", "云南省森林防火指挥部", "四川省森林防火指挥部"} <= names
    assert not any("告" in n for n in names)



# 东莞 “三小”场所、出租屋 消防 专项整治 plan, page 2 on a law mirror
# (www.fymate.net/html/text/lar/171606/17160647_2.html): its duty list, a body and a full stop a line
DONGGUAN_DUTIES = (
    '市流动人员和出租屋管理办公室。负责指导基层出租屋管理服务中心对出租屋进行调查摸底及对出租屋消防安全隐患进行巡查、反馈。\n'
    '市安监局。负责指导镇(街)隐患整治办的安全生产工作,对不具备安全生产条件的“三小”场所依法进行查处。\n'
    '市建设局。负责指导镇(街)整治办落实“三小”场所、出租屋检测、整治措施及对存在严重安全隐患的“三小”场所、出租屋及时进行处理工作。\n')


def test_a_duty_lists_line_may_head_its_body_with_a_full_stop():
    """"市安监局。负责指导镇(街)隐患整治办的安全生产工作,…": each line is a task of the body opening it."""
    tasks = extract_text(DONGGUAN_DUTIES)["tasks"]
    assert [[a["name"] for a in t["actors"]] for t in tasks][-2:] == [["市安全生产监督管理局"], ["市建设局"]]
    assert tasks[-1]["title"] == "市建设局"


@pytest.mark.parametrize("page, number", [
    (JIADING_BOX, "嘉安委办〔2019〕15号"),  # the page's box, left in its text (文 号: … 公开类型: 主动公开)
    (HENAN_COVER, "豫政办〔2013〕31号"),  # a space between the organ's code and the year
    (CHONGQING_RUN_ON, "渝办发〔2012〕238号"),  # under its red header (…办公厅文件渝办发[2012]238号各区县…)
])
def test_a_documents_number_in_the_shapes_pages_print_it(page, number):
    assert extract_text(page)["meta"]["doc_number"] == number



# 湖北省政府办公厅 rainstorm notice reported on a spam mirror of the central portal
# (nakedoat.com/govweb/gzdt/2008-06/06/content_1008570.htm), without its spam line
HUBEI_RAIN_NEWS = (
    '\n'
    '  當(dāng)前位置: 首頁>> 工作動態(tài)>> 地方政務(wù)\n'
    ' \n'
    '湖北省政府辦公廳緊急通知要求防范10年一遇暴雨\n'
    '中央政府門戶網(wǎng)站 www.nakedoat.com   2008年06月06日   來源:湖北省人民政府\n'
    '\n'
    '    據(jù)湖北省氣象局最新消息,明后兩天,一次10年一遇的強降雨將襲擊湖北省,極易引發(fā)重大自然災(zāi)害。昨日(6月5日),省政府辦公廳發(fā)出緊急通知,要求全省防范。\n')


def test_a_headline_run_into_what_is_left_of_its_stamp():
    """The headline stands over "中央政府門戶網站 www.… 2008年06月06日 來源:湖北省人民政府"; the cleaning
    cut the date and source as furniture and ran the rest into the headline: the headline is its own."""
    assert extract_text(HUBEI_RAIN_NEWS)["meta"]["title"] == "湖北省政府办公厅紧急通知要求防范10年一遇暴雨"


# 鹿邑县防指 抗旱 response in a newspaper's app (zonecy.com/content/2020-06/08/content_882261.html)
LUYI_DROUGHT_NEWS = (
    '來源:新周口客戶端\n'
    '2020-06-08\n'
    '周口日報·新周口客戶端記者 張志新 通訊員 宋亞奔\n'
    '5月中旬以來,鹿邑縣持續無有效降水,同時出現大范圍、持續性高溫天氣,旱情持續發展。根據國家發布的旱情等級標準,按照《鹿邑縣抗旱應急預案》有關規定,鹿邑縣防汛抗旱指揮部決定于6月6日18時啟動IV級抗旱應急響應。\n'
    '鹿邑縣防汛抗旱指揮部要求全縣各鄉鎮(辦事處)、產業集聚區(農場)管委會及縣防指相關成員單位,要充分認識抗旱夏播搶種的重要意義和當前抗旱工作面臨的嚴峻形勢,進一步提高認識,堅決克服“靠天等雨”的思想,切實增強做好當前抗旱工作的緊迫感和責任感。\n')


def test_a_reporters_byline_is_no_title():
    """"周口日報·新周口客戶端記者 張志新 通訊員 宋亞奔" names who wrote the report, not what it is."""
    assert extract_text(LUYI_DROUGHT_NEWS)["meta"]["title"] is None
