"""Shapes of real circulars outside ../shared: public pages of the fresh batches l, k, j and i of the
ninth session, cited by address; a few lines each, not the documents."""

from __future__ import annotations

import pytest
from page_text import extract_text


def test_a_notice_without_signature_is_its_publishing_departments():
    """让胡路区 2025 秋季森林草原防火公告 (dqrhl.gov.cn/ranghulu/tzgg/202509/c05_389141.shtml): no
    signature, only the byline "来源: 大庆市让胡路区人民政府林业和草原局"; its bans are that bureau's."""
    text = ("让胡路区2025年秋季森林草原防火公告\n\n发布日期:2025-09-15 09:03 来源: 大庆市让胡路区人民政府林业和草原局\n\n"
            "    为有效预防和遏制森林草原火灾,确保人民生命财产和森林草原资源安全,结合我区实际,特发布如下公告:\n"
            "    一、2025年全区秋季森林草原防火期为9月15日至11月15日,10月1日至10月31日为高火险期;\n"
            "    四、严禁破坏或占用森林草原防火设施、设备及宣传警示标志;\n")
    rec = extract_text(text)
    assert rec["meta"]["issuers"] == ["大庆市让胡路区人民政府林业和草原局"]
    assert {a["name"] for t in rec["tasks"] for a in t["actors"]} == {"大庆市让胡路区人民政府林业和草原局"}


def test_a_news_sites_byline_is_no_issuer():
    """宁夏 百日专项整治 roundup (nx.people.com.cn/n2/2022/0824/c192482-40094021.html) and a 老王岗乡
    meeting report (henan.china.com/news/zmd/2023/0625/2530564918.html): 来源 names a medium."""
    from policykg.ingest.metadata import issuer_of_byline
    from policykg.ingest.names import Jurisdiction

    jur = Jurisdiction.of("宁夏回族自治区", None, 2022)
    assert issuer_of_byline("2022年08月24日 来源:宁夏日报\n", jur) == []
    assert issuer_of_byline("来源:中华网河南\n", jur) == []
    assert issuer_of_byline("来源:应急管理局\n", jur) == []  # no place: any level's


def test_an_author_byline_above_work_points_is_their_issuer_not_their_title():
    """山西省水利厅水旱灾害防御处, 2022 水旱灾害防御重点工作 (fx361.cc/page/2023/0111/14593601.shtml):
    the page opens "◎山西省水利厅水旱灾害防御处", then numbered works with 完成时限 lines."""
    text = ("◎山西省水利厅水旱灾害防御处\n"
            "根据全国水旱灾害防御工作视频会议精神,结合我省水旱灾害防御实际,细化2022年全省水旱灾害防御重点工作如下:\n"
            "1.召开全省水旱灾害防御工作视频会议\n工作内容:分析今年全省水旱灾害防御形势,安排部署全省水利系统水旱灾害防御工作。\n"
            "完成时限:4月底\n2.印发《关于做好2022年水旱灾害防御工作的通知》\n"
            "工作内容:明确2022年水旱灾害防御重点工作任务、完成时限和工作要求。\n完成时限:4月中旬\n")
    rec = extract_text(text)
    assert rec["meta"]["title"] != "◎山西省水利厅水旱灾害防御处"
    assert rec["meta"]["issuers"] == ["山西省水利厅水旱灾害防御处"]
    assert all([a["name"] for a in t["actors"]] == ["山西省水利厅水旱灾害防御处"] for t in rec["tasks"])


