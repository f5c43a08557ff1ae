"""Shapes of real circulars outside ../shared: public pages of the fresh batches gz and ha of
the eighteenth session (their addresses in bench/firstlook_sources.tsv), cited by address; a
few lines each, not the documents."""

from __future__ import annotations

from datetime import date

from page_text import extract_text

from policykg.ingest.clean import clean_text
from policykg.ingest.lexicon import lexicon
from policykg.ingest.names import Jurisdiction, canonical_name, name_kind, parse_names
from policykg.ingest.outline import attachment_lists
from policykg.nlp.deadlines import find_deadlines
from policykg.nlp.parties import find_parties


def parties(text: str, province: str, locality: str | None, year: int | None,
            pronouns: tuple[str, str] | None = None, addressees: tuple[str, ...] = ()) -> list:
    return find_parties(text, Jurisdiction.of(province, locality, year, ()), False, addressees, pronouns)


def test_an_office_under_two_names_is_one_addressee():
    """朔城区应急管理局(地方煤矿安全监督管理局): (朔应急发〔2023〕253号, szxxgk.shuozhou.gov.cn/szfgzbm/szsaqscjdglj/zfxxgkml_11354/ghjhxx/202310/
    t20231007_636650.shtml): the
    district's bureau with its second nameplate in the note — one body (so the reply's 你局 is it),
    not the bureau and a city-level coal-mine bureau. A note listing other bodies still adds them."""
    assert parse_names("朔城区应急管理局(地方煤矿安全监督管理局)", strict=False) == [
        ("朔城区应急管理局(地方煤矿安全监督管理局)", 0, "org")]
    noted = parse_names("县公安局(县公安消防大队、县公安交警大队)", strict=False)
    assert [n for n, _, _ in noted][1:] == ["县公安消防大队", "县公安交警大队"]
    # a long second name closes the body as a short note does
    found = parties("县应急管理局(县地方煤矿安全监督管理局)要加强巡查。", "山西省", "朔州市", 2023)
    assert [p.name for p in found] == ["各县应急管理局"]


def test_a_reply_asks_its_addressee_after_saying_when():
    """复产后你局要继续强化安全监管责任 (the same reply, szxxgk.shuozhou.gov.cn/szfgzbm/szsaqscjdglj/zfxxgkml_11354/ghjhxx/202310/
    t20231007_636650.shtml): 复产后 says when; 你局 is
    the one addressee, not part of a name "复产后你局"."""
    found = parties("复产后你局要继续强化安全监管责任,监督煤矿企业落实安全生产主体责任。", "山西省", "朔州市", 2023,
                    pronouns=("朔城区应急管理局", ""), addressees=("朔城区应急管理局",))
    assert [(p.written, p.name) for p in found] == [("你局", "朔城区应急管理局")]


def test_a_day_a_reply_tells_of_is_no_limit():
    """市应急管理局…于2023年9月19日对山西中煤东坡煤业有限公司进行了复产验收 (szxxgk.shuozhou.gov.cn/szfgzbm/szsaqscjdglj/zfxxgkml_11354/ghjhxx/202310/
    t20231007_636650.shtml): 于 and
    a day, then the act told as done — the inspection that happened, not a deadline."""
    told = "市应急管理局在你局复产验收的基础上,于2023年9月19日对山西中煤东坡煤业有限公司进行了复产验收,经现场检查,符合验收基本条件。"
    assert find_deadlines(told, date(2023, 9, 26)) == []
    # a limit set with 于 stays one (南陵县安委会 2023, www.nlx.gov.cn/openness/grassroots/6603411/38615502.html)
    asked = "请认真贯彻执行,并于 12 月 6 日前将年度工作总结报至县安委会办公室。"
    assert [d.date for d in find_deadlines(clean_text(asked).mapped.text, date(2023, 8, 3))] == ["2023-12-06"]


def test_an_attachment_list_names_files_whatever_their_kind_word():
    """附件:1.楚雄市地质灾害分级负责制度 … 10.楚雄市地质灾害应急调查制度 (吕合镇 2025, www.cxs.gov.cn/info/
    20055/845879.htm) and 附:1、永和镇森林防火责任制落实表 / 2、森林防火宣传标语 (永和镇, nbxinxi.com/a/
    shangyuqu/20210602/200576.html): titles by their shape (no clause in them), not ten tasks —
    nor an item 2 that swallows the section 二 before it."""
    text = "附件:1.楚雄市地质灾害分级负责制度\n2.楚雄市地质灾害应急预案制度\n3.楚雄市地质灾害监测员管理制度\n吕合镇人民政府"
    spans = attachment_lists(text)
    assert len(spans) == 1 and text[spans[0][0]:spans[0][1]].endswith("监测员管理制度")
    fn06 = "附:1、永和镇森林防火责任制落实表\n2、森林防火宣传标语\n永和镇人民政府"
    assert attachment_lists(fn06) == [(0, fn06.index("\n永和镇"))]


