"""Sectors and mechanisms from the schema's vocabularies, on seed excerpts."""

from policykg.nlp.practices import mechanisms_of
from policykg.nlp.sectors import sectors_of


def test_longest_wording_wins_and_general_terms_yield():
    assert sectors_of("完成尾矿库“病库”治理、不具备安全生产条件的非煤矿山关闭,指导38座大型矿山建成“五化矿山”") == ["非煤矿山"]
    assert sectors_of("完善实施生产安全事故和水旱灾害、气象灾害、地质灾害、地震灾害、森林火灾等自然灾害分级响应标准") == [
        "防汛抗旱", "气象灾害", "地震地质灾害", "森林草原防火"]
    assert sectors_of("推进自然灾害防治重点工程和防灾减灾避难场所建设") == ["自然灾害"]


def test_words_that_only_look_like_sectors():
    assert sectors_of("对工矿商贸领域事故实行分级挂牌督办") == []
    assert sectors_of("加强国家综合性消防救援队伍临战训练") == []
    assert sectors_of("强化重点行业领域安全监管") == []


def test_synonyms_of_the_schema():
    assert sectors_of("突出“两客一危”车辆和渡船安全") == ["道路交通", "水上交通"]
    assert sectors_of("推进粉尘防爆、有限空间作业条件确认") == ["工贸"]
    assert sectors_of("深化危化品和民爆物品管理") == ["危险化学品", "民用爆炸物品"]


def test_mechanisms_from_a_roundup_section():
    text = ("成立工作专班,建设信息调度系统,制定调度通报、隐患督办、工作报告、督导检查四项工作机制,"
            "制定动火等危险作业共性检查表,建立标准化、清单化检查模板。")
    assert set(mechanisms_of(text)) >= {"工作专班", "信息化", "调度通报", "督导检查", "清单化管理"}


def test_the_supervision_department_of_its_time():
    """枞阳县's 2016 flood order on a forum (www.zy234.com/archiver/tid-198383.html): "纪检、监察部门要加强防汛
    纪律督查" — 监察 is a department stem (the county's 监察局 until the 2018 reform), and a list
    with one known stem is a list of department classes (纪检部门 stays a class)."""
    from page_text import extract_text

    text = '四、加强督查,严明防汛纪律。纪检、监察部门要加强防汛纪律督查,对防汛工作不力造成损失的,要严肃追究责任人的责任。\n枞阳县防汛抗旱指挥部\n2016年7月3日\n'
    assert [a["name"] for a in extract_text(text)["tasks"][0]["actors"]] == ["纪检部门", "枞阳县监察局"]