def test_a_reported_notice_to_listed_flood_headquarters_is_theirs_to_do():
    """A mirror of a 西部网 report (www3.hzdxbzk.com/jzsdgsxz/21737.html): "陕西省防汛抗旱总指挥部向榆林、
    延安、…、韩城市防汛抗旱指挥部发布紧急通知" — cities by their short names before 韩城市 (a
    county-level city listed with the prefectures); "省防总发布紧急通知,要求:" introduces its 一要…
    points, which are the headquarters' work, not the sender's."""
    text = ("陕西省防总发紧急通知榆林延安等8地需防范降雨\n\n"
            "  西部网讯 今天(7月28日),陕西省防汛抗旱总指挥部向榆林、延安、西安、铜川、渭南、安康、商洛、韩城市防汛抗旱指挥部发布紧急通知,要求做好强降雨防范工作。\n\n"
            "  目前,降雨仍在持续,本轮降水过程将于30日逐步减弱至结束。\n\n"
            "  省防总发布紧急通知,要求:\n\n"
            "  一要对强降雨防范工作进行再部署再动员,在“七下八上”防汛关键期和周末等特殊时间段期间,要百倍警觉。\n\n"
            "  三要严格落实防汛责任,切实加强应急值守,随时对防汛重点区域和环节进行防汛值班带班抽查;\n")
    rec = extract_text(text)
    cities = ["榆林", "延安", "西安", "铜川", "渭南", "安康", "商洛", "韩城"]
    assert rec["meta"]["issuers"] == ["陕西省防汛抗旱总指挥部"]
    assert rec["meta"]["addressees"] == [c + "市防汛抗旱指挥部" for c in cities]
    assert [t["path"] for t in rec["tasks"]] == [["一"], ["三"]]
    assert all({a["name"] for a in t["actors"]} == set(rec["meta"]["addressees"]) for t in rec["tasks"])


def test_a_meeting_reports_points_name_their_own_subjects():
    """平舆县老王岗乡 gas-safety meeting (henan.china.com/news/zmd/2023/0625/2530564918.html): the
    meeting's date and attendees set no work; "二是各村、乡派出所、乡执法中队要…" names its subjects
    after the point's number; "四是乡应急办牵头,各村配合" splits the roles (各村 is a class of bodies)."""
    text = ("平舆县老王岗乡召开燃气安全集中排查工作部署会\n\n"
            "6月22日下午,平舆县老王岗乡召开由班子成员、各村支部书记、乡应急办负责人、乡执法中队负责人参加的燃气安全排查工作部署会。\n\n"
            "会上,乡党委书记冯春生通报了宁夏银川烧烤店燃气爆炸事故情况,安排部署了该乡燃气安全排查工作。\n\n"
            "冯春生要求,一是所有使用燃气经营性场所,均要加装燃气泄漏报警装置,未安装到位前暂停营业;"
            "二是各村、乡派出所、乡执法中队要加大对“瓶对瓶”导气黑窝点、非法存储液化石油气窝点的排查打击力度,确保全乡不存在“瓶对瓶”导气违法行为;"
            "三是各类经营性场所二楼加装防盗窗、广告牌影响紧急逃生的,要全部无条件拆除到位,从明天开始,一个月内清理完毕;"
            "四是乡应急办牵头,各村配合,加强对燃气安全知识的宣传力度,确保全乡群众人人都懂燃气安全。\n")
    tasks = {tuple(t["path"]): {(a["name"], a["role"]) for a in t["actors"]} for t in extract_text(text)["tasks"]}
    assert ("preamble",) not in tasks
    assert tasks[("二",)] == {("各村", "responsible"), ("老王岗乡派出所", "responsible"), ("老王岗乡执法中队", "responsible")}
    assert tasks[("四",)] == {("老王岗乡人民政府应急管理办公室", "lead"), ("各村", "participant")}


def test_farms_and_villages_after_a_class_of_townships_are_classes():
    """石屏县 2019 高火险期 通告 (www.hhsp.gov.cn/info/3441/457811.htm): "各乡镇、林场、村要切实落实防火
    责任" / "各乡镇、林场应当设立森林防火检查站(哨)": every township, every forest farm, every village."""
    from policykg.ingest.names import Jurisdiction
    from policykg.nlp.parties import find_parties

    jur = Jurisdiction.of("云南省", "红河哈尼族彝族自治州石屏县", 2019)
    names = lambda s: [p.name for p in find_parties(s, jur, False, (), None)]
    assert names("各乡镇、林场、村要切实落实防火责任") == ["各乡镇", "各林场", "各村"]
    assert names("各乡镇、林场应当设立森林防火检查站(哨)") == ["各乡镇", "各林场"]