def test_a_duty_list_gives_duties_to_levels_of_places_and_to_classes_of_people():
    """二、乡镇(街道)和村委会(社区):负责统一管理本辖区内地质灾害监测员 / 三、地质灾害监测员:负责本村…巡查
    (楚雄市地质灾害分级负责制度, www.cxs.gov.cn/info/20055/845879.htm): each line's body before its
    colon — levels written bare and a class of workers — while a region before a colon is a
    roundup's (重庆:举办…) and a field label names nobody."""
    loc = ("云南省", "楚雄彝族自治州楚雄市吕合镇", 2025)
    levels = parties("乡镇(街道)和村委会(社区):负责统一管理本辖区内地质灾害监测员。", *loc)
    assert [p.written for p in levels] == ["乡镇(街道)", "村委会(社区)"]
    workers = parties("地质灾害监测员:负责本村(自然村)地域内隐患区巡查和地质灾害隐患点的日常监测预警工作。", *loc)
    assert [p.name for p in workers] == ["地质灾害监测员"]
    assert parties("重庆:举办应急演练。", *loc) == []


def test_the_city_a_township_speaks_of_is_its_county_level_city():
    """市人民政府:作为地质灾害群测群防责任主体 in rules 吕合镇 forwards (www.cxs.gov.cn/info/20055/
    845879.htm): the township lies in 楚雄市, a county-level city under 楚雄彝族自治州 — its 市 is
    楚雄市, as in the city's own notices."""
    jur = Jurisdiction.of("云南省", "楚雄彝族自治州楚雄市吕合镇", 2025, ())
    assert canonical_name("市人民政府", jur) == "楚雄市人民政府"
    assert canonical_name("州人民政府", jur) == "楚雄彝族自治州人民政府"


def test_heads_of_units_are_people_by_their_shape():
    """全县各相关部门、各驻矿员、各安监站负责人、各煤矿企业负责人、各煤矿矿长要牢固树立…意识 (贞丰县 2014,
    ldqxn.com/news/zhenfeng/20141202/250401.htm): 矿长 is the head of a 矿 as 校长 of a 校 (the lexicon
    lists none of them), and 负责人 after 安监站 is its post, not 负责 the duty."""
    assert lexicon().person_suffix("各煤矿矿长") == "矿长" and name_kind("各学校校长") == "person"
    assert name_kind("各安监站负责人") == "person"
    assert lexicon().person_suffix("人员密集场所长") is None  # 场所长期: no head of a 所
    text = "全县各相关部门、各驻矿员、各安监站负责人、各煤矿企业负责人、各煤矿矿长要牢固树立警钟长鸣意识和红线意识,重点抓源头治理。"
    found = parties(text, "贵州省", "黔西南布依族苗族自治州贞丰县", 2014)
    assert [p.written for p in found] == ["全县各相关部门", "各驻矿员", "各安监站负责人", "各煤矿企业负责人", "各煤矿矿长"]


def test_a_known_short_form_and_more_is_no_member_of_a_list():
    """推动市级建立健全应急委综合统筹,安委会、减灾委分类统筹,各委办(应急局)具体协调的运行机制 (十应急发
    〔2022〕3号, yjglj.shiyan.gov.cn/…/202203/t20220318_3477838.shtml): 减灾委 and then 分类, how it
    acts — no body named 减灾委员会分类统筹."""
    found = parties("推动市级建立健全应急委综合统筹,安委会、减灾委分类统筹,各委办(应急局)具体协调的运行机制。", "湖北省", "十堰市", 2022)
    assert not any("分类" in p.name for p in found)


def test_yu_joins_the_fields_of_a_unit_listed_among_bodies():
    """自治区气象台、气候中心、生态与农业气象中心、气象服务中心 (内蒙古自治区气象局 2023 寒潮 response order,
    chengju.com/news/72880.html): 生态与农业气象中心 is one centre, as 应急与减灾处 is one division —
    not 生态 and a 农业气象中心. Between a body and a noun of a class, 和 still lists
    (国家消防救援局江西机动队伍、航空消防飞机和专业、半专业森林消防队, devset d01)."""
    names = [n for n, _, _ in parse_names("气候中心、生态与农业气象中心、气象服务中心", strict=True)]
    assert names == ["气候中心", "生态与农业气象中心", "气象服务中心"]
    assert [n for n, _, _ in parse_names("各级党委、政府及相关部门", strict=True)] == ["各级党委", "各级政府", "相关部门"]


