"""Shapes of real circulars outside ../shared: public pages of the fresh batches l and k of the
ninth session, cited by address; a few lines each, not the documents."""

from __future__ import annotations

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
