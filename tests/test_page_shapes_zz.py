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


# 阳春市消防安全责任制规定 (www.yangchun.gov.cn/zfxxgkml/szfbgs/bmwj/gfxwj/content/post_548181.html)
REGULATION = (
    '阳春市人民政府关于印发《阳春市消防安全责任制规定》的通知【已废止】\n'
    '  第一章 总   则\n'
    '\n'
    '  第一条  为进一步加强和改进我市消防工作,明晰各级消防工作职责,夯实基层消防工作基础,防范化解重大消防安全风险,保障公共安全,根据《中华人民共和国消防法》、《中华人民共和国安全生产法》、《消防安全责任制实施办法》等法律法规,特制本规定。\n'
    '\n'
    '  第二条  本规定适用于阳春市消防工作责任主体消防安全责任的界定以及消防工作责任主体依法履行职责的监督。\n'
    '\n'
    '  第三条  坚持权责一致、依法履职、失责追责。对不履行或不按规定履行消防安全职责的单位和个人,依法依规追究责任。\n'
    '\n'
    '  第二章 消防工作职责\n'
    '\n'
    '  第四条  市消防安全委员会应当履行下列消防工作职责:\n'
    '\n'
    '  (一)组织制定本行政区域内消防工作规划和年度计划,经政府批准后组织实施。\n'
    '\n'
    '  (二)综合研判区域内消防工作形势,提出相应对策;组织开展消防安全检查和消防安全专项治理。\n'
    '\n'
    '  (三)每季度提请市政府召开不少于一次消防工作的联席会议,通报火灾形势,研究、协调、解决消防工作中的重大问题,督促有关部门和单位落实消防安全责任制,提请市政府召开年度消防工作会议。\n'
    '\n'
    '  (四)完成市政府交办的其它消防工作任务。\n'
    '\n'
)


def test_an_articles_items_are_its_own_and_its_standing_articles_set_no_work():
    """An article holds its (一) items, whose duty is the article's subject's; the purpose
    (…特制本规定) and the scope (本规定适用于…) are no work."""
    tasks = extract_text(REGULATION)["tasks"]
    assert [t["path"] for t in tasks if t["path"][0] == "第二章"] == [
        ["第二章", "第四条", f"({n})"] for n in "一二三四"]
    assert not any(t["path"][-1] in ("第一条", "第二条") for t in tasks)
    assert all("阳春市消防安全委员会" in [a["name"] for a in t["actors"]] for t in tasks if t["path"][0] == "第二章")
    assert not any(a["name"].startswith("每季度") for t in tasks for a in t["actors"])


def test_a_law_librarys_note_of_force_is_no_part_of_the_title():
    """"阳春市人民政府关于印发《阳春市消防安全责任制规定》的通知【已废止】": 【已废止】 is the library's note;
    the title is then the regulation's own."""
    assert extract_text(REGULATION)["meta"]["title"] == "阳春市消防安全责任制规定"


def test_classes_written_together_are_each_a_class():
    """天津 防汛 notice on a video site (hnmdtv.com/video/2023/0819/294986.html): "其他各区各部门各单位继续…" —
    each district, each department, each unit (the 其他 dropped); 各级 stays with what it grades."""
    from policykg.ingest.names import parse_names

    text = '一、加强值班值守。气象、水务部门加强雨情、水情监测预报,精准发布预警和灾害风险提示到各级责任人和受影响区域群众;其他各区各部门各单位继续严格执行领导在岗带班和24小时值班制度,接预警响应信息后第一时间部署,\n'
    names = [a["name"] for a in extract_text(text)["tasks"][0]["actors"]]
    assert {"各区", "各部门", "各单位"} <= set(names)
    assert [n for n, _, _ in parse_names("全州各级各部门各单位", strict=True)] == ["各级各部门", "各单位"]


def test_the_addressees_line_is_no_issuer():
    """天津市防办 三级响应 on a mirror (www.shqfkd365.com/tj/rdzht/tjyjj/yjkx/20250728/t20250728_527287531.shtml)
    opens "天津市防指成員單位、各分部、各工作組,各區防指:" — whom it is sent to, not who sends it."""
    text = ('天津市防指成員單位、各分部、各工作組,各區防指:\n\n'
            '據市氣象部門(mén)預報,7月28日夜間到29日上午,天津市有大雨,北部地區暴雨,全市平均降雨量30至60毫米,北部50至80毫米,局地100至200毫米。\n')
    meta = extract_text(text)["meta"]
    assert meta["issuers"] == []
    assert "各分部" in meta["addressees"]


