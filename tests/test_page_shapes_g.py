"""Shapes of real circulars outside ../shared: public pages of the fresh batch g of the tenth
session, cited by address; a few lines each, not the documents."""

from __future__ import annotations

import datetime as dt

from page_text import extract_text

from policykg.ingest.clean import clean_text
from policykg.nlp.deadlines import find_deadlines


def test_a_fire_seasons_end_is_no_deadline():
    """兰州市 2023-2024 森林草原防火命令 (xjbm.28581688.cn/post/222.html): "防火期时间为…至2024年5月31日"
    states the season; its end is no task's limit."""
    line = ("一、防火时间与范围。全市 2023-2024年度草原防火期时间为2023年10月1日至2024年5月31日,"
            "森林防火期时间为2023年11月1日至2024年5月31日。")
    assert find_deadlines(line, dt.date(2023, 9, 1)) == []
    # a campaign that runs until a day still has that day as its limit (SCHEMA's 即日起至…)
    assert [d.date for d in find_deadlines("即日起至2021年12月31日开展专项整治", None)] == ["2021-12-31"]


def test_a_decisions_effective_time_is_no_deadline():
    """海南 防汛防风Ⅰ级 response (frpbbs.net/posa.php?7gsv=feemai): "决定于2024年10月29日23时40分,对琼海市
    启动…应急响应" — when the response starts, not a limit."""
    line = "根据《海南省防汛防风防旱应急预案》规定,经会商研判,省防灾减灾救灾委员会决定于2024年10月29日23时40分,对琼海市启动防汛防风Ⅰ级应急响应。"
    assert find_deadlines(line, dt.date(2024, 10, 29)) == []


def test_a_forum_post_stamp_is_furniture():
    """保定 封山防火通告 on a job site (3haojob.com/ac/156295863283770897.html): "Admin - admin 于2019年07月13日发表"."""
    assert "发表" not in clean_text("我市发布今春森林草原封山防火通告\nAdmin - admin 于2019年07月13日发表  \n").mapped.text


def test_goals_given_to_bodies_are_tasks():
    """陕西 安全生产“十三五”规划 实施方案 on a spam host (handsofhealingreiki.com/BqIeJrDaSM/show-31-9091-1.html):
    under 一、主要目标 > (三)重点产业目标, each industry's goal ends "(省X负责)": work given to a body."""
    text = ("一、主要目标\n(三)重点产业目标。\n1.煤矿开采业。\n"
            "死亡人数2020年比“十二五”平均数下降10%。煤矿机械化水平显著提升,“机械化换人、机器人作业、自动化减人”取得明显成效,积极推广综采工作面智能化无人开采技术。(省煤炭生产安监局负责)\n"
            "2.石油和天然气开采业。\n"
            "“十三五”末,全省石油和天然气开采企业实现安全精细化管理,涉及生产工艺的生产装置设施全部建立自动控制系统,坚决遏制石油天然气管道泄漏事故发生。(省安全监管局负责)\n")
    rec = extract_text(text)
    assert [t["path"] for t in rec["tasks"]] == [["一", "(三)", "1"], ["一", "(三)", "2"]]
    assert [d["date"] for d in rec["tasks"][1]["deadlines"]] == ["2020-12-31"]


def test_a_notice_to_the_public_gives_its_unnamed_items_to_them():
    """关累镇 进入森林防火期 notice (ynml.gov.cn/92.news.detail.dhtml?news_id=1503777), addressed "全镇广大人民群众:";
    "积极配合相关部门对…的教育" makes 相关部门 no actor: they are helped, not told."""
    text = ("关累镇全面进入森林防火期的通知\n- 来源 :勐腊县关累镇人民政府\n- 访问次数 :\n- 发布时间 :2025-01-16 04:01\n"
            "全镇广大人民群众:\n"
            "一、增强防火意识,自觉遵纪守法。全镇广大人民群众要充分认识森林草原火灾的危害性,牢固树立防火意识和法纪观念,认真学习防火常识,全面增强防火意识、安全意识和法治意识。\n"
            "二、加强宣传引导,示范带动一片。主动向家人、同事、亲朋好友宣传森林草原防火知识、安全避险常识,积极配合相关部门对未成年人、特殊人员的教育,避免因监护不力而引发森林草原火灾,形成人人参与、人人支持森林草原防灭火工作的浓厚氛围。\n")
    rec = extract_text(text)
    assert rec["meta"]["addressees"] == ["全镇广大人民群众"]
    assert [[(a["name"], a["explicit"]) for a in t["actors"]] for t in rec["tasks"]] == [
        [("全镇广大人民群众", True)], [("全镇广大人民群众", False)]]


