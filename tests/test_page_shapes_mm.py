"""Shapes of real circulars outside ../shared: public pages of the fresh batches jj, kk, ll and mm
of the thirteenth session, cited by address; a few lines each, not the documents."""

from __future__ import annotations

from page_text import extract_text

# 大同市 2025 春节烟花爆竹 通告 on a WeChat repost (wxredian.com/art?id=601df8b249a334d0f9e397c2eca6bec1)
DATONG_FIREWORKS = (
    '现就进一步做好全市春节、元宵节期间烟花爆竹安全事项通告如下:一 、除2025年1月28日(农历除夕)、2月2日(农历正月初五)、'
    '2月12日(农历正月十五)指定时间,在文瀛广场、北环桥以北150米内御河以西至滨河路以东区域、南环桥以南至开源桥以北御河东路以西至御河以东区域、'
    '十里河公园南广场、云兴广场、平旺公园西广场在内的主城区6个点位,以及各县(区)人民政府指定安全场所外,严禁任何单位和个人在其他区域内燃放烟花爆竹。'
    '二、对在古城内及周边区域,学校、医院、商场、文物保护单位、道路桥梁、交通枢纽、铁路线路安全保护区等公共场所,以及重点消防单位燃放烟花爆竹的,'
    '有关部门将从严查处。三、各县(区)人民政府要统筹街道(乡镇)、村(社区)以及应急管理、消防、公安、园林、城市管理等相关部门加强对指定燃放场所的'
    '消防安全、道路交通、公共秩序等安全管理。\n')


def test_a_space_before_the_items_comma_still_numbers_it():
    """"通告如下:一 、除…": the first item of a run typed with a space before 、 opens the run."""
    tasks = extract_text(DATONG_FIREWORKS)["tasks"]
    assert [t["path"] for t in tasks] == [["一"], ["二"], ["三"]]
    assert [a["name"] for a in tasks[0]["actors"]] == ["任何单位和个人"]


# 峨山县 清剿火患 plan on a law mirror, its head cut off (ask.fsou.com/html/text/lar/174089/17408913_1.html)
ESHAN_FIRE_PLAN = (
    '(一)工作机构。为切实开展好“清剿火患”专项行动,县人民政府成立县“清剿火患”指挥部,统一指挥调度“清剿火患”专项行动。'
    '副县长易长生任指挥长,县人民政府办公室副主任陈绍强、县公安局副局长梁跃清、县公安局消防大防教导员陈飞任副指挥长,'
    '成员由县公安消防、安监、住建、教育、民政、交通、工商、文体、卫生、人防、质监等部门领导组成。指挥部下设办公室在县公安消防大队,'
    '具体负责“清剿火患”专项行动日常事务,由陈飞兼任办公室主任,成员由防火办工作人员组成。\n'
    '(二)职责分工。“清剿火患”工作实行部门领导分片包干负责制,具体为:县公安消防大队负责甸中镇、化念镇、塔甸镇、岔河乡、大龙潭乡、富良棚乡,'
    '县文体局负责双江街道,县工商局负责小街街道。县教育局、卫生局等行业主管部门负责组织开展本行业、本系统的“清剿火患”专项行动。\n')


def test_a_county_page_is_told_by_the_townships_it_allocates():
    """A page without its head that gives its county's townships to its 县 bodies is that county's;
    双江 opening 双江街道 is a township's name, not 双江县 of another city."""
    meta = extract_text(ESHAN_FIRE_PLAN)["meta"]
    assert (meta["province"], meta["locality"]) == ("云南省", "玉溪市峨山彝族自治县")


def test_a_post_filled_is_no_party_and_an_office_set_under_a_headquarters_is_its_office():
    """"由陈飞兼任办公室主任" names a person taking a post, no body; "指挥部下设办公室" is the
    headquarters' office."""
    names = {a["name"] for t in extract_text(ESHAN_FIRE_PLAN)["tasks"] for a in t["actors"]}
    assert not any("陈飞" in n or "下设" in n for n in names)
    assert "峨山彝族自治县指挥部办公室" in names


# 重庆市荣昌区人民政府森林防火封山令 2024 (www.zgcounty.com/news/59190.html)
RONGCHANG_CLOSURE = (
    '重庆市荣昌区人民政府森林防火封山令\n'
    '当前,受连晴高温影响,森林火灾风险极高,全区正处于森林火灾极高风险期。为防止发生森林火灾,全力保护森林资源和人民群众生命财产安全,'
    '根据国务院《森林防火条例》《重庆市森林防火条例》等法律法规,结合我区实际,特发布封山令。\n'
    '三、封山规定\n'
    '(一)除原住居民正常生产生活外,其余人员未经批准一律不得进入封山区域。\n'
    '(二)封山区域内,严禁一切野外用火和一切易发生火灾的作业行为。\n'
    '(六)任何单位和个人一旦发现森林火情,请立即向当地镇人民政府(街道办事处)报告或拨打森林火警电话。\n'
    '报警电话:023-46551919\n'
    '区长\n'
    '2024年8月22日')