# 介休市国土局 地质灾害汛后排查 news on a procurement site (bid.caigoupt.com/info-82180528.html)
JIEXIU_NEWS = (
    '山西晋中介休市国土局组织各乡镇认真开展地质灾害汛后排查工作\n'
    '查看隐藏内容(*)需先登录\n'
    '介休市国土局组织各乡镇认真开展地质灾害汛后排查工作****年**月**日 介国土地环股 信息员:刘慧敏根据《山西省自然资源厅关于吕梁市离石区田家会街道办界昂村下楼桥沟发生黄土崩塌地质灾害的通报》、晋中市地质灾害防治领导组办公室文件《关于进一步做好近期地质灾害防治工作的紧急通知》及市国土局召开的安全生产工作会的精神, **月**日至**日,市国土局地环股同张兰镇、连福镇、洪山镇、龙凤镇、义棠镇分管领导和各国土所配合介休市地质灾害技术支撑单位,对全市**处地质灾害隐患点进行了汛后全面排查、知识宣传。并根据村民报险线索对其他疑似地质灾害隐患进行了调查确认。对各地质灾害隐患点明确相关责任人,建立地质灾害群防群测网络监测点,进一步完善群防群测体系。市国土局地环股要求各乡镇:一要严格监控动态地质灾害隐患点变化情况;二要加强宣传培训,提升防范能力。\n')


def test_the_points_a_lead_in_asks_are_the_asked_ones():
    """"市国土局地环股要求各乡镇:一要…;二要…": the points are the townships', not the bureau's."""
    points = [t for t in extract_text(JIEXIU_NEWS)["tasks"] if t["path"] != ["preamble"]]
    assert [[(a["name"], a["explicit"]) for a in t["actors"]] for t in points] == [[("各乡镇", False)]] * 2


def test_short_forms_of_province_and_city_before_a_county_name_its_body():
    """A headline's "山西晋中介休市国土局" is 介休市国土资源局 (SCHEMA: a body named from its own place)."""
    assert extract_text(JIEXIU_NEWS)["meta"]["issuers"] == ["介休市国土资源局"]


def test_a_department_named_by_its_duty_is_the_subject():
    """质检总局特种设备局 notice on a traditional mirror (m.dboyfz.cn/index.php/News/view/id/2683.html):
    "負責施工告知辦理的質監部門應當…" — the departments that handle the notifications act."""
    text = '二、負(fù)責(zé)施工告知辦理的質(zhì)監(jiān)部門應(yīng)當(dāng)對照法律法規(guī)和總局的有關(guān)規(guī)定,對本部門特種設(shè)備施工告知辦理的程序及要求進(jìn)行梳理,發(fā)現(xiàn)不一致的,立即進(jìn)行改正。\n'
    assert [a["name"] for a in extract_text(text)["tasks"][0]["actors"]] == ["负责施工告知办理的质监部门"]


def test_what_a_letter_is_sent_to_is_no_partner():
    """A county's 森林消防 opinion on a law mirror (www.fsou.net.cn/html/text/lar/170990/17099018_1.html):
    "…要联合致全县中小学生一封公开信" — 联合 is how they write, 致 whom they write to."""
    text = '每年要在全县中、小学开展“五个一”宣传教育活动(即一堂课、一条标语、一期黑板报、一封公开信、一篇作文),县森林消防指挥部、县教育局要联合致全县中小学生一封公开信,教育学生不要上山玩火,使防火意识从娃娃抓起,并通过学生宣传教育广大的家长和群众。\n'
    names = [a["name"] for t in extract_text(text)["tasks"] for a in t["actors"]]
    assert not any(n.startswith("致") for n in names)