def test_a_signed_letters_page_tail_sets_no_work():
    """福州 防台风Ⅳ级 notice on a news app (new.qq.com/rain/a/20240929A01QV400): under the signature the page adds
    "市防指、市应急管理局提醒 … 请广大市民密切关注台风动向" — the app's reminder, not the notice."""
    text = ("福州市人民政府防汛抗旱指挥部\n关于启动防台风Ⅳ级应急响应的通知\n各县(市)区防指、高新区防指,市防指各成员单位:\n"
            "福州市气象台于9月29日08时00分发布“台风预警Ⅳ级”。\n"
            "根据《福州市防汛抗旱防台风应急预案》,市防指决定从9月29日08时30分启动防台风级应急响应。请各地各部门密切关注,及时调整响应,周密部署防范措施,务必坚决果断组织转移避险,扎实做好应对工作。\n"
            "福州市人民政府防汛抗旱指挥部\n2024年9月29日\n市防指、市应急管理局提醒\n假期将至\n请广大市民密切关注台风动向\n注意出行安全\n")
    rec = extract_text(text)
    assert len(rec["tasks"]) == 1 and "广大市民" not in rec["tasks"][0]["text"]


def test_a_portals_menu_inline_items_and_a_place_that_orders():
    """鄂城区 禁火令 on a 武汉 charity-news portal (zzcsz.cn/html/jsxw/20220811/1029475.htm): a menu of one label a
    line above the headline; 四、五、六 run on one line with spaces; "鄂城区发布森林防火禁火令" names the
    government that orders."""
    menu = "首頁\n公益播報\n公益匯\n愛心匯\n進社區(qū)\n爆料官\n公益咖\n武漢慈善\n希望工程\n武漢殘聯(lián)\n"
    text = (menu + "鄂城區(qū)發(fā)布森林防火禁火令\n2022-08-11 22:30:00\n來源: 鄂州發(fā)布\n"
            "四、在禁火期內, 各鎮(zhèn)街森林防火卡口值守工作人員對進入防火區(qū)的車輛和人員進行森林防火安全檢查,"
            "對攜帶的火種、易燃易爆物品及其他可能引起森林火災的物品,實行集中保管,任何單位和個人不得拒絕、阻礙。 "
            "五、森林防火工作中負有責任的領導和人員,違反相關法律法規(guī)和本禁火令的,根據(jù)其職責和情節(jié)輕重,由主管機關或者監(jiān)察機關分別給予批評教育、行政處分;構成犯罪的,依法追究刑事責任。 "
            "六、違反本禁火令者,由公安機關依照《中華人民共和國治安管理處罰法》的規定給予處罰。\n")
    rec = extract_text(text)
    assert rec["meta"]["title"] == "鄂城区发布森林防火禁火令"
    assert rec["meta"]["issuers"] and rec["meta"]["issuers"][0].endswith("鄂城区人民政府")
    assert [t["path"] for t in rec["tasks"]] == [["四"], ["五"], ["六"]]


def test_a_reported_national_notice_to_provinces_and_a_river_basin():
    """国家防总办公室 淮河 notice reported by 新华社 on a spam mirror (gwejianzhan.com/2016/0622/1771.html):
    "…办公室21日向江苏、安徽、山东、河南省防指和淮河防总发出通知" then "通知强调,要…" — the request is the
    addressees' work."""
    text = ("國(guó)家防總通知須認(rèn)真做好淮河流域防汛工作\n\n"
            "  原標(biāo)題:國(guó)家防總部署淮河流域防汛工作     針對(duì)近期淮河流域可能發(fā)生的強(qiáng)降水過(guò)程,"
            "國(guó)家防汛抗旱總指揮部辦公室21日向江蘇、安徽、山東、河南省防指和淮河防總發(fā)出通知,要求認(rèn)真做好有關(guān)防范工作。     "
            "通知強(qiáng)調(diào),要立足防大汛、抗大洪、搶大險(xiǎn)、救大災(zāi),進(jìn)一步強(qiáng)化以行政首長(zhǎng)負(fù)責(zé)制為核心的各項(xiàng)責(zé)任制,"
            "尤其要落實(shí)好重點(diǎn)區(qū)域、重點(diǎn)河段、重點(diǎn)工程、重要環(huán)節(jié)的防汛責(zé)任。\n")
    rec = extract_text(text)
    heads = ["江苏省防汛抗旱指挥部", "安徽省防汛抗旱指挥部", "山东省防汛抗旱指挥部", "河南省防汛抗旱指挥部", "淮河防汛总指挥部"]
    assert rec["meta"]["issuers"] == ["国家防汛抗旱总指挥部办公室"]
    assert rec["meta"]["addressees"] == heads
    assert [a["name"] for a in rec["tasks"][-1]["actors"]] == heads


def test_a_place_named_in_full_acts_through_its_government_and_forces_listed_after_tebieshi():
    """海南 防汛防风Ⅰ级 response for 琼海 (frpbbs.net/posa.php?7gsv=feemai): "请琼海市立即启动…" is the city
    government's; "特别是省军区、武警海南省总队、省消防救援总队等抢险救援力量要增派队伍…" names the forces."""
    text = ("海南对琼海启动防汛防风Ⅰ级应急响应\n"
            "请琼海市立即启动不低于省级响应级别的应急响应,其他市县要依据气象部门预报预警情况,加强会商研判,及时调整应急响应,并督促相关责任部门做好防御工作。\n"
            "请各成员单位按照《海南省防汛防风防旱应急预案》及其配套手册的相关要求,做好责任落实,特别是省军区、武警海南省总队、省消防救援总队等抢险救援力量要增派队伍全面支援琼海市开展抢险突击、群众疏散转移等工作;\n")
    names = [n for t in extract_text(text)["tasks"] for n in (a["name"] for a in t["actors"])]
    assert "琼海市人民政府" in names
    assert {"中国人民武装警察部队海南省总队", "海南省消防救援总队"} <= set(names)