def test_an_orders_subjects_keep_their_conditions_and_its_bare_ban_is_the_writers():
    """其余人员未经批准一律不得… and 任何单位和个人一旦发现…,请… name their parties before the
    condition; a ban naming nobody is inferred to the government that orders it (devset d07, d43)."""
    tasks = extract_text(RONGCHANG_CLOSURE)["tasks"]
    got = [[(a["name"], a["explicit"]) for a in t["actors"]] for t in tasks]
    assert got == [[("其余人员", True)], [("重庆市荣昌区人民政府", False)], [("任何单位和个人", True)]]


# 太原 coal-mine stoppage notice on a law mirror (www.fymate.net/html/text/lar/168982/16898271_1.html)
TAIYUAN_STOPPAGE = '1、各煤矿企业不准停电、停风,不准以任何名义进行生产作业。要加强井下局部通风管理,确保煤矿整顿的安全。\n'


def test_a_ban_by_buzhun_follows_its_subject():
    """"各煤矿企业不准停电": 不准 is a duty like 不得 after the party it binds."""
    tasks = extract_text(TAIYUAN_STOPPAGE)["tasks"]
    assert [(a["name"], a["explicit"]) for a in tasks[0]["actors"]] == [("各煤矿企业", True)]


# a village committee's 防火通知, 2019 (170030.nync.com/article/2288845.html)
VILLAGE_FIRE_NOTICE = (
    '防 火 通 知\n'
    '今年以来,黄崖洞区域,气候干燥,降雨量偏少,防火形势依然严峻。尽管县、镇、村领导再三利用广播、电视、标语等形式,'
    '向广大群众宣传火灾对人类的危害,安派专人看守。但是,就是有个别人,安全意识淡薄,仍然我行我素,在野外用火。\n'
    '希望广大群众,高度重视森林防火的重要性、紧迫性,禁止野外用火。\n')


def test_the_party_a_notice_hopes_of_may_be_set_off_by_a_comma():
    """"希望广大群众,高度重视…": the public the village asks."""
    tasks = extract_text(VILLAGE_FIRE_NOTICE)["tasks"]
    assert [a["name"] for a in tasks[-1]["actors"]] == ["广大群众"]


# 城口县水利局 城水利发〔2024〕101号 on a traditional-script mirror with pinyin notes
# (quickbiz.cn/bm/slj/zwgk_70831/fdzdgknr_70834/lzyj_70835/xzgfxwj_70836/202407/t20240709_13357336.html)
CHENGKOU_RESPONSE = (
    '[ 索引號(hào) ] | 115002297116233193/2024-00010 | [ 發(fā)文字號(hào) ] | 城水利發(fā)〔2024〕101號(hào) |\n'
    '[ 主題分類(lèi) ] | 水利、水務(wù) | [ 體裁分類(lèi) ] | 其他 |\n'
    '[ 發(fā)布機(jī)構(gòu) ] | 城口縣水利局 | ||\n'
    '[ 成文日期 ] | 2024-07-08 | [ 發(fā)布日期 ] | 2024-07-09 |\n'
    '城口縣水利局關(guān)于啟動(dòng)水旱災(zāi)害防御Ⅳ級(jí)應(yīng)急響應(yīng)的通知\n'
    '各鄉(xiāng)鎮(zhèn)人民政府、街道辦事處,局屬各科室、所屬事業(yè)單位,各水利工程管理單位:\n'
)


def test_a_boxs_labels_in_brackets_give_number_and_date_and_its_issuer_cell_is_no_title():
    """"[ 發(fā)文字號(hào) ] | 城水利發(fā)〔2024〕101號(hào) |": a label closed by a bracket and a
    cell's bar; the lone "[ 發布機構 ] | 城口縣水利局 | ||" line is the box's, not the title's head."""
    meta = extract_text(CHENGKOU_RESPONSE)["meta"]
    assert (meta["title"], meta["doc_number"], meta["date"]) == (
        "城口县水利局关于启动水旱灾害防御Ⅳ级应急响应的通知", "城水利发〔2024〕101号", "2024-07-08")


def test_the_units_under_the_writing_bureau_are_a_class_as_written():
    """"局屬各科室": the bureau's own sections, a class (not 重庆市城口县水利局属各科室)."""
    assert "局属各科室" in extract_text(CHENGKOU_RESPONSE)["meta"]["addressees"]