# 玉龙县防指 金沙江 flood notice on a traditional mirror with pinyin (purdypets.com/news-36657-1-1.html):
# one line from its greeting to its request
YULONG_NOTICE = '尊敬的各鄉(xiāng)(鎮(zhèn))人民政府、街道辦事處,縣防指成員單位: 受冷空氣和暖濕氣流共同影響及我縣金沙江上游來水影響,預(yù)計(jì)金沙江石鼓段可能發(fā)生水位大幅上漲超保證水位,并將較長時(shí)間維持在保證水位附近的高水位狀態(tài),在我縣境內(nèi)形成約為5年一遇洪水。根據(jù)石鼓水文站的監(jiān)測數(shù)據(jù),水位已經(jīng)接近保證水位,并且持續(xù)上漲。 根據(jù)《云南省防汛抗旱指揮部關(guān)于啟動(dòng)防汛IV級應(yīng)急響應(yīng)的通知》以及《玉龍縣防汛抗旱應(yīng)急預(yù)案》的規(guī)定,經(jīng)過會(huì)商研判,縣防汛抗旱指揮部決定于8月22日13時(shí)啟動(dòng)防汛IV級應(yīng)急響應(yīng)。 在此期間,請各鄉(xiāng)(鎮(zhèn))人民政府、街道辦事處,以及縣防指成員單位密切關(guān)注降雨量和水位情況,做好巡查和排查工作。' + "\n"


def test_a_greeting_before_the_addressees_is_no_part_of_them():
    """"尊敬的各鄉(鎮)人民政府、街道辦事處,縣防指成員單位: 受…": the notice's addressees."""
    assert extract_text(YULONG_NOTICE)["meta"]["addressees"] == ["各乡镇人民政府", "各街道办事处", "县防指成员单位"]


def test_parties_listed_on_after_a_comma_and_yiji_are_one_request():
    """"請各鄉(鎮)人民政府、街道辦事處,以及縣防指成員單位密切關注…": one request to three parties."""
    tasks = extract_text(YULONG_NOTICE)["tasks"]
    assert len(tasks) == 1
    assert [a["name"] for a in tasks[0]["actors"]] == ["各乡镇人民政府", "各街道办事处", "县防指成员单位"]


def test_a_headless_notice_is_about_what_its_addressees_exist_for():
    """With neither title nor issuer, a notice sent to 县防指成员单位 is a flood notice (SCHEMA: a single-domain
    document's sector is every task's)."""
    assert "防汛抗旱" in extract_text(YULONG_NOTICE)["tasks"][0]["sectors"]


def test_a_province_writing_to_its_cities_means_every_levels_department():
    """青政办[2005]154号 on a law mirror (www.fymate.net/html/text/lar/168692/16869249.html), sent to
    "西宁市、各自治州人民政府,海东行署,…": its 公安部门 are every level's police, a class — as a province's own
    division of duties means its own 公安厅 (test above)."""
    text = '青海省人民政府办公厅关于进一步加强道路交通安全的通知\n\n青海省人民政府办公厅\n关于进一步加强道路交通安全的通知\n(青政办[2005]154号)\n\n\n西宁市、各自治州人民政府,海东行署,省政府各委、办、厅、局:\n' + '  公安部门要会同有关部门针对我省冬季路面情况多变的特点,以事故多发路段和交通要道为重点,加大对货车、农用车、拖拉机等违法载客,危险化学品违法运输,超速、客车超员以及无牌、无证车辆等各种交通违法行为的整治力度,充分利用现有警力和科技手段加强路面交通监控,及时发' + "\n"
    names = [a["name"] for t in extract_text(text)["tasks"] for a in t["actors"]]
    assert "公安部门" in names and "青海省公安厅" not in names


def test_a_township_that_speaks_of_itself_is_not_where_its_text_cites_an_accident():
    """凰岗镇 两会 plan (www.poyang.gov.cn/pyxhgz/guifanxingwenjian5mxaiv/202312/f835702abb0f41ae9ef73b6ed80cb34e.shtml):
    "…对内蒙古阿拉善左旗一露天煤矿坍塌事故作出的重要指示…" — the town writes of 我镇, in 江西省鄱阳县."""
    meta = extract_text('索 引 号: pydn430/2023-00193 分 类: 规范性文件\n责任部门: 发文日期: 2023年03月01日\n标 题: 关于切实做好全国“两会”期间凰岗镇安全生产工作的方案\n公开方式: 主动公开 公开时限: 常年公开 公开范围: 面向社会\n关于切实做好全国“两会”期间凰岗镇安全生产工作的方案\n\n\n各村(居)党支部、各村(居)委会、镇直属各单位:\n\n为切实加强全国“两会”期间我镇安全生产工作,传达学习好习近平总书记对内蒙古阿拉善左旗一露天煤矿坍塌事故作出的重要指示和李克强总理批示要求,有效化解各类安全风险,确保全国两会会期间全镇安全生产形势稳定,保障我镇安全生产形势平稳向好,现就对全国“两会”期间安全生产方面工作制定如下工作方案:\n\n一、提高政治站位,切实抓好安全生产责任落实\n')["meta"]
    assert (meta["province"], meta["locality"]) == ("江西省", "上饶市鄱阳县凰岗镇")


