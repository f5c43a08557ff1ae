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