# 山西省政府办公厅 煤矿 notice reported by 人民网 on sina, 2005 (news.sina.com.cn/o/2005-03-31/18445519869s.shtml)
SHANXI_COAL_NEWS = (
    '人民网太原3月31日电 记者罗盘报道:近日,山西省政府办公厅发出关于采取有力措施,切实搞好煤矿安全生产工作的通知。\n'
    '通知指出,今年3月份以来,山西境内连续发生煤矿重特大事故,给人民生命财产造成严重损失,造成了不良的社会影响,安全生产形势非常严峻,为此,山西省政府召开全省煤矿安全生产工作紧急电视电话会议,做出以下六方面措施,以迅速扭转煤矿安全生产的被动局面。\n'
    '一、未取得安全生产许可证的煤矿立即全部停产;\n'
    '二、严厉打击、重处重罚私挖滥采和越层越界行为;\n'
    '三、加强证照齐全煤矿的日常监管监察,坚决杜绝超能力特别是超通风能力生产,严格控制下井作业人数;\n'
    '四、认真做好停产煤矿的安全整治工作;\n'
    '五、把保持共产党员先进性教育活动与推进安全生产工作有机的结合起来,严肃查处参与办矿、与矿主有利益牵连或在幕后纵容,为非法矿井充当后台和保护伞的公职人员;\n'
    '六、建立举报奖励制度,进一步完善群众监督机制,各级政府和省国土资源、安监、煤炭、煤监、公安、监委等部门都要设立专门的举报电话,对举报属实的给予举报人1-5万元人民币的奖励。\n'
    '省煤矿安全生产监督举报电话:\n'
    '省直部门:\n'
    '省公安厅:(0351)8309110;\n'
    '省监委:(0351)3046525;\n'
    '省国土资源厅:(0351)6160042、6163979;\n'
    '省煤炭工业局:(0351)4117551、4115432;\n'
    '省安监局:(0351)4094913\n'
    '各市政府:\n'
    '太原市政府:(0351)4225078;\n'
    '大同市政府:(0352)6028193;\n'
    '朔州市政府:(0349)6886893;\n'
    '忻州市政府:(0350)3021160、3141113;\n'
    '吕梁市政府:(0358)8222952;\n'
    '晋中市政府:(0354)3022391、3039233;\n'
)


def test_a_directory_of_city_hotlines_under_the_items_is_no_roundup():
    """太原市政府:(0351)4225078; 大同市政府:…: the hotlines of the cities under a notice's six
    measures are no regions' practices; the measures stay its tasks."""
    rec = extract_text(SHANXI_COAL_NEWS)
    assert [t["path"] for t in rec["tasks"]][:5] == [["一"], ["二"], ["三"], ["四"], ["五"]]
    assert rec["practices"] == []


def test_news_of_a_notice_whose_title_holds_a_comma_gives_its_sender():
    """"山西省政府办公厅发出关于采取有力措施,切实搞好煤矿安全生产工作的通知": the unquoted title
    runs past its comma to 的通知."""
    meta = extract_text(SHANXI_COAL_NEWS)["meta"]
    assert meta["issuers"] == ["山西省人民政府办公厅"]


def test_chained_seo_keywords_are_cut_and_the_name_around_them_stays():
    """上街区's 2023 fireworks 通告 on a hijacked mirror (www.klexue.com/public/D0102X/6890047): three
    keywords joined by "_" stood where the district's name was; they go, the place before them and
    人民政府关于… after them stay."""
    text = ('郑州市365双试投注_线上365bet体育_365bet真正网站人民政府关于加强2023年春节期间烟花爆竹安全管理的通告\n'
            '为加强2023年春节期间烟花爆竹安全管理工作,减少大气环境污染,保障公共安全和群众人身、财产安全,确保春节期间烟花爆竹安全形势稳定,'
            '根据《烟花爆竹安全管理条例》(国务院令第455号)等法律法规,现就进一步做好我区2023年春节期间烟花爆竹安全管理有关工作通告如下:\n')
    assert extract_text(text)["meta"]["title"] == "郑州市人民政府关于加强2023年春节期间烟花爆竹安全管理的通告"


def test_a_county_short_name_across_two_words_names_no_county():
    """本溪县's meeting report (bx.gov.cn/xwzx/zwyw/content_505116): "各乡镇安全生产" holds 镇安 across
    乡镇 and 安全, no 镇安县 of 陕西."""
    text = ('我县召开春节期间安全生产工作调度会议\n'
            '为全面贯彻落实近期上级安全生产会议精神和有关文件要求,1月14日,县安委办组织召开春节期间安全生产工作调度会议。\n'
            '就2021年春节期间安全生产工作,会议强调,各相关单位、各乡镇要认真落实管行业管安全主体职责;要做好疫情防控期间,'
            '企业主体责任和职工岗位责任的落实和督促检查;要吸取外地事故教训,做好各单位、各乡镇安全生产方面的检查。\n')
    assert extract_text(text)["meta"]["province"] != "陕西省"