def test_what_a_cover_prints_unquoted_is_the_title():
    """运城市政府办公厅 on a law database (ncp.pkulaw.com/epidemiclar/38be8d5449e27cd4d9743b715461238bbdfb.html):
    "…关于印发运城市突发事件应急体系建设“十三五”规划责任分解的通知" — the document is what it prints."""
    assert extract_text('【法宝引证码】CLI.1.304262\n【时效性】尚未施行\n运城市人民政府办公厅关于印发运城市突发事件应急体系建设“十三五”规划责任分解的通知\n运城市人民政府办公厅关于印发运城市突发事件应急体系建设“十三五”规划责任分解的通知\n')["meta"]["title"] == "运城市突发事件应急体系建设“十三五”规划责任分解"


def test_a_boxs_title_label_without_its_colon_is_no_part_of_the_title():
    """临沂 education notice (linyi.gov.cn/info/3442/119528.htm): "标题 关于对校园及周边重大安全隐患进行排查统计的通知"."""
    assert extract_text('当前位置是: 首页 >> 政策文件 >> 正文\n标题 关于对校园及周边重大安全隐患进行排查统计的通知\n索引号 004448494-11_B/2015-1102002 主题分类 科技、教育-教育\n发文机关 发文字号\n')["meta"]["title"] == "关于对校园及周边重大安全隐患进行排查统计的通知"


def test_each_counts_every_unit_of_its_list():
    """The same notice: "各学校、幼儿园…" — each school and each kindergarten."""
    names = [a["name"] for t in extract_text('当前位置是: 首页 >> 政策文件 >> 正文\n标题 关于对校园及周边重大安全隐患进行排查统计的通知\n索引号 004448494-11_B/2015-1102002 主题分类 科技、教育-教育\n发文机关 发文字号\n' + '各学校、幼儿园要对校园内危房、高压线、塔吊等和校园周边一定范围内存在的化工厂、危化品仓库、加油站、油气管道、高辐射源、重污染源、危险山体及水域等重大安全隐患进行深入细致排查,认真填写《校园及周边重大安全隐患排查登记表》。由县区汇总后于10月29日前报县区政府,同时报市教育局,局直属各学校报市教育局。' + "\n")["tasks"] for a in t["actors"]]
    assert "各幼儿园" in names


def test_a_betting_word_in_place_of_the_issuer_is_spam():
    """粤交明电〔2021〕9号 on a betting site (sportsoddsdata.net/zcwj_n/tzgg/content/post_3253749.html): "体育盘口 转发…"."""
    assert not extract_text('粤交明电〔2021〕9号\n体育盘口 转发交通运输部关于做好2021年清明节劳动节假期交通运输保障工作的通知\n各地级以上市交通运输局,佛山、东莞、珠海市轨道交通局,省道路运输事务中心、省琼州海峡轮渡运输管理办公室,港珠澳大桥管理局,省交通集团、省航运集团、省铁投集团、广东城际铁路运营有限公司:\n')["meta"]["title"].startswith("体育盘口")


def test_a_township_that_holds_a_meeting_issues_its_report():
    """徐舍镇 gas-safety meeting report (yixing.gov.cn/doc/2022/10/08/1078252.shtml): "9月29日,徐舍镇召开节前燃气
    安全生产工作推进会" — the township's government, placed by its name."""
    meta = extract_text('在国庆假期即将来临之际,9月29日,徐舍镇召开节前燃气安全生产工作推进会。徐舍镇镇长黄力、副镇长张敏,镇建设局、镇经济发展局、镇综合行政执法局、徐舍派出所等相关职能部门负责人,各村(社区)“两委”班子成员等参加会议。\n针对节前燃气安全生产工作,镇长黄力强调:\n')["meta"]
    assert meta["issuers"] == ["徐舍镇人民政府"]
    assert (meta["province"], meta["locality"]) == ("江苏省", "无锡市宜兴市徐舍镇")