def test_items_with_their_own_report_times_under_a_contents_heading_are_tasks():
    """琼安委办〔2013〕62号 on a mirror (gdtgcs.com/html/.zwgktzgg201306t20130620_977331.html): under
    "一、报送内容和时间" each item sets its own report time; they are tasks, not a list of contents."""
    text = ("关于做好安全生产大检查信息报送工作的通知\n各市、县、自治县及洋浦经济开发区安全生产委员会,各有关单位:\n"
            "一、报送内容和时间\n(一)各市县、各有关部门和单位每月15日、30日前报送本市县、本行业领域集中开展安全生产大检查工作情况,主要包括:\n"
            "1.安全生产大检查工作进展及成效;\n2.安全生产大检查工作过程中的新情况、新措施、新经验;\n3.存在问题和工作建议。\n"
            "(二)各市县每周五下午16时前报送集中开展安全生产大检查情况周报表(详见附件)。\n"
            "(三)各市县、各有关部门和单位的安全生产大检查工作方案请于2013年6月20日前报送,工作总结请于2013年10月10日前报送。\n")
    tasks = extract_text(text)["tasks"]
    assert [t["path"] for t in tasks] == [["一", "(一)"], ["一", "(二)"], ["一", "(三)"]]
    assert [d["date"] for d in tasks[2]["deadlines"]] == ["2013-06-20", "2013-10-10"]


def test_every_region_of_the_gazetteer_walks_up_to_its_province():
    """Bug: the source lists 东莞市, 中山市, 儋州市 and 嘉峪关市 (cities without counties) with a
    "市直辖行政区划" child of the same code, which replaced the city and became its own parent;
    a 寮步镇 news page (www.dg.gov.cn/liaobu/zwgk/jczwgksxbzml/aqsc/content/post_3710727.html)
    then hung the extractor walking up the chain."""
    from policykg.ingest.regions import gazetteer

    g = gazetteer()
    for region in g.by_code.values():
        chain = g.chain(region) if len({region.code, region.parent}) == 2 or not region.parent else None
        assert chain is not None and chain[0].level == 1 and chain[-1] is region, region
    assert [r.name for r in g.chain(g.by_code["441900"])] == ["广东省", "东莞市"]
    text = ("2022年1月17日上午,国务院安委会召开全国安全生产电视电话会议,全国会议结束后,省政府召开省安全生产和消防工作暨"
            "第一季度防范重特大生产安全事故电视电话会议,寮步镇设分会场。镇委副书记、镇长黄荣峰,镇委副书记李进强,镇安委会、"
            "消安委会各成员单位负责人,各村(社区)党组织书记共80余人收听收看了会议。\n"
            "(图为收听收看全国、省电视电话会议现场情况)\n"
            "全国、全省电视电话会议结束后,为进一步贯彻落实国家、省会议精神,镇委副书记、镇长黄荣峰主持召开寮步镇安\n"
            "全生产和消防工作暨第一季度防范重特大生产安全事故工作会议。\n"
            "(图为寮步镇召开会议现场情况)\n"
            "黄荣峰强调了四点意见:一要清楚了解自身安全生产职责,将安全生产工作摆在首要位置,采取有力措施抓实抓细抓到位,"
            "确保我镇岁末年初安全生产形势持续稳定;\n")
    assert extract_text(text)["meta"]["province"] == "广东省"