def test_a_forwarding_cover_is_its_heads_bodys_not_the_forwarded_senders():
    """海南省安全生产监督管理局's cover (yjglt.hainan.gov.cn/aqscxx/yjglzl/fmks/201304/t20130410_1447798.html):
    its text tells that 国家安全监管总局办公厅下发了《…》, but the circular, with its addressee line,
    is the bureau's on its head line."""
    text = ('海南省安全生产监督管理局\n\n转发国家安全监管总局办公厅关于\n\n切实做好尾矿库汛期安全生产工作的通知\n\n \n\n'
            '各有关市县安监局,有关矿山企业:\n\n'
            '为切实做好2013年汛期尾矿库安全生产工作,有效防范尾矿库事故特别是由自然灾害引发的事故,327,国家安全监管总局办公厅下发了'
            '《关于切实做好尾矿库汛期安全生产工作的通知》(安监总厅管一〔201335号,以下简称《通知》),就做好尾矿库汛期安全生产工作作出部署,'
            '现将《通知》转发给你们,请认真抓好落实。\n')
    meta = extract_text(text)["meta"]
    assert (meta["issuers"], meta["province"]) == (["海南省安全生产监督管理局"], "海南省")


def test_a_number_under_a_head_that_names_its_place_in_full_is_no_provinces_short():
    """青浦区's notice (www.shqp.gov.cn/cons/jgzwgk/ml/qt/20230927/1140428.html): 青地空联办〔2023〕8号 opens
    with 青浦's 青, not 青海's, under 上海市青浦区建设和交通委员会 printed on its own line — the writer."""
    text = ('关于做好2023年中秋节、国庆节和进博会期间本区地下空间安全使用管理工作的通知\n'
            'QB44020002023055\n主动公开\n青地空联办〔2023〕8号\n上海市青浦区建设和交通委员会\n2023.09.25\n'
            '区地下空间管理联席会议各成员单位:\n'
            '为切实做好2023年中秋节、国庆节和第六届中国国际进口博览会(以下简称“进博会”)期间本区地下空间安全生产工作,'
            '结合本区实际,现将近期有关工作通知如下:\n')
    meta = extract_text(text)["meta"]
    assert (meta["province"], meta["locality"], meta["issuers"]) == ("上海市", "青浦区", ["上海市青浦区建设和交通委员会"])


def test_places_by_short_names_before_a_level_class_and_its_body_are_each_one_body():
    """延安's 2006 notice on a law mirror (fymate.net/html/text/lar/169750/16975062.html):
    "黄陵、子长、延长、宝塔、富县县区人民政府" is each county's or district's government; 县区 names
    the members' levels, no body's word."""
    text = ('延安市人民政府办公室关于下达2006年煤矿关闭指标的紧急通知\n(延政办发〔2006〕49号)\n\n'
            '黄陵、子长、延长、宝塔、富县县区人民政府:\n\n'
            '  根据省政府办公厅《关于下达2006年煤矿关闭指标的紧急通知》(陕政办发明电〔2006〕34号)精神,现就下达2006年全市煤矿关闭指标有关事项通知如下:\n')
    addressees = extract_text(text)["meta"]["addressees"]
    assert "黄陵县人民政府" in addressees and "宝塔区人民政府" in addressees and "富县人民政府" in addressees
    assert not any("县区" in a for a in addressees)


# 广元市人民政府办公室 广府办函〔2007〕206号 (www.cngy.gov.cn/govop/show/20070827104145-082547-00-000.html)
GUANGYUAN_BOX = (
    '广元市人民政府\n'
    '您当前的位置:首页 » 信息公开>>广元市人民政府办公室关于落实第三阶段煤矿关闭任务的通知>>详情\n'
    '索 引 号 092337799/2007-114331286 公文种类 通知 发布机构 广元市人民政府办公室\n'
    '成文时间 2007-08-24 发布日期 2007-08-27 文号 广府办函〔2007〕206号\n'
    '有效性 有效 主题词 关于落实第三阶段煤矿关闭任务的通知\n'
    '广元市人民政府办公室关于落实第三阶段煤矿关闭任务的通知\n'
)


def test_a_box_with_unlisted_labels_is_furniture_and_its_writing_date_counts():
    """"有效性 有效 主题词 关于…的通知" is the box's row, not the title's head; "成文时间 2007-08-24" is the
    document's date; the site's banner (广元市人民政府) yields to the office its title opens with."""
    meta = extract_text(GUANGYUAN_BOX)["meta"]
    assert (meta["title"], meta["date"], meta["issuers"]) == (
        "广元市人民政府办公室关于落实第三阶段煤矿关闭任务的通知", "2007-08-24", ["广元市人民政府办公室"])


def test_a_city_papers_report_of_a_notice_by_province_bodies_is_the_papers_provinces():
    """广州日报 on a typhoon 通告 (gzdaily.dayoo.com/pc/html/2022-08/23/content_866_802312.htm): news of a
    通告 gives its senders, and 省 bodies in a 广州 paper are 广东's."""
    text = ('广州日报讯 (全媒体记者李天研 通讯员粤应宣)昨日,省三防办、省应急管理厅发布重大天气情况通告,就做好台风“马鞍”防御工作提出明确要求。\n'
            '通告要求,气象、水文、海洋等部门要密切关注台风“马鞍”发展动态,滚动发布最新预报结论。\n')
    meta = extract_text(text)["meta"]
    assert (meta["province"], meta["issuers"]) == ("广东省", ["广东省三防办", "广东省应急管理厅"])