def test_the_whole_town_before_each_is_the_documents_own_scope():
    """镜洋镇 五一 notice (www.fuqing.gov.cn/…/201709/t20170915_1652332.htm): "各村、全镇各单位、厂场企业:" —
    全镇各单位 is 各单位; 全区各级单位 keeps its grade (devset d58)."""
    from policykg.ingest.names import tidy

    assert (tidy("全镇各单位"), tidy("全区各级单位")) == ("各单位", "全区各级单位")


def test_a_point_that_names_nobody_is_for_those_the_points_before_it_named():
    """无为县 国庆 safety news (hefei.baogaosu.com/xinwen/%E6%97%A0%E4%B8%BA%E5%8E%BF%E5%85%A8%E5%8A%9B%E5%81%9A%E5%A5%BD%E5%9B%BD%E5%BA%86%E6%9C%9F%E9%97%B4%E5%AE%89%E5%85%A8%E7%94%9F%E4%BA%A7/69880778/): "…要求,一是各镇、各部门要…二是各镇、各部门、各单位要…
    三是强化学校、车站…的安全管控" — the third point is theirs too (inferred)."""
    points = extract_text('无为县领导在检查中要求,一是各镇、各部门要抓好组织领导,强化责任落实,层层传导压力,环环工作到位,对安全工作再检查再落实。二是各镇、各部门、各单位要开展一次安全生产大排查大整治,严格落实打非治违各项措施,坚决防范因非法违法行为引发的安全生产事故。三是强化学校、车站、渡口、娱乐场所、商场、宾馆、敬老院等人员密集场所的安全管控。' + "\n")["tasks"]
    third = [t for t in points if t["path"] == ["三"]][0]
    assert [(a["name"], a["explicit"]) for a in third["actors"]] == [("各镇", False), ("各部门", False), ("各单位", False)]


def test_a_body_and_then_what_it_does_is_no_longer_name():
    """延吉 燃气 meeting report (jl.cri.cn/2023-06-25/c11c167c-537a-e01b-5d4d-71d1afc0fbef.html): "延吉市住建局
    督导燃气企业认真开展…" is the bureau and its act; 市场局 is the 市场监督管理局."""
    from policykg.ingest.names import name_kind

    text = '按照“三管三必须”的要求(即管行业必须管安全、管业务必须管安全、管生产经营必须管安全),延吉市住建局督导燃气企业认真开展“敲门行动”;各镇、街道负责组织社区引领燃气企业入户安检工作;延吉市市场局负责建立钢瓶追溯系统,做好液化气钢瓶监督检验工作;延吉市公安和交通部门负责做好危险品运输车辆管理工作。\n'
    names = [a["name"] for t in extract_text(text)["tasks"] for a in t["actors"]]
    assert not any("督导" in n for n in names)
    assert {"延吉市住房和城乡建设局", "延吉市市场监督管理局"} <= set(names)  # (督导 marks its duty)
    assert name_kind("市局指导科") == "org"  # a division named after its work stays one


def test_a_class_of_places_shares_the_head_of_the_bodies_after_it():
    """河南 旅游 notice on a traditional mirror (m.b6man.com/Gov/zwgk/zwgw/zwgg/842667883.shtml), addressed to
    "各省轄市、省直管縣(市)旅游局(委)、省直旅游企業:" — each city's and each county's 旅游局; 省辖市 and 省直管县
    are levels of places."""
    from policykg.ingest.names import parse_names

    assert [n for n, _, _ in parse_names("各省辖市、省直管县人民政府", strict=True)] == ["各省辖市人民政府", "各省直管县人民政府"]
    meta = extract_text('各省轄市、省直管縣(市)旅游局(委)、省直旅游企業(yè):' + "\n" + '現(xiàn)將國(guó)家旅游局《關(guān)于貫徹落實(shí)全國(guó)安全生產(chǎn)電視電話會(huì)議精神進(jìn)一步做好旅游安全工作的緊急通知》(旅發(fā)〔2015〕185號(hào))轉(zhuǎn)發(fā)給你們,請(qǐng)按照《通知》要求,結(jié)合實(shí)際,認(rèn)真抓好落實(shí)。' + "\n")["meta"]
    assert meta["addressees"][:2] == ["各省辖市旅游局", "各省直管县市旅游局"]