def test_a_village_pages_breadcrumb_places_it_and_a_fire_ban_is_one_domain():
    """詹厝村 森林禁火令 notice (ggfw.jiedong.gov.cn/cwgk/openInfoContent.action?theID=99695): only the breadcrumb
    names the place (首页 >揭东区 >玉湖镇 >詹厝村); the title's 森林禁火令 makes every item 森林草原防火."""
    text = ("当前位置: 首页 >揭东区 >玉湖镇 >詹厝村 >村级组织运作 >自治组织运作 >村(居)务公开 返回列表\n关于森林禁火令的通知\n"
            "发布时间:2021-10-09 09:23:25\n"
            "  禁火时间为2021年10月1日-2022年5月1日,期间,林区及近林30米内,杜绝一切火源。\n"
            "        1、加强宣传,通过微信群、广播,做到家喻户晓;\n"
            "        3、加强巡查,及时制止燃烧桔梗,有发现火情要及时上报!\n")
    rec = extract_text(text)
    assert rec["meta"]["province"] == "广东省"
    assert all(t["sectors"] == ["森林草原防火"] for t in rec["tasks"])


def test_a_roundups_reported_points_set_no_work():
    """天津 隐患排查治理 roundup on a traditional mirror (waka8s.com/gedidongtai/show-9248.html): 一是…二是…三是…
    report what the districts did (制定了, 确保组织领导到位 in a report, 聘请专业安全咨询公司) — practices, not tasks."""
    text = ('天津市開展安全生產隱患排查治理工作\n'
            '按照天津市安委會下發的《關于深入開展安全生產隱患排查治理工作的通知》,我市16個區縣認真組織開展了安全生產隱患排查治理工作。\n'
            '一是加強領導,落實責任。各區縣結合實際,認真制定了安全生產隱患排查治理工作實施方案,明確了相關部門的職責,成立了隱患排查治理工作領導小組,嚴查各類安全隱患。濱海新區、寶坻區、河北區的各街鎮園區也相應成立了隱患排查治理工作領導小組,加強對無主管民營中小企業的檢查力度。河東區成立了4個專項檢查小組,并聘請專家開展隱患排查治理活動。\n'
            '二是召開會議,深入部署。大部分區縣通過召開會議的方式,對區域的安全生產隱患排查治理工作進行了安排部署,確保組織領導到位,狠抓責任落實。南開區于4月10日和4月11日分別召集十二個街道和十八個委辦局的分管領導及相關負責同志參加專題會議,傳達部署本區安全生產隱患排查治理工作。\n'
            '三是強化措施,深化治理。西青區建立了隱患排查治理信息平臺,并計劃投入30萬元聘請專業安全咨詢公司,對西青開發區的企業進行一次全面的安全隱患狀況普查。和平區突出加強對餐飲場所的燃氣安全和建筑施工領域的隱患排查治理工作,目前已對一家施工單位進行了誡勉談話。濱海新區在網站平臺專項整治功能模塊中發布了隱患排查專項行動任務,并通過發送信息的方式,提醒有關部門按時報送進展情況。同時,還將隱患排查治理工作開展情況納入到各管委會、區有關部門2013年度安全生產目標考核范圍,強化安全生產目標管理。東麗區設立公共郵箱,以飛信、短信、電話等方式通知企業,做好隱患自查工作,進一步夯實安全監管基礎。\n')
    rec = extract_text(text)
    assert rec["practices"] and rec["tasks"] == []


def test_a_count_taken_within_a_month_and_a_season_entered_are_no_deadlines():
    """江西 2000s 煤矿 decision, page 2 on a law mirror (fymate.net/html/text/lar/169670/16967075_2.html): "1个月内发现有2处…
    非法煤矿" is the window a count is taken in; 关累镇 (ynml.gov.cn/92.news.detail.dhtml?news_id=1503777): "3月1日进入
    高火险期" is when a season starts."""
    line = ("在乡、镇人民政府所辖区域内发现有非法煤矿并且没有采取有效制止措施的,对乡、镇人民政府主要负责人和负有责任的相关负责人,"
            "依法追究相关责任;在县(市、区)人民政府所辖区域内1个月内发现有2处或2处以上非法煤矿并且没有采取有效制止措施的,"
            "对县级人民政府主要负责人和负有责任的相关负责人,依法追究相关责任。")
    assert find_deadlines(line, dt.date(2005, 1, 1)) == []
    season = "其中《准烧证》于2月20日停办,3月1日进入高火险期严禁一切野外用火行为。"
    assert [d.date for d in find_deadlines(season, dt.date(2025, 1, 16))] == ["2025-02-20"]