def test_a_new_run_of_points_inherits_nothing_from_the_run_before():
    """霍邱县's 安委会 meeting report (huoqiu.gov.cn/zwzx/yw/38223075.html): the points under 会议要求 start
    again at 一要 and name nobody; 企业 named in the points under 会议强调 is not theirs."""
    text = ('会议强调,各行业正处复工复产高峰期,必须引起高度警惕。一要警惕人员状态松懈风险。把员工教育到位,企业主要负责人亲自授课、亲自部署,'
            '确保全员培训合格后再上岗。二要警惕设备长期停运风险。把设备检修到位,坚决做到隐患不清零不复产、风险不可控不复产。\n\n'
            '会议要求,一要紧盯烟花爆竹领域。严格落实“五个严禁、三个务必”硬措施,紧盯不放、一抓到底,确保万无一失。'
            '二要紧盯非煤矿山领域。压紧压实企业主体责任,深入开展隐患排查整治,严厉打击违法生产建设行为。\n')
    tasks = extract_text(text)["tasks"]
    fireworks = next(t for t in tasks if "烟花爆竹领域" in t["title"])
    assert not any(a["name"] == "企业" for a in fireworks["actors"])


def test_a_lead_in_naming_its_plan_gives_a_titleless_page_its_one_domain():
    """李家湾乡's 森林防火实施方案 without its title (www.liulin.gov.cn/llxxxgk/xzrmzf/ljwx/fgwj_37221/gfxwj_37222/202502/t20250206_1931554.shtml):
    "特制订我乡森林防火实施方案" says what the whole page is about, so every item is 森林草原防火."""
    text = ('各村委:\n\n根据《森林防火条例》和《山西省实施森林防火条例办法》的规定,以及省、市、县文件精神,结合我乡实际,特制订我乡森林防火实施方案。\n\n'
            '一、领导机构\n\n为了确保我乡森林安全生产工作的各项措施能够落到实处,乡政府决定成立2025森林防火工作领导组,领导组成员如下:\n\n'
            '二、工作要求\n\n各村要加强巡山护林,严格管控野外用火。\n')
    tasks = extract_text(text)["tasks"]
    assert tasks and all("森林草原防火" in t["sectors"] for t in tasks)


def test_places_where_it_rains_upstream_are_not_the_writers():
    """鸡泽县's flood notice on an essay site (meizhang.com/fangan/yffa/616121.html): 洺河上游武安市 and
    武安市降雨达到220多毫米 tell where the rain falls; the county that says 我县 and cites its own
    《鸡泽县防洪预案》 writes."""
    text = ('各乡镇人民政府,县对口有关单位,县政府有关部门:\n'
            '现在已进入防汛关键时期,根据最新气象信息预报,今天晚上到后天,我市将有一次较强降雨过程,特别是洺河上游武安市有大到暴雨。'
            '目前,洺河降雨径流已接近我县境内,鉴于7月26日武安市降雨达到220多毫米,土壤含水能力已接近饱和,再次降雨可能引发我县洪水灾害。'
            '为做好强降雨防范工作,现提出以下要求:\n'
            '一、县防汛抗旱指挥部(县防指)各成员单位要进入临战状态,按照县防指有关文件要求,立即上岗到位。'
            '如遇特大洪水灾害,要按照《鸡泽县防洪预案》组织村庄封堵打坝或及时转移群众。\n')
    meta = extract_text(text)["meta"]
    assert (meta["province"], meta["locality"]) == ("河北省", "邯郸市鸡泽县")


def test_the_addressee_line_places_no_writer():
    """A 黑龙江 provincial notice (law.lawtime.cn/d324674329768.html) sent to 大兴安岭地区行政公署,各市、县人民政府:
    the first addressee is no place of the writer's, and 省…局 stay the province's."""
    text = ('大兴安岭地区行政公署,各市、县人民政府,省政府各直属单位:\n\n'
            '  为认真贯彻落实《国务院办公厅关于完善煤矿安全监察体制的意见》(国办发(2004)79号)精神,进一步加强国有重点煤矿安全生产监管工作,'
            '经省政府领导同意,现就有关问题通知如下:\n')
    assert extract_text(text)["meta"]["locality"] is None