def test_each_member_unit_is_the_addressed_members():
    """盐湖区防指 notice (www.yanhu.gov.cn/doc/2022/07/14/246215.shtml) to "各乡镇办、区防指各成员单位:":
    "各乡镇各成员单位要高度重视…" — each township and the headquarters' member units."""
    text = '各乡镇办、区防指各成员单位:' + "\n\n" + '各乡镇各成员单位要高度重视强降雨防范应对工作,坚持人民至上、生命至上,进一步压紧压实防汛责任,督促各级防汛包保责任人下沉一线,' + "\n"
    names = [a["name"] for a in extract_text(text)["tasks"][0]["actors"]]
    assert names == ["各乡镇", "区防汛抗旱指挥部各成员单位"]


def test_a_forecast_is_no_work_set():
    """玉溪市防指 notice (www.yuxi.cn/c/2025/04/28/1025407.shtml): "根据市气象台《重要天气预报》(2025第6期)预计:
    2025年4月28日至5月1日,我市将出现降雨降温天气。" — what the weather will be, no task (its dates are no limits)."""
    assert extract_text('根据市气象台《重要天气预报》(2025第6期)预计:2025年4月28日至5月1日,我市将出现降雨降温天气。' + "\n")["tasks"] == []


def test_a_casino_brand_on_a_hijacked_page_places_nothing():
    """芦山县应急管理局 news on a hijacked mirror (m.fqjz1.com/gongkai/show/980f23841d8eb768acbc6d909c72f204.html):
    "澳门金沙城中心_欧洲杯足球网-【投注官网平台】应急管理局…" stands where the county was — no province (澳门 is named
    in full only)."""
    assert extract_text('政府信息公开\n\n澳门金沙城中心_欧洲杯足球网-【投注官网平台】应急管理局 开展汛前应急能力建设专项督查工作\n\n发布单位:应急管理局 发布时间: 2022-04-29 15:54 浏览次数: 字体: [ ]\n\n为督促全县各乡镇(街道)做好防汛减灾各项准备工作,提高灾害应急处置能力。近日,澳门金沙城中心_欧洲杯足球网-【投注官网平台】应急管理局对各乡镇(街道)进行了汛前应急能力建设的专项督查,重点督查各乡镇(街道)应急物资储备情况、应急预案编制及修订情况、应急救援队伍建设情况、应急通信设备使用情况、应急值班值守情况等5个方面。\n\n通过此次督查,共发现各类问题22处,各个乡镇(街道)在应急能力建设方面尚存在薄弱环节,检查组要求:一是对此次督查发现的问题立即进行整改;二是查漏补缺,尚未开展的工作要抓紧时间进行,务必在汛期前完成;三是加强应急通信设备的使用培训,特别是加强对新上岗的同志进行培训,确保值班人员人人会使用;四是加快应急预案修订工作,切合实际,因地制宜,增强预案针对性和实效性。\n\n下一步,澳门金沙城中心_欧洲杯足球网-【投注官网平台】应急管理局将对各乡镇(街道)整改情况开展“回头看”工作,确保发现的问题整改到位,确保平稳安全度汛。\n\n')["meta"]["province"] is None


def test_news_datelines_and_template_headings_are_no_titles():
    """"據新華社北京1月31日電" (lemofix.com/gnyw/2008-02/01/content_84224.htm) opens a news report; "开展安全生产月
    活动方案模板8篇" (www.wangkeheji.com/niangongzuojihua/74506.html) is an essay-template site's heading."""
    assert extract_text('據(jù)新華社北京1月31日電\n國(guó)家安全生產(chǎn)監(jiān)督管理總局31日發(fā)出緊急通知,,要求各級(jí)安監(jiān),、煤監(jiān)部門(mén)和煤炭企業(yè),,確保安全生產(chǎn),確保煤炭供應(yīng),。 緊急通知指出,,越是在困難情況下,越要切實(shí)抓好安全生產(chǎn),,加強(qiáng)安全生產(chǎn)監(jiān)管監(jiān)察,,落實(shí)各項(xiàng)安全措施,防范重大事故,;要通過(guò)努力,,做到確保安全生產(chǎn),確保煤炭供應(yīng),。 緊急通知強(qiáng)調(diào),,所有煤礦都要制定防范極端天氣引發(fā)事故災(zāi)難的應(yīng)急預(yù)案,并組織演練,,特別要防范應(yīng)對(duì)停電影響通風(fēng),、排水給安全生產(chǎn)造成的威脅,停電后必須按規(guī)定及時(shí)撤人,,防止造成傷亡事故,。 安監(jiān)總局要求,加強(qiáng)對(duì)生產(chǎn),、停產(chǎn),、資源整合、技改,、新建礦井等各類煤礦的監(jiān)管監(jiān)察,,嚴(yán)防違法違規(guī)盲目組織生產(chǎn),嚴(yán)防邊施工邊生產(chǎn),,嚴(yán)防已關(guān)閉礦死灰復(fù)燃,。 |\n|\n')["meta"]["title"] is None
    assert extract_text('开展安全生产月活动方案模板8篇\n\n时间:2024-11-19 作者:Lonesome\n\n')["meta"]["title"] is None


