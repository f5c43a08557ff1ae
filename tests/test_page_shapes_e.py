"""Shapes of real circulars outside ../shared: public pages of the fresh batch e of the tenth
session, cited by address; a few lines each, not the documents."""

from __future__ import annotations

from page_text import extract_text


def test_an_exclaimed_headline_is_no_part_of_the_title_below_it():
    """天津市防办 防洪四级 notice on a mirror (mip.frvmw.cn/article/559.html): "最新!天津启动…" twice above the
    notice's own title."""
    text = ('新闻资讯\n'
            '\n'
            '最新!天津启动防洪四级应急响应\n'
            '\n'
            '最新!天津启动防洪四级应急响应\n'
            '\n'
            '天津市防办关于启动市防洪四级应急响应的通知\n'
            '\n'
            '市防指成员单位、各分部、各工作组,水务集团,各区防指:\n')
    assert extract_text(text)["meta"]["title"] == "天津市防办关于启动市防洪四级应急响应的通知"


def test_a_leave_site_dialog_is_furniture_and_residents_are_addressed():
    """白沙镇 清明 通告 on a mirror (magnetkurs.com/zjzc/bszrmzf/zwgk/zfxxgkml/tzgg/content/post_2538099.html): the
    site's "即将离开…是否继续?" dialog and its buttons are no title; "广大居民朋友:" are the addressees."""
    text = ('您访问的链接即将离开“白沙镇人民政府”门户网站 是否继续?\n'
            '继续访问放弃\n'
            '发布机构: | 白沙镇人民政府 | 生成日期: | 2022-02-23 09:49:21 |\n'
            '广大居民朋友:\n'
            '为有效防止清明节期间因上坟祭祀用火引发森林火灾,确保清明平安,白沙镇向全镇居民朋友发出如下通告:\n')
    meta = extract_text(text)["meta"]
    assert meta["title"] is None and meta["addressees"] == ["广大居民朋友"]


def test_an_original_title_label_is_no_part_of_the_title():
    """北京市安委会 专项行动 notice reposted by sina (news.sina.com.cn/c/nd/2017-11-20/doc-ifynwxum6834517.shtml)."""
    text = ('原标题:北京市安全生产委员会关于开展安全隐患大排查大清理大整治专项行动的通知\n')
    assert extract_text(text)["meta"]["title"] == "北京市安全生产委员会关于开展安全隐患大排查大清理大整治专项行动的通知"


def test_a_variant_character_and_the_others_after_ji():
    """陕西省安委会 2024 工作要点 on a traditional mirror (m.zhongshanjiudian.com/hot/article/2024-12-11/93037-1.htm):
    陜西 (a variant OpenCC keeps) is 陕西; "…省应急厅及其他省安委会成员单位分工负责" lists 其他省安委会成员单位."""
    text = ('各設區市人民政府、楊凌示范區管委會,省安委會各成員單位,省級各有關部門:\n'
            '經省政府同意,現將《陜西省安全生產委員會2024年工作要點》印發你們,請結合實際,認真抓好貫徹落實。\n'
            '陜西省安全生產委員會\n'
            '2024年3月4日\n'
            '陜西省安全生產委員會2024年工作要點\n'
            '2024年全省安全生產工作的總體要求是:深入貫徹落實黨的二十大精神和習近平總書記關于安全生產重要論述、歷次來陜考察重要講話重要指示,堅持人民至上、生命至上,鞏固拓展主題教育成果,聚焦高質量發展,按照黨中央、國務院決策部署和省委、省政府工作要求,進一步壓緊壓實安全生產責任,扎實開展安全生產治本攻堅三年行動,動態排查安全生產領域風險隱患,強化礦山、消防、城鎮燃氣、危險化學品、道路交通、建筑施工等重點領域安全監管,堅決防范遏制重特大事故發生,為深化“三個年”活動、推動陜西高質量發展邁出新步伐提供更高水平安全保障。總體目標是:減少一般事故,遏制較大事故,杜絕重特大事故。\n'
            '1.深入貫徹重要指示批示。堅持將傳達學習貫徹習近平總書記關于安全生產重要指示批示作為黨委常委會會議、政府常務會以及部門黨組(黨委)會議第一議題,作為黨委宣傳工作重點(省安委會各成員單位分工負責)。將安全生產、應急管理列入黨政領導干部培訓重要內容,參訓情況納入黨政領導干部年度考核(省委組織部、省應急廳及其他省安委會成員單位分工負責)。\n')
    rec = extract_text(text)
    assert rec["meta"]["province"] == "陕西省"
    names = {a["name"] for t in rec["tasks"] for a in t["actors"]}
    assert "其他省安委会成员单位" in names and "他省安委会成员单位" not in names