def test_a_meeting_reports_convener_is_the_issuer_of_its_points():
    """张北县 meeting report (wsheb.com/a/hebeijiguan/2021/1119/14826.html): "11月16日,张北县安委办组织
    召开…会议" — the points naming nobody are the 安委办's; a 贵港市自然资源局 meeting on a pinyin
    mirror (zzndh.com/a/202104/506852.html) likewise. A town's own bodies keep one town prefix
    (寮步镇安委办 in a 寮步镇 report, www.dg.gov.cn/liaobu/…/post_3710727.html)."""
    from policykg.ingest.names import Jurisdiction, canonical_name

    text = ("网上河北讯11月16日,张北县安委办组织召开保冬奥、保安全再部署工作会暨张北县安全生产委员会第四次会议。"
            "县委书记李鹏举、县长侯东林、常务副县长王泊、副县长赵鹏、赵东升、市安全生产第十二督导组出席会议。\n"
            "李鹏举书记对此次会议也提出了四点明确要求,一是切实提高政治站位,牢固树立底线思维,安全生产常抓不懈,高度重视。\n")
    rec = extract_text(text)
    assert rec["meta"]["issuers"] == ["张北县安全生产委员会办公室"]
    news = ("近日,貴港市自然資源局召開2021年汛期地質(zhì)災害防治工作會議,對汛期地質(zhì)災害防治工作進行部署。\n")
    assert extract_text(news)["meta"]["issuers"] == ["贵港市自然资源局"]
    jur = Jurisdiction.of("广东省", "东莞市寮步镇", 2022)
    assert canonical_name("寮步镇安委办", jur) == canonical_name("镇安委办", jur) == "寮步镇安全生产委员会办公室"


def test_a_forum_reposted_notices_farms_are_every_farm():
    """石门县减灾委办 2024 大棚 紧急通知 reposted on a forum (bbs.cdzyw.cn/forum.php?…tid=299098), addressed
    "各乡镇区、街道、农林场,县直有关单位:"; a 沙县区 notice's "国有林场"
    (www.fjsx.gov.cn/ztzl/aqsc/xgwj/202503/t20250320_2108391.htm) is a kind of its own."""
    from policykg.ingest.names import parse_names

    assert [p for p, _, _ in parse_names("各乡镇区、街道、农林场", strict=False)] == ["各乡镇区", "各街道", "各农林场"]
    assert [p for p, _, _ in parse_names("各乡镇街道、国有林场", strict=False)][-1] == "国有林场"


def test_a_clause_after_a_body_is_no_part_of_its_name():
    """抚顺市 禁火 通告 on a spam mirror (021yin.com/bbs/post/144388.html): "由公安机关依照有关法律法规予以
    处罚" named "公安机关依照有关法律法规予以处" as a body (it ends with 处, a division's suffix)."""
    from policykg.ingest.names import name_kind

    assert name_kind("公安机关依照有关法律法规予以处") is None