def test_an_inline_time_limit_field_gives_its_months_end():
    """大英县's 危险化学品 plan (dyrmt.com/article-147399-2.html): "(责任单位:县安委办;治理时限:2022年11月)" —
    a time-limit field like a 完成时限 cell: by the month's end."""
    text = ('(一)强化统筹协调和监管责任落实\n'
            '2.充分发挥大英县危险化学品安全生产专业委员会作用,加强危险化学品安全监管统筹协调,适时召开联席会,协调解决危险化学品安全重大问题。'
            '(责任单位:县安委办;治理时限:2022年8月)\n')
    tasks = extract_text(text)["tasks"]
    assert [d["date"] for d in tasks[0]["deadlines"]] == ["2022-08-31"]


def test_a_pages_update_stamp_is_no_time_limit():
    """"更新时间:2022-03-19 来源:中国地震局" (neobji.ac.cn/ywz/article/1273): a label ending in 时间 is
    the page's stamp, no task's limit."""
    text = '更新时间:2022-03-19 来源:中国地震局\n各级政府要做好防震减灾工作。\n'
    assert all(not t["deadlines"] for t in extract_text(text)["tasks"])


# 水利部's notice to six provinces told on a spam mirror (www.id123.com.cn/2xvs1f.html)
MWR_NOTICE_NEWS = (
    '据预报,受冷空气和季风槽共同影响,9月22日至25日,江南东部南部、华南东部南部等地将有大到暴雨,其中福建东南部沿海、广东中部东部沿海、'
    '海南南部等地部分地区将有大暴雨。\n'
    '9月22日上午,水利部组织防汛会商,滚动分析研判江南、华南等地雨情汛情形势,针对性安排部署强降雨洪水防御工作。会商后,水利部向浙江、福建、'
    '江西、广东、广西、海南等6省(自治区)水利部门及相关流域管理机构发出通知,要求从早从严从实从细做好本轮强降雨洪水防御工作。'
    '一是强化监测预报预警。密切监视天气变化和雨情汛情发展,滚动预测预报,加密会商研判。\n')


def test_news_of_a_ministrys_notice_to_counted_provinces():
    """"水利部向浙江、…、海南等6省(自治区)水利部门及相关流域管理机构发出通知": the ministry writes (a
    national body: no province, though the text names 福建 most), to each province's water
    department (浙江省水利部门 is 浙江省水利厅; 等6省 counts the places, no name's part)."""
    meta = extract_text(MWR_NOTICE_NEWS)["meta"]
    assert (meta["issuers"], meta["province"]) == (["水利部"], None)
    assert meta["addressees"] == ["浙江省水利厅", "福建省水利厅", "江西省水利厅", "广东省水利厅",
                                  "广西壮族自治区水利厅", "海南省水利厅", "相关流域管理机构"]


def test_a_sentence_opening_on_its_day_keeps_its_first_digit():
    """"9月22日上午,水利部组织…": the task's title is the sentence, not "月22日上午…" (a number only
    opens an item when bracketed or closed by 、 or .)."""
    titles = [t["title"] for t in extract_text(MWR_NOTICE_NEWS)["tasks"]]
    assert not any(t.startswith("月") for t in titles)


def test_a_village_meeting_report_has_its_headline_and_its_committee_writes():
    """马畈村's meeting report (cndxsj.com/html/eactionShowInfo.phpclassid740&id31027.html): the headline
    stands above "发表时间:…" (not the site's name), and the village that held the meeting on a
    dated day is its committee."""
    text = ('太湖县刘畈乡马畈村先锋网\n\n工作动态\n\n马畈村召开森林防火工作部署会\n\n'
            '发表时间:2017-11-02 11:42:15 作者: 点击量:\n\n'
            '2017年11月2日马畈村召开森林防火工作专题部署会,蹲点干部、村两委、护林员、帮扶工作队参加会议\n\n'
            '会上,乡党委委员郝礼青传达了县、乡森林防火文件精神,对我村森林防火工作做了重要安排,并提出以下几点要求:'
            '一是张贴禁火令、村村通广播、宣传车、LED灯等方式,将禁火令及时宣传到位;二是实施预警响应措施,将护林员按片分组,'
            '每日交叉巡查,确保巡查全覆盖、无死角。\n')
    meta = extract_text(text)["meta"]
    assert (meta["title"], meta["issuers"]) == ("马畈村召开森林防火工作部署会", ["马畈村村民委员会"])


def test_people_listed_beside_people_share_no_head():
    """东湾镇's 紧急提示 (www.jingyuan.gov.cn/…/art_dbd9535ed02e4ba799c9245ade579da0.html): "广大业主和住户"
    are owners and residents, not 广大业主住户; 杭锦后旗's flood 公告 (hh.bynrsw.gov.cn/sites/hjhq/detail.jsp?id=7510):
    "学校、家长要…" are schools and parents, not 学校家长."""
    owners = extract_text('广大业主和住户不得随意占用公共通道堆积私人物品,保持楼道的整洁与畅通。\n')["tasks"][0]
    assert [a["name"] for a in owners["actors"]] == ["广大业主", "住户"]
    schools = extract_text('二、学校、家长要加强对在校学生、未成年人的安全教育和监护,杜绝未成年人私自在危险水域戏水、游泳、钓鱼,'
                           '避免发生溺水等安全事故。\n')["tasks"][0]
    assert "学校家长" not in [a["name"] for a in schools["actors"]]