def test_a_state_council_notice_without_its_addressee_line_goes_to_its_usual_addressees():
    """国办 安全生产监管执法 notice summarised on a traditional mirror (visvim.net.cn/s/14190-40700-38306.html): no 主送
    line; its items are for 各省、自治区、直辖市人民政府, 国务院各部委, 国务院各直属机构 (as devset d53 prints them)."""
    text = ('近日,國務院辦公廳印發(fā)《關(guān)于加強安全生產(chǎn)監(jiān)管執(zhí)法的通知》(以下簡稱《通知》),提出了五個方面共二十項措施要求。\n'
            '一是健全完善安全生產(chǎn)法律法規(guī)和標準體系。抓緊制定安全生產(chǎn)法實施條例等配套法規(guī),積極推動相關(guān)行業(yè)領(lǐng)域和地方性法規(guī)、規(guī)章制度的制修訂工作。加快制修訂安全生產(chǎn)強制性國家標準,逐步縮減推薦性標準,縮短相關(guān)標準出臺期限,并及時向社會公布。\n')
    rec = extract_text(text)
    assert [a["name"] for a in rec["tasks"][0]["actors"]] == ["各省自治区直辖市人民政府", "国务院各部委", "国务院各直属机构"]


def test_a_province_direct_county_and_units_named_after_their_work():
    """陵水 三防 typhoon news (hi.cri.cn/20170914/44a1875b-657f-b931-8aa0-7d479c1b6836.html): 陵水黎族自治县 is directly
    under 海南省 (no 省直辖行政区划 in its name); "宣传部门和电视台要…" and "县海洋与渔业局及沿海乡镇,务必于…"."""
    text = ('国际在线海南消息:9月14日上午8时,海南省陵水黎族自治县三防指挥部副指挥长、副县长黄聪主持召开防御第19号台风会商会议,县委书记麦正华来到县三防指挥部,听取当前工作情况汇报,部署做好各项防范工作。省防总工作组、县三防办、水务局、气象局、海洋与渔业局等单位参加会议。\n'
            '今年第19号台风“杜苏芮”14日5时加强为强热带风暴,10时其中心在距离海南三亚市东南方约355公里的南海中部海面上,中心附近最大风力有10级。预计,“杜苏芮”将以每小时20公里左右的速度向西偏北方向移动,强度逐渐加强,最强可达台风级或强台风级(13~14级,38~45米/秒),逐渐向海南南部沿海靠近,将于14日夜间到15日早晨从海南南部近海经过,并于15日下午在越南中部沿海登陆。\n'
            '为做好防台风工作,陵水三防办发出通知:自9月14日9时启动防汛防风III级应急响应,有关部门按职责分工做好工作部署。宣传部门和电视台要滚动发布台风信息,县三防办、各乡镇充分利用广播宣传车发布预警信息,提醒广大群众做好防范工作。县海洋与渔业局及沿海乡镇,务必于14日16时之前所有渔船鱼排人员转移上岸,妥善安置转移人员。各乡镇组织好低洼地带、沿河、危房户、五保户人群的转移预案,务必于14日18时之前组织全部低洼地带和危房人员转移避险。各水库加强值班值守,带班领导和值班人员切实履行责任,严格落实水库24小时巡查。各乡镇做好防汛抢险物资储备和应急队伍准备。国土部门、各乡镇加强对地质灾害易发点等薄弱环节的巡查,严密防范山洪地质灾害。县旅游委务必于14日12时之前关闭涉山、涉水、涉海、涉高空等旅游景点,加强旅游安全管理。城管部门加强对城市易涝地区的巡查、清除排水障碍物,提前做好修剪树木、加固广告牌等\n')
    rec = extract_text(text)
    assert rec["meta"]["locality"] == "陵水黎族自治县"
    names = {a["name"] for t in rec["tasks"] for a in t["actors"]}
    # (the county's TV station written bare is the county's: 陵水黎族自治县电视台, as fresh pages' gold names it)
    assert {"宣传部门", "陵水黎族自治县电视台", "陵水黎族自治县海洋与渔业局"} <= names