def test_the_reply_page_reads_its_addressee_and_tasks():
    """The reply's head and first item as the page has them (szxxgk.shuozhou.gov.cn/szfgzbm/szsaqscjdglj/zfxxgkml_11354/ghjhxx/202310/
    t20231007_636650.shtml): one addressee, its
    first request the addressee's, the inspection day told in the opening no deadline."""
    text = ("(朔应急发〔2023〕253号)\n朔城区应急管理局(地方煤矿安全监督管理局):\n"
            "你局《关于对山西中煤东坡煤业有限公司进行复产验收的请示》(朔区应急字〔2023〕178号)已收悉,市应急管理局在你局"
            "复产验收的基础上,于2023年9月19日对山西中煤东坡煤业有限公司进行了复产验收,经现场检查,符合验收基本条件,同意复产。"
            "同时提出以下要求:\n一、复产后你局要继续强化安全监管责任,监督煤矿企业落实安全生产主体责任,依法依规生产经营。\n"
            "二、监督矿方狠抓一通三防、防治水、顶板管理、机电运输等方面工作,严格执行规程、细则、标准,确保煤矿安全生产。\n"
            "朔州市应急管理局 朔州市地方煤矿安全监督管理局\n2023年9月26日")
    record = extract_text(text)
    assert record["meta"]["addressees"] == ["朔城区应急管理局"]
    assert [[a["name"] for a in t["actors"]] for t in record["tasks"]] == [["朔城区应急管理局"], ["朔城区应急管理局"]]
    assert all(not t["deadlines"] for t in record["tasks"])


def test_each_and_a_kind_of_unit_is_a_class_whatever_the_kind():
    """各系(分院)、职能部门、直属单位 and 各系(分院)、各部门放假前要认真进行安全检查 (宁波职业技术学院 2012,
    htxy.webs.nbpt.edu.cn/2012/0328/c2468a115611/page.htm); 各处室、校区、分院(部) (a Chengdu college
    2020, www.taccbaby.com/bwc/info/1003/1024.html): 各 and a unit the lexicon does not know (系,
    校区, 分院) is each such unit, and 各 reaches the kinds listed after it. Not 各 before a measure
    or an idiom (各项工作, 各负其责), nor a list's words cut through (各系(分 and 职能部门 were two
    made-up classes)."""
    assert [n for n, _, _ in parse_names("各系(分院)、职能部门、直属单位", strict=True)] == ["各系(分院)", "职能部门", "直属单位"]
    assert [n for n, _, _ in parse_names("各处室、校区、分院(部)", strict=True)] == ["各处室", "各校区", "各分院(部)"]
    found = parties("各系(分院)、各部门放假前要认真进行安全检查。", "浙江省", "宁波市", 2012)
    assert [p.name for p in found] == ["各系", "各部门"]
    assert parties("各司其职,各负其责,要加强巡查。", "浙江省", "宁波市", 2012) == []
    assert parse_names("各项工作", strict=True) is None


def test_a_subject_set_off_after_what_a_meeting_stressed():
    """会议强调,各行政村(社区)、镇直各单位,高度重视安全生产工作 (襄城县紫云镇 2024, www.xiangchengxian.gov.cn/
    jrxc/001002/20240115/f37c54bd-0a40-48c4-b0f4-b174fe1e33d9.html): after 强调, the bodies and a
    comma, then their duty (the items 一要…四要 under it are theirs). 指出 tells what is: 戴道晋指出,
    省委、省政府高度重视… names no one asked."""
    found = parties("会议强调,各行政村(社区)、镇直各单位,高度重视安全生产工作,切实履行安全生产职责。", "河南省", "许昌市襄城县紫云镇", 2024)
    assert [p.written for p in found] == ["各行政村(社区)", "镇直各单位"]


def test_a_sub_district_acts_through_its_office():
    """2024年7月24日大明宫街道召开防汛工作专题调度会 (www.weiyang.gov.cn/zwgk/shgysy/jzjz/
    1816764861589819394.html): a 街道 has no people's government; the meeting's convener and the
    page's issuer is the 大明宫街道办事处 (a township's 乡镇(街道)政府 keeps its government)."""
    jur = Jurisdiction.of("陕西省", "西安市未央区大明宫街道", 2024, ())
    assert canonical_name("大明宫街道人民政府", jur) == "大明宫街道办事处"
    assert canonical_name("各乡镇(街道)政府", jur) == "各乡镇街道人民政府"


