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