def test_those_a_notice_calls_upon_are_its_parties():
    """"强烈呼吁各位业主和住户遵守上述规定": 呼吁 asks like 希望 and 请."""
    task = extract_text('强烈呼吁各位业主和住户遵守上述规定,请大家相互监督,共同营造美好、安全的居住环境。\n')["tasks"][0]
    assert [a["name"] for a in task["actors"]] == ["各位业主", "住户"]


def test_an_adverb_opening_the_duty_follows_its_subject():
    """"四是各村充分利用广播、短信、微信等手段…" (打安镇's typhoon meeting, www.meipian.cn/2cxw666p) and
    "全市中小学学校和学生家长一定要加强…" (三河市's flood 通告, 182.92.7.123/a/zixun/1271.html): 充分 and
    一定要 open the duty after the parties."""
    villages = extract_text('四是各村充分利用广播、短信、微信等手段及时向群众发布预警信息,同时认真做好灾情统计上报工作。\n')["tasks"]
    assert [a["name"] for a in villages[0]["actors"]] == ["各村"]
    schools = extract_text('五、全市中小学学校和学生家长一定要加强对学生和子女的防汛避险和防范溺水的安全教育,增强涉水安全防范意识。\n')["tasks"]
    assert [a["name"] for a in schools[0]["actors"]] == ["全市中小学学校", "学生家长"]


def test_a_time_between_a_party_and_its_duty():
    """兴山县's 禁火令 (xingshan.cjyun.org/p/28462.html): "各森林防火应急队伍禁火期要进入救火战备状态" — the
    teams, then when, then 要; the name ends where a word ends (队伍, not 队 before 伍禁火期)."""
    task = extract_text('七、各森林防火应急队伍禁火期要进入救火战备状态,随时准备扑救森林火灾。\n')["tasks"][0]
    assert [a["name"] for a in task["actors"]] == ["各森林防火应急队伍"]


def test_a_respectful_request_names_the_party_it_asks():
    """厦门's 清明 森林防灭火 通告 on a traditional-script mirror (m.dddjmc.com/news/xmnews/ldjj/2021-03-27/2492853.html):
    "敬請廣大市民嚴格遵守…" asks the citizens, as 请 does."""
    task = extract_text('(三)敬請廣大市民嚴格遵守森林防火等方面的法律法規(guī),做文明祭祀的執(zhí)行者、綠色家園的守護者和生態(tài)安全的參與者;\n')["tasks"][0]
    assert [a["name"] for a in task["actors"]] == ["广大市民"]


def test_a_titleless_notice_on_one_hazard_passes_it_to_every_item():
    """云路镇's flood notice without its title (www.jiedong.gov.cn/…/post_260410.html): "现就今年防汛工作通知
    如下" names what the notice is on; 达县's bureau notice (www.dachuan.gov.cn/xxgk-show-12618.html):
    "就全力做好抗击洪灾有关工作紧急通知如下" (洪灾 a flood)."""
    town = extract_text('各村委会、有关单位:\n为确保我镇水利工程的安全度汛,根据上级指示精神,结合我镇具体情况,现就今年防汛工作通知如下:\n'
                        '一、各单位要高度重视,明确任务。树立“立足抗灾,安全第一,常备不懈”的思想,认真抓好抢险队伍的组织落实和抗灾物资的备足就位,'
                        '保障国家和人民群众生命财产的安全。\n')["tasks"]
    assert all("防汛抗旱" in t["sectors"] for t in town)
    bureau = extract_text('局内设各股室、下属各单位:\n从7月17日开始,全县各地普降大到暴雨。据气象部门预报 ,此次降雨过程将持续到20日,过程降雨量将超过历史最高的2004年“9·3”洪灾,为此,我局就全力做好抗击洪灾有关工作紧急通知如下:\n一、高度重视,迅速启动防洪预案。此次降雨过程安全隐患极为严重,为确保广大群众的生命财产安全,降低洪灾带来的损失,各单位务必高度重视,要把做好抗击洪灾工作放在当前各项工作的首要位置,集中精力,全力以赴,精心组织,迅速启动防洪预案,全力做好抗击洪灾准备工作。\n二、主要领导务必坚守岗位,是抗击洪灾的第一责任人。此次降雨过程中,各单位主要负责人是抗击洪灾的第一负责人,洪灾期间,主要领导一律不得请假外出,务必坚守岗位,并随时保持通信畅通。\n')["tasks"]
    assert bureau and all("防汛抗旱" in t["sectors"] for t in bureau)