def test_a_time_before_the_modal_and_a_ban_by_bu_yao():
    """财务部门放假期间不要超量留存现金 (htxy.webs.nbpt.edu.cn/2012/0328/c2468a115611/page.htm) and 各班級須
    召開安全主題班會 (a Nanchang college 2018, m.dk2dk.cn/xinwenzhongxin/tongzhigonggao/2018-09-29/6605.html,
    traditional): when (放假期间, 放假前) between a body and its modal; 不要 binds as 不得 does; 各班级
    is each class of students."""
    assert [p.name for p in parties("财务部门放假期间不要超量留存现金。", "浙江省", "宁波市", 2012)] == ["财务部门"]
    assert [p.name for p in parties("各班级须召开安全主题班会。", "江西省", "南昌市", 2018)] == ["各班级"]


def test_bare_departments_after_a_class_of_places_bodies_share_its_levels():
    """各地级以上市安全生产监督管理局、发展改革局(委)、经济和信息化主管部门、财政局(委)… (粤安监〔2015〕121号,
    a mirror at guangzhou.baogaosu.com, the 全国尾矿库 plan forwarded): every city's bureaus, not
    the province's — and 公安局, 交通局 after 各县应急局 are each county's (公安 is the police's stem
    there, not 公安县's short name; 交通局 is a department though the suffix list holds it)."""
    names = [n for n, _, _ in parse_names("各地级以上市安全生产监督管理局、发展改革局(委)、经济和信息化主管部门、财政局(委)", strict=False)]
    assert names == ["各地级以上市安全生产监督管理局", "各地级以上市发展改革局", "各地级以上市经济和信息化主管部门", "各地级以上市财政局"]
    assert [n for n, _, _ in parse_names("各县应急局、公安局、交通局", strict=False)] == ["各县应急局", "各县公安局", "各县交通局"]
    assert name_kind("交通局") == "org"


def test_he_before_a_bureau_joins_its_fields():
    """…民政、农业农村、住建、供销、气象、供电、文化体育广播电视和旅游等部门 and the bureau it names (伊宁市
    2025, www.yining.gov.cn/yining/c123668/202511/bcee9c29d5d647f5b1036c68623c6319.shtml): in a list
    of bodies, a plain noun, 和 and a bureau is one bureau (文化体育广播电视和旅游局), as 与 joins a
    unit's fields."""
    names = [n for n, _, _ in parse_names("市民政局、文化体育广播电视和旅游局、市气象局", strict=False)]
    assert names == ["市民政局", "文化体育广播电视和旅游局", "市气象局"]


def test_a_zone_named_with_its_city_is_written_once_in_a_place():
    """祝楼乡党政办 signing a 2011 清明 notice (pysfq.xinxiang.gov.cn/htmls/bumendongtai/20110404/
    818499be0656439e8b07ecb85c790b1d.html): 祝楼乡 lies in 新乡市平原城乡一体化示范区, whose name holds its
    city; the page's place is not 新乡市新乡市…."""
    from policykg.ingest.regions import gazetteer

    g = gazetteer()
    zone = g.by_name["新乡市平原城乡一体化示范区"][0]
    assert g.written(g.chain(zone)[1:]) == "新乡市平原城乡一体化示范区"


def test_schools_by_their_grade_are_units():
    """请各中心小学(中心学校)抓紧与当地镇政府(街道办)联系 (博罗县教育局 2018 校车 notice on a spam mirror,
    www.lowongankerja-keluarnegeri.com/bmzb/xjyj/zwgk/bmwj/tzgg/content/post_431930.html) and 各中心校,高中
    (渭南市临渭区教育局 2023, b2b-partner.com/zfxxgk/fdzdgknr/zfjg/zfbm/qjyj/wjzq/1677136515060338690.html):
    a school named by its grade (小学, 高中, 中心校) is a unit like 幼儿园 — not 各中心 and a stray 小学."""
    found = parties("请各中心小学(中心学校)抓紧与当地镇政府(街道办)联系。", "广东省", "惠州市博罗县", 2018)
    assert [p.name for p in found][:1] == ["各中心小学"]
    assert name_kind("各高中") is not None and name_kind("各中心校") is not None
