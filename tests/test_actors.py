"""Actors, roles and recipients, read from the seed circulars in corpus/ (the maintainers'
gold for them is ../shared/gold). Each test names the behaviour and the seed it reads."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from policykg.ingest.model import Meta
from policykg.nlp.actors import default_actors

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SHANXI = "000_5e0b7290794b1045.txt"  # 山西省应急管理厅 2021年调查评估和统计工作要点
YUNNAN = "001_a351aa79f7152add.txt"  # 云南省安委会 2019年度安全生产工作要点 (traditional script)
CHENGCHENG = "002_c5ef4229b791ba39.txt"  # 澄城县应急管理局 2020年全县应急管理工作要点
HEILONGJIANG = "003_00e1c64398f57da6.txt"  # 黑龙江省应急管理厅 监督检查计划通知 (traditional)


@lru_cache(maxsize=None)
def record(name: str) -> dict:
    from policykg.nlp.extract import extract_path

    return extract_path(CORPUS / name)


def task_with(name: str, quote: str) -> dict:
    from policykg.nlp.evaluate import fold

    hits = [t for t in record(name)["tasks"] if fold(quote) in fold(t["text"])]
    assert hits, f"no task of {name} holds {quote!r}"
    return min(hits, key=lambda t: len(t["text"]))


def triples(task: dict) -> set[tuple[str, str, bool]]:
    return {(a["name"], a["role"], a["explicit"]) for a in task["actors"]}


def test_short_form_of_the_issuer_is_spelled_out():
    """省应急厅 in a Shanxi plan is 山西省应急管理厅, named by the text (explicit)."""
    t = task_with(SHANXI, "省应急厅加大对一般事故调查质量的抽查督查")
    assert ("山西省应急管理厅", "responsible", True) in triples(t)


def test_lead_and_a_shared_head_list_of_county_departments():
    """应急管理部门牵头, 水务、自然资源(林业)、气象…等部门参与: the county's departments in force
    in 2020, as participants; 相关部门参与 keeps the class."""
    t = task_with(CHENGCHENG, "水务、自然资源(林业)")
    assert triples(t) >= {
        ("澄城县应急管理局", "lead", True), ("相关部门", "participant", True),
        ("澄城县水务局", "participant", True), ("澄城县自然资源局", "participant", True),
        ("澄城县气象局", "participant", True), ("澄城县住房和城乡建设局", "participant", True),
        ("澄城县交通运输局", "participant", True), ("澄城县农业农村局", "participant", True),
        ("澄城县卫生健康局", "participant", True)}


def test_collectives_snap_to_the_addressees():
    """各省级部门 is the addressee 省级有关部门; 州、市 is the class 各州市."""
    t = task_with(YUNNAN, "州、市按時間節點")
    assert triples(t) == {("省级有关部门", "responsible", True), ("各州市", "responsible", True)}


def test_report_targets_are_recipients_not_actors():
    """报本级人民政府批准后…报省应急管理厅: the cities' governments and the department receive."""
    t = task_with(HEILONGJIANG, "報本級人民政府批准後")
    assert triples(t) == {("各市应急管理局", "responsible", True)}
    assert set(t["recipients"]) == {"黑龙江省应急管理厅", "各市人民政府"}


def test_an_authority_referred_to_is_not_an_actor():
    """结合省厅印发的《…指南》: the department wrote the guide; it does not act here."""
    t = task_with(HEILONGJIANG, "結合省廳印發的")
    assert triples(t) == {("各市应急管理局", "responsible", True)}


def test_enterprises_are_not_the_bureaus_actors():
    """由企业主要负责人做出承诺 / 督促企业…: the county bureau's work, inferred."""
    t = task_with(CHENGCHENG, "由企业主要负责人做出承诺")
    assert triples(t) == {("澄城县应急管理局", "responsible", False)}


def test_a_participating_title_makes_inferred_actors_participants():
    """配合做好远程监管平台建设: whoever is inferred takes part."""
    t = task_with(YUNNAN, "落實高危行業企業、城市生命線工程")
    assert {a["role"] for a in t["actors"]} == {"participant"}
    assert all(not a["explicit"] for a in t["actors"])


@pytest.mark.parametrize("meta, expected", [
    # a department's plan: the department and the addressees of its own system
    (Meta(title="2021年调查评估和统计工作要点", issuers=["山西省应急管理厅"], province="山西省",
          addressees=["各市应急管理局"]), ["山西省应急管理厅", "各市应急管理局"]),
    # a committee hands work to its addressees, less the catch-all 各有关单位
    (Meta(title="2019年度安全生产工作要点", issuers=["云南省安全生产委员会"], province="云南省",
          addressees=["各州市人民政府", "省级有关部门", "各有关单位"]), ["各州市人民政府", "省级有关部门"]),
    # a notice directs its addressees; so does a page with an addressee line and no title
    (Meta(title="关于做好2020年度安全生产监督检查计划工作的通知", issuers=["黑龙江省应急管理厅"],
          province="黑龙江省", addressees=["各市应急管理局"]), ["各市应急管理局"]),
    (Meta(title=None, issuers=["江西省安全生产监督管理局"], province="江西省",
          addressees=["各设区市安全生产监督管理局"]), ["各设区市安全生产监督管理局"]),
])
def test_default_actors_depend_on_the_issuer_and_the_genre(meta, expected):
    """Metadata of seeds 000, 001, 003 and devset d23 (as the gold records them)."""
    assert default_actors(meta) == expected
