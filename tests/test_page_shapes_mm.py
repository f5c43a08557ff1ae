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