def test_each_one_is_each():
    """"各个乡镇街道" is 各乡镇街道."""
    from policykg.ingest.names import tidy

    assert tidy("各个乡镇街道") == "各乡镇街道"


def test_a_citys_daily_paper_is_no_daily_report():
    """南昌 安全生产月 plan on a template site (www.wangkeheji.com/niangongzuojihua/74506.html): "在南昌日报、
    南昌晚报、市电视台、市电台开设专栏" — a newspaper, no cadence (日报 as a report still is one)."""
    import datetime as dt

    from policykg.nlp.deadlines import find_deadlines

    found = find_deadlines("2、6月2日至30日,在南昌日报、南昌晚报、市电视台、市电台开设专栏、专题,连续报道我市安全生产典型事迹。",
                           dt.date(2010, 5, 20), None)
    assert not any(d.type == "recurring" for d in found)
    assert [d.type for d in find_deadlines("各地要实行日报告制度", dt.date(2010, 5, 20), None)] == ["recurring"]


def test_a_ban_on_fire_in_the_forest_is_a_forest_fire_task():
    """A village's forest-fire notice (weicunwu.cn/20242010171052/1570.html): "一、严禁携带火种、易燃易爆物品进入林区;"
    and "五、严禁炼山、烧荒…" — 林区, 炼山 and 烧荒 are forest-fire words."""
    from policykg.nlp.sectors import sectors_of

    assert sectors_of("一、严禁携带火种、易燃易爆物品进入林区;") == ["森林草原防火"]
    assert sectors_of("五、严禁炼山、烧荒、烧田埂草、堆烧等;") == ["森林草原防火"]


def test_a_level_note_on_a_shared_head_is_no_part_of_the_bodies():
    """安监总厅管三函〔2010〕7号 (p.safehoo.com/Laws/Notice/201001/37699.shtml) to "江苏、安徽、江西、河南、湖南、广西、
    四川、陕西省(自治区)安全生产监督管理局:" — each province's bureau; "(自治区)" only says 广西 is one."""
    meta = extract_text("江苏、安徽、江西、河南、湖南、广西、四川、陕西省(自治区)安全生产监督管理局:\n"
                        "\n" + '为做好2010年元旦至春节期间烟花爆竹生产经营安全工作,国家安全监管总局定于20101月中下旬,组织对你省(自治区)烟花爆竹生产经营安全生产工作进行督查。现将有关事项通知如下:' + "\n")["meta"]
    assert meta["addressees"][0] == "江苏省安全生产监督管理局"
    assert "广西壮族自治区安全生产监督管理局" in meta["addressees"] and not any("省自治区" in a for a in meta["addressees"])


# 广东省地质灾害综合防治能力提升三年行动任务分工表 on a mirror (035400.com/whly/3/374674.html)
GUANGDONG_TABLE = '广东省地质灾害综合防治能力提升三年行动任务分工表\n\n阅读: 评论:0\n\n广东省地质灾害综合防治能力提升三年行动任务分工表\n重点工程/保障措施\n任务\n具体工作\n责任单位\n(一)实施地质灾害风险隐患调查评价工程。\n1.开展地质灾害综合遥感早期识别。\n2023—2025年,充分利用星载、航空、地面的天-空-地一体化多源立体观测体系,每年开展多方法、多尺度综合遥感调查和变形监测,实施地质灾害早期识别和地面验证,及时发现新增风险隐患。其中,2023年开展试点;20242025年,结合试点情况,开展地质灾害早期识别和地面验证\n省自然资源厅牵头,省地质局参与,涉及到的地级以上市人民政府负责落实。\n'