# (the page, cited by address; its lines; the title they give)
TITLES = [
    # a mirror opening with the site's bare name "華文網"
    ("www.cnread.news/amp/article/15895344.html",
     "華文網\n\n關於切實做好“五一”假日期間安全工作的緊急通知\n\n京政辦發〔2018〕15號\n\n"
     "各區人民政府,市政府各委、辦、局,各市屬機構:\n\n近期,本市發生了多起安全生產和火災事故。\n",
     "关于切实做好“五一”假日期间安全工作的紧急通知"),
    # a news site's name with its domain, and a dated byline under the headline
    ("henan.china.com/news/zmd/2023/0625/2530564918.html",
     "中华网 china.com\n\n河南\n当前位置:新闻 > 驻马店 > 正文\n\n平舆县老王岗乡召开燃气安全集中排查工作部署会\n"
     "2023-06-25 16:20:28 来源:中华网河南\n\n6月22日下午,平舆县老王岗乡召开燃气安全排查工作部署会。\n",
     "平舆县老王岗乡召开燃气安全集中排查工作部署会"),
    # an information box's "时效性有效" right above a title with a space typed inside it
    ("www.hhsp.gov.cn/info/3441/457811.htm",
     "-\n发布日期2019-04-25\n-\n时效性有效\n石屏县人民政府关于 高火险期严禁一切野外用火的通告\n"
     "4月以来,全县气温急剧攀升,大风天气增多,现通告如下:\n二、森林防火高火险区域:全县所有林区。\n",
     "石屏县人民政府关于高火险期严禁一切野外用火的通告"),
    # a posting line (date and time first) under a headline with no kind word
    ("www.ms.gov.cn/info/5569/1027441.htm",
     "眉山市强化四措施确保2018年安全生产领域改革发展任务完成\n2018-04-20 09:58  市应急管理局 [字号: ] 打印\n\n"
     "近日,眉山市印发了《2018年度眉山市安全生产领域改革发展任务表》,强化四项措施,用“清单制+责任制”的方式确保2018年度改革发展任务落地生根、见到实效。\n",
     "眉山市强化四措施确保2018年安全生产领域改革发展任务完成"),
    # a headline opening with its region's label, on a pinyin mirror
    ("zzndh.com/a/202104/506852.html",
     "廣西:貴港市五舉措做好汛期地質(zhì)災害防治工作\n2021/4/21 16:42:18 來源:中國企業(yè)新聞網(wǎng)\n"
     "導言:近日,貴港市自然資源局召開2021年汛期地質(zhì)災害防治工作會議,對汛期地質(zhì)災害防治工作進行部署。\n",
     "广西:贵港市五举措做好汛期地质灾害防治工作"),
    # an order's title under its issuer's line
    ("woodenkitchentoysplus.com/info_Show.asp?ClassId=27&InfoId=66057&Topid=40",
     "瓦房店市人民政府\n森林草原防火通告\n為防范森林草原火災,全力保障人民群眾生命財產(chǎn)和生態安全,"
     "結合我市實際, 通告如下:\n一、防火期\n",
     "瓦房店市人民政府森林草原防火通告"),
]


@pytest.mark.parametrize("page,text,title", TITLES, ids=[t[0].split("/")[0] for t in TITLES])
def test_a_pages_furniture_is_no_part_of_its_title(page, text, title):
    assert extract_text(text)["meta"]["title"] == title


def test_a_law_portals_bracket_labels_and_a_registration_code_are_no_title():
    """国土资源部 2003 紧急通知 on a law portal (haolvshi.com.cn/flfgk/92989.html): "• 【文件来源】" and
    "• 【所属类别】…" labels above the title; 乐清市 禁火 notice (nbxinxi.com/a/leqingshi/20210529/103287.html)
    opens with its registration code "CYQD00-2019-0014" and no title."""
    portal = ("好律师> 法律法规库> 国家法律法规> 国土资源部关于进一步做好汛期地质灾害防治工作的紧急通知\n"
              "  • 【发布单位】国土资源部\n  • 【发布文号】--\n  • 【发布日期】2003-04-28\n  • 【文件来源】\n"
              "  • 【所属类别】国家法律法规\n国土资源部关于进一步做好汛期地质灾害防治工作的紧急通知\n")
    assert extract_text(portal)["meta"]["title"] == "国土资源部关于进一步做好汛期地质灾害防治工作的紧急通知"
    coded = ("朗读\nCYQD00-2019-0014\n为有效预防森林火灾,保护森林资源,保障人民群众生命财产安全,根据《中华人民共和国森林法》"
             "《森林防火条例》《浙江省森林消防条例》和省、温州市关于新中国成立70周年大庆森林消防安保工作有关规定,结合当前高温高火险天气,"
             "确保我市森林消防安全,经市政府研究,决定自即日起")
    assert extract_text(coded)["meta"]["title"] is None