def test_a_speakers_requirement_starts_a_task_of_its_own():
    """迁西县安委办 国庆 requirements reported on a health site (zgjkxw.org.cn/html/xunyiwenyao/2024-09-27/31880.html):
    "县安委办要求,突出抓好…" — the office speaks; what it requires is a task apart from the one before."""
    text = ('“国庆”假期临近,河北省迁西县针对人流物流集中,是事故的多发期易发期的特点,县安委办要求全县各地各单位进一步加大执法检查频次,提高执法检查效率,严厉打击各类非法违法生产经营建设行为,确保国庆节期间全县安全生产形势平稳,为群众营造平安、欢乐、祥和的节日氛围。\n'
            '县安委办要求,突出抓好道路交通安全监管,制定科学周密的工作方案,确保安全有序;对人员密集场所进行全面彻底的安全检查,严格落实以消防安全为重点的安全责任制;对危化品企业生产、储存、经营、使用、运输、处置等环节进行全力管控,切实加强“废旧车间、废弃矿洞、空旷场所、小化工小作坊”等场所的排查检查,坚决杜绝危险化学品、易燃易爆易制毒物品的生产、存储、运输和经营等违法违规行为;全面排查整治压力容器、压力管道、供水供电等重点设施以及检维修、有限空间、动火作业等环节安全风险;加强对停产停建非煤矿山的巡查检查,强化包联包保和驻矿盯守,对已经复工复产的矿山企业和尾矿库企业加强现场安全监管,按照“双控”标准运营;以预防坍塌、高处坠落事故为重点,进一步强化建筑施工安全专项整治;抓好用电安全监管,防止供电线路破损而发生火灾事故;督导工商贸等生产经营单位严格执行行业规范、技术标准和操作规程,加强对关键工序和关键岗位的安全监控,督促企业健全完善安全生产监测和防范设施,改善作业环境和条件;开展城乡燃气全链条风险隐患全面排查整治,切实消除餐饮企业等人员密集场所燃气安全突出风险隐患,建立燃气风险管控和隐患排查治理双重预防机制,严防发生爆燃事故。加强对醇基燃料、建材、轻工、机械、林业、水利等行业领域进行排查整治,切实管控风险。\n')
    rec = extract_text(text)
    assert len(rec["tasks"]) == 2
    assert not any(a["explicit"] for a in rec["tasks"][1]["actors"])  # the speaker is not named as its party


def test_a_disclosure_table_gives_title_and_date_and_the_title_names_the_issuer():
    """原州区 防火戒严 通告 on a traditional mirror (laurenbruce.com/xxgk_13314/zc/gfxwj/202110/t20211013_3088491.html):
    the box as a table (標 題: | …通告 |, 發文時間 | 2021-03-16 |); its title names the issuer, whom the box's
    发布机构 (the 自然资源局 that posted it) does not replace."""
    text = ('索 引 號 | 640421016/2021-00117 | 發(fā)文時間 | 2021-03-16 |\n'
            '發(fā)布機構(gòu) | 原州區(qū)自然資源局 | 文 號 | |\n'
            '公開方式 | 主動公開 | 有效性 | 宣布失效 |\n'
            '標(biāo) 題: | 固原市原州區(qū)人民政府關(guān)于實施森林草原防火戒嚴的通告 |\n'
            '為有效預(yù)防和遏制森林草原火災(zāi),確保人民群眾生命財產(chǎn)和森林草原資源安全,根據(jù)《中華人民共和國森林法》《中華人民共和國草原法》《中華人民共和國治安管理處罰法》《森林防火條例》《中華人民共和國草原防火條例》《寧夏回族自治區(qū)森林防火辦法》等有關(guān)規(guī)定,并結(jié)合區(qū)情實際,原州區(qū)人民政府決定對全區(qū)森林草原防火戒嚴工作有關(guān)事項重申通告如下:\n'
            '一、防火戒嚴期限\n')
    meta = extract_text(text)["meta"]
    assert meta["title"] == "固原市原州区人民政府关于实施森林草原防火戒严的通告"
    assert meta["date"] == "2021-03-16"
    assert meta["issuers"] == ["固原市原州区人民政府"]


def test_a_province_named_by_its_parts():
    """云南 防汛 notice on a mirror (mzzj.hxhyjz.com/zwgk/zcwj/yzbmd/202107/t20210701_224471.html): no place named
    in full, only 我省 and 滇东北、滇西北东部、滇西和滇南 — 云南省's parts by its 简称."""
    text = ('各州、市、县、区人民政府,省防汛抗旱指挥部成员单位:\n'
            '当前,我省已全面进入雨季,区域性、单点性强降雨天气突出,旱涝急转趋势明显,滇东北、滇西北东部、滇西和滇南边缘地质灾害气象风险较高。据气象部门预测,近期我省大部地区多降雨天气。其中,6月30日—7月1日,滇东、滇东南地区将出现中到大雨局部暴雨,并可能伴有雷暴、短时强降水、阵性大风或冰雹等强对流天气。为切实抓好当前和今后一个时期全省防汛减灾救灾有关工作,确保广大人民群众生命财产安全,经省人民政府同意,现将有关事项通知如下:\n')
    assert extract_text(text)["meta"]["province"] == "云南省"