def test_prohibited_places_are_no_sectors():
    """大同's 通告, item 二: "学校、医院、商场、文物保护单位…等公共场所…燃放烟花爆竹的" lists where fireworks are
    banned (SCHEMA: places in a list of prohibited locations are not sectors)."""
    second = extract_text(DATONG_FIREWORKS)["tasks"][1]
    assert not {"教育", "医疗卫生", "商场市场", "铁路"} & set(second["sectors"])


# 永川区's 防灾减灾日 activity plan, page 4 (jingyanben.com/bangongwenmi/127399.html?page=4)
YONGCHUAN_DRILLS = (
    '2、5月12日,在永荣镇永荣中学开展一次地震灾害应急救援队伍快速集结演练,重点检验区级相关部门和应急队伍快速应急反应能力。\n'
    '牵头单位:区国房局(地震局)\n'
    '参与单位:区政府应急办、区人武部、区教委、区公安局、区安监局、区卫生局、区交通局、区民政局、区公安消防支队、永荣镇xxx等相关部门单位。\n'
    '3、5月7-13日,组织开展森林火灾扑救、防汛抗洪、地质灾害救援疏散等专项演练。\n'
    '牵头部门:区林业局、区水务局、区国房局,各镇xxx、街道办事处。\n'
)


def test_an_item_numbered_before_its_date_with_its_fields():
    """"2、5月12日,在永荣镇永荣中学开展…演练": 、 closes item 2 though a digit follows; its
    "牵头单位:"/"参与单位:" lines are its fields, and "牵头部门:区林业局…" is no addressee line."""
    rec = extract_text(YONGCHUAN_DRILLS)
    assert [t["path"] for t in rec["tasks"]][:2] == [["2"], ["3"]]
    assert rec["meta"]["addressees"] == []
    assert ("重庆市永川区国房局", "lead") in [(a["name"], a["role"]) for a in rec["tasks"][0]["actors"]]


def test_the_one_township_a_page_names_places_its_own_county_bodies():
    """The same page names one township (永荣镇, only 永川区 has one) and its own 区 bodies: 永川区's."""
    meta = extract_text(YONGCHUAN_DRILLS)["meta"]
    assert (meta["province"], meta["locality"]) == ("重庆市", "永川区")


# 新疆's 2011 “安全生产年” plan, page 4 of a law mirror (fsou.com/html/text/lar/172898/17289812_4.html)
XINJIANG_GROUP = '三、组织机构\n为确保活动顺利开展,取得实效,自治区成立继续深化“安全生产年”活动工作领导小组,自治区党委常委、自治区副主席库热西·买合苏提担任组长,副组长由自治区人民政府副秘书长许斌和自治区安委会办公室主任、自治区安全监管局局长井植朴担任,成员为2010年继续深入开展“安全生产年”活动领导小组成员(部门负责人有调整的,由现任分管负责人为成员)。'
XINJIANG_REPORTS = '各地州市人民政府和自治区有关部门要在5月27日前将“安全生产年”活动实施方案报自治区安委会办公室,并在每季度结束后的5日内报送上季度工作总结;2012年1月20日前报送全年工作总结。'


def test_a_long_appointment_names_no_party():
    """"副组长由自治区人民政府副秘书长许斌和自治区安委会办公室主任、…局长井植朴担任": posts filled, no body
    named 自治区人民政府副秘书长许斌和自治区安委会办."""
    names = [a["name"] for t in extract_text("三、组织机构\n" + XINJIANG_GROUP + "\n")["tasks"] for a in t["actors"]]
    assert not any("许斌" in n for n in names)


def test_the_regions_own_departments_take_no_quantifier_of_the_places_before_them():
    """"各地州市人民政府和自治区有关部门要…": 自治区有关部门 are the region's own, not 各自治区有关部门."""
    task = extract_text(XINJIANG_REPORTS + "\n")["tasks"][0]
    assert [a["name"] for a in task["actors"]] == ["各地州市人民政府", "自治区有关部门"]


def test_small_brackets_in_a_number_and_site_chrome_above_a_title():
    """国家矿山安全监察局's notice on a policy site (cnpre.com/special/gzwpagepi.php?id=5636): "后退 前进 登录注册
    标准版" is the site's, not the title's head; "矿安﹝2023﹞54号" is the number, written 〔〕 (devset d51's
    安委督〔2019〕8号, printed ﹝﹞ on its page, and its title 通知书 a kind)."""
    text = ('后退 前进 登录注册 标准版\n国家矿山安全监察局关于加强汛期尾矿库安全生产工作的通知\n国资政策文件 2023-04-26 下载收藏 语音播报\n'
            '矿安﹝2023﹞54号\n\n各省、自治区、直辖市应急管理厅(局),新疆生产建设兵团应急管理局,国家矿山安全监察局各省级局,有关中央企业:\n')
    meta = extract_text(text)["meta"]
    assert (meta["title"], meta["doc_number"]) == ("国家矿山安全监察局关于加强汛期尾矿库安全生产工作的通知", "矿安〔2023〕54号")