def test_a_named_zones_committee_after_the_townships_is_its_own():
    """广汉市安办 2018 notice (xtdsby.com/gk/xxgk/cdgz/aqsc/zcwj/1517949.htm): "一、请各乡镇人民政府,高新西区管委会,
    广汉市工业集中发展区及时将通知转发…" — the zone's committee is not every township's, and an
    industrial 发展区 is a body (its name ends before 及时 / 及相关部门)."""
    text = ("各乡镇人民政府,高新西区管委会,广汉工业集中发展区、市级有关部门:\n"
            "一、请各乡镇人民政府,高新西区管委会,广汉市工业集中发展区及时将通知转发至辖区内所有危险化学品生产、经营企业。\n"
            "二、请各乡镇人民政府,高新西区管委会,广汉市工业集中发展区及相关部门按照职责,结合文件精神督促本辖区、本部门监管的危险化学品生产经营企业\n"
            "广汉市人民政府安全生产委员会办公室\n2018年12月7日\n")
    tasks = [{a["name"] for a in t["actors"]} for t in extract_text(text)["tasks"]]
    zone = {"各乡镇人民政府", "广汉市高新西区管委会", "广汉市工业集中发展区"}
    assert tasks == [zone, zone | {"相关部门"}]


def test_a_plan_two_offices_print_is_theirs():
    """广东省自然灾害防治能力建设行动方案 reposted on a pinyin mirror (lotussunrise.com/gdywdt/gdyw/content/
    post_2995769.html): "近日,廣東省委辦公廳、省政府辦公廳印發(fā)《…》,內(nèi)容如下。" — two senders, the
    party committee's office under its full name."""
    text = ("近日,廣東省委辦公廳、省政府辦公廳印發(fā)《廣東省自然災(zāi)害防治能力建設(shè)行動(dòng)方案》,內(nèi)容如下。\n"
            "為深入貫徹習(xí)近平新時(shí)代中國(guó)特色社會(huì)主義思想和黨的十九大精神,建立高效科學(xué)的自然災(zāi)害防治體系,"
            "全面提高我省自然災(zāi)害防治能力,制定本方案。\n")
    meta = extract_text(text)["meta"]
    assert meta["title"] == "广东省自然灾害防治能力建设行动方案"
    assert meta["issuers"] == ["中共广东省委办公厅", "广东省人民政府办公厅"]


def test_a_hijacked_pages_seo_insertion_is_no_place():
    """芦山县 督战 report on a hijacked page (m.fqjz1.com/gongkai/show/20210326182104-31990-00-000.html): the
    county's name replaced everywhere by "澳门金沙城中心_欧洲杯足球网-【投注官网平台】" — the page was placed
    in 澳门 and a bureau named after the casino."""
    text = ("政府信息公开\n\n澳门金沙城中心_欧洲杯足球网-【投注官网平台】应急管理局开展森林防灭火督战工作\n\n"
            "发布单位:应急管理局 发布时间: 2021-03-26 18:21 浏览次数: 字体: [ ]\n\n")
    rec = extract_text(text)
    assert rec["meta"]["title"] == "应急管理局开展森林防灭火督战工作"
    assert rec["meta"]["province"] != "澳门特别行政区"


def test_a_body_with_a_note_of_its_other_names_and_an_addressee_after_a_comma():
    """国土资源部 2003 紧急通知 (haolvshi.com.cn/flfgk/92989.html) is addressed "各省、自治区、直辖市国土资源厅
    (国土环境资源厅、国土资源和房屋管理局、房屋土地资源管理局、规划和国土资源局),地调局:" — a class with the
    other names it goes by (too long a piece to be read as a name, so the class was lost), and the
    national survey after a comma (it was given the provinces' run)."""
    from policykg.ingest.metadata import split_addressees
    from policykg.ingest.model import Meta

    line = "各省、自治区、直辖市国土资源厅(国土环境资源厅、国土资源和房屋管理局、房屋土地资源管理局、规划和国土资源局),地调局"
    assert split_addressees(line, Meta()) == ["各省自治区直辖市国土资源厅", "中国地质调查局"]


def test_the_body_that_asks_is_not_the_one_to_act():
    """News of a 浙江 forest-fire notice on a pinyin mirror (m.nakedoat.com/gzdt/2006-01/27/content_173761.htm):
    "浙江省森防指揮部要求各地在春節(jié)前,以市為單位組織一次森林防火督察" — the headquarters asks, 各地 act;
    and 森防指 opening 森防指挥部 is no short form of its own (it read 森林防火指挥部挥部)."""
    from policykg.ingest.lexicon import lexicon

    text = "浙江省森防指揮部要求各地在春節(jié)前,以市為單位組織一次森林防火督察;\n"
    rec = extract_text(text)
    assert [[a["name"] for a in t["actors"]] for t in rec["tasks"]] == [["各地"]]
    assert lexicon().expand("森防指挥部") != "森林防火指挥部挥部"