def test_a_table_header_is_no_part_of_the_title():
    """"重点工程/保障措施" under the title is the table's first header cell."""
    assert extract_text(GUANGDONG_TABLE)["meta"]["title"] == "广东省地质灾害综合防治能力提升三年行动任务分工表"


def test_beside_a_marked_lead_the_one_that_carries_out_is_responsible():
    """"省自然资源厅牵头,省地质局参与,涉及到的地级以上市人民政府负责落实。" — lead, participant, and the cities
    responsible (SCHEMA: 负责 is the lead only where no other lead is marked)."""
    roles = {a["name"]: a["role"] for a in extract_text(GUANGDONG_TABLE)["tasks"][0]["actors"]}
    assert (roles["广东省自然资源厅"], roles["广东省地质局"]) == ("lead", "participant")
    assert [r for n, r in roles.items() if n.endswith("地级以上市人民政府")] == ["responsible"]


def test_a_portals_credit_line_gives_the_headline_and_the_headline_the_city():
    """开封 专项整治 news on a portal (kaifeng.yuduxx.com/minsheng/514642.html): "《12月1日开始开封开展十大重点行业领域
    安全生产专项整治行动》由河南新闻网-豫都网提供,转载请注明出处" is the report's headline (the credit line itself is
    furniture); its 开封 with the text's 我市 places it, and 市公安局 is 开封市公安局."""
    record = extract_text('发布时间:2016-12-02 11:59 我要投稿\n全媒体记者鲁振虎报道 为确保全市安全生产形势持续稳定,从12月1日开始,我市集中开展十大重点行业领域安全生产专项整治行动。\n此次专项行动时间为2016年12月1日至2017年2月28日。按照安委会要求,各县区负责组织开展本辖区十大重点行业领域安全生产专项整治工作,市直其他负有安全监管职责的部门和行业主管部门,依照各自职责,严格加强负责监管的行业领域日常隐患排查和整改治理工作。\n市安全监管局牵头,负责组织开展对危险化学品和烟花爆竹领域的专项整治工作。市公安局牵头,负责组织开展对道路交通领域的专项整治工作。市住房和城乡建设局牵头,负责组织开展对建筑施工领域的专项整治工作。市城管局牵头,负责组织开展对公用事业领域的专项整治工作。市质监局牵头,负责组织开展对特种设备领域的专项整治工作。市教育局牵头,负责组织开展对校园安全领域的专项整治工作。市旅游委牵头,负责组织开展对旅游安全领域的专项整治工作。公安消防支队牵头,负责组织开展对人员密集场所的专项整治工作。开封供电公司牵头,负责组织开展对供电安全领域的专项整治工作。\n《12月1日开始开封开展十大重点行业领域安全生产专项整治行动》由河南新闻网-豫都网提供,转载请注明出处:http://kaifeng.yuduxx.com/minsheng/514642.html,谢谢合作!\n')
    assert record["meta"]["title"] == "12月1日开始开封开展十大重点行业领域安全生产专项整治行动"
    assert (record["meta"]["province"], record["meta"]["locality"]) == ("河南省", "开封市")
    assert "开封市公安局" in [a["name"] for t in record["tasks"] for a in t["actors"]]


def test_a_province_writing_below_lists_classes_of_departments():
    """湖南省应急管理厅 notice (yjt.hunan.gov.cn/yjt/xxgk/tzgg/sajj/202006/t20200630_12324486.html) to
    "各市州、县市区应急管理局:": "…应急管理、住房城乡建设、农业农村、工业和信息化等部门要…" are every level's
    departments, classes, not the province's own."""
    text = '各市州、县市区应急管理局:\n四是相关部门特别是应急管理、住房城乡建设、农业农村、工业和信息化等部门要将有限空间作业整治纳入各行业领域安全生产三年专项整治行动重要内容,开展针对性的整治行动。\n'
    names = [a["name"] for t in extract_text(text)["tasks"] for a in t["actors"]]
    assert "住房城乡建设部门" in names and not any(n.startswith("湖南省") for n in names)