def test_a_reports_meetings_held_set_no_work_when_it_has_an_issuer():
    """寮步镇 report (www.dg.gov.cn/liaobu/zwgk/jczwgksxbzml/aqsc/content/post_3710727.html), signed by the
    town's 安委办: its first sentence tells of meetings held (国务院安委会召开…会议,…寮步镇设分会场。). A report
    is a page without addressees, whether or not a signature names its issuer."""
    text = ("2022年1月17日上午,国务院安委会召开全国安全生产电视电话会议,全国会议结束后,省政府召开省安全生产和消防工作暨"
            "第一季度防范重特大生产安全事故电视电话会议,寮步镇设分会场。镇委副书记、镇长黄荣峰,镇委副书记李进强,镇安委会、"
            "消安委会各成员单位负责人,各村(社区)党组织书记共80余人收听收看了会议。\n"
            "(图为收听收看全国、省电视电话会议现场情况)\n"
            "全国、全省电视电话会议结束后,为进一步贯彻落实国家、省会议精神,镇委副书记、镇长黄荣峰主持召开寮步镇安\n"
            "全生产和消防工作暨第一季度防范重特大生产安全事故工作会议。会议分析研判当前安全生产和消防安全形势,"
            "围绕岁末年初、第一季度安全生产和消防各项工作进行再强调、再部署。\n"
            "(图为寮步镇召开会议现场情况)\n"
            "寮步镇安全生产委员会办公室\n2022年1月17日\n")
    rec = extract_text(text)
    assert rec["meta"]["issuers"] == ["寮步镇安全生产委员会办公室"]
    assert not any(t["text"].startswith("2022年1月17日") for t in rec["tasks"])


def test_an_items_allocation_names_the_vague_class_it_speaks_of():
    """A 山东 city's road-traffic 责任分工 notice on a traditional mirror (ppfocus.com/0/ed310efab.html):
    "相關主管部門在作出道路運輸經營許可時,要嚴格審查…(交通運輸部門負責)" — the allocation names the
    department that 相关主管部门 stands for; it is not a second party."""
    text = ("各縣(市)、區人民政府,市政府各部門:\n一、加強道路運輸企業安全管理\n(一)規範道路運輸企業生產經營行為。\n"
            "1.嚴格道路運輸市場準入管理,強化交通安全源頭管控。相關主管部門在作出道路運輸經營許可時,要嚴格審查運輸經營者安全管理制度、"
            "安全生產條件、車輛技術狀況、車輛使用性質、駕駛人從業資格等情況。嚴禁客運車輛、危險品運輸車輛掛靠經營。(交通運輸部門負責)\n")
    tasks = extract_text(text)["tasks"]
    assert [[a["name"] for a in t["actors"]] for t in tasks] == [["交通运输部门"]]


def test_a_bare_unit_after_a_bodys_unit_of_its_kind_is_that_bodys():
    """天津市防办 notice on a traditional mirror (www.shqfkd365.com/tj/rdzht/tjyjj/yjkx/20250728/
    t20250728_527287531.shtml): "市防指市區分部、農村分部要分別組織做好中心城區排水和涉農區農田排" — the rural
    branch is the municipal flood HQ's, as its city branch is."""
    from policykg.ingest.names import Jurisdiction
    from policykg.nlp.parties import find_parties

    jur = Jurisdiction.of("天津市", None, 2025)
    s = "市防指市区分部、农村分部要分别组织做好中心城区排水和涉农区农田排"
    assert [p.name for p in find_parties(s, jur, False, (), None)] == \
        ["天津市防汛抗旱指挥部市区分部", "天津市防汛抗旱指挥部农村分部"]
