"""The API's queries on the seed corpus, with exact expected rows (both stores)."""

from __future__ import annotations

from policykg.graph import queries as Q


def test_obligation_total_counts_every_row(corpus_store, seed_records):
    rows, total = Q.obligations(corpus_store, Q.Filters(), limit=10_000)
    expected = sum(len(t["actors"]) for r in seed_records.values() for t in r["tasks"])
    assert total == len(rows) == expected


def test_who_must_report_by_2020_03_10_and_to_whom(corpus_store):
    rows, total = Q.obligations(corpus_store, Q.Filters(due_after="2020-03-10", due_before="2020-03-10"))
    assert total == 1
    (row,) = rows
    assert row["body"] == "各市应急管理局" and row["body_id"] == "黑龙江省|各市应急管理局"
    assert set(row["recipients"]) == {"黑龙江省应急管理厅", "各市人民政府"}
    assert "2020-03-10" in [d["date"] for d in row["deadlines"]]


def test_obligations_sorted_by_deadline(corpus_store):
    rows, _ = Q.obligations(corpus_store, Q.Filters(), limit=10)
    dues = [r["due"] for r in rows if r["due"]]
    assert dues == sorted(dues) and dues[0] == "2019-06-20"


def test_region_filter_includes_what_lies_below(corpus_store, seed_records):
    county = seed_records["002"]
    expected = sum(len(t["actors"]) for t in county["tasks"])
    for region in ("陕西省", "渭南市", "澄城县"):
        assert Q.obligations(corpus_store, Q.Filters(region=region))[1] == expected


def test_role_and_explicit_filters(corpus_store, seed_records):
    leads = {(f"{r['id']}:{t['id']}", a["name"]) for r in seed_records.values() for t in r["tasks"]
             for a in t["actors"] if a["role"] == "lead"}
    rows, _ = Q.obligations(corpus_store, Q.Filters(role="lead"), limit=1000)
    assert {(r["task_id"], r["body"]) for r in rows} == leads
    inferred, _ = Q.obligations(corpus_store, Q.Filters(explicit=False), limit=1000)
    assert inferred and all(r["explicit"] is False for r in inferred)


def test_deadline_status_as_of_a_date(corpus_store):
    def total(status):
        return Q.obligations(corpus_store, Q.Filters(status=status, as_of="2020-03-01"), limit=1)[1]

    recurring, _ = Q.obligations(corpus_store, Q.Filters(status="recurring"), limit=100)
    assert {r["title"] for r in recurring} >= {"定期开展安全生产监督检查计划执行情况调度"}
    assert total("due_within") >= 1  # 2020-03-10 is within 30 days of 2020-03-01
    overdue, _ = Q.obligations(corpus_store, Q.Filters(status="overdue", as_of="2020-03-01"), limit=100)
    assert overdue and all(any(d < "2020-03-01" for d in [x["date"] for x in r["deadlines"] if x["date"]])
                           for r in overdue)
    assert total("none") > total("recurring")


def test_a_bodys_duties_by_alias(corpus_store):
    rows, total = Q.obligations(corpus_store, Q.Filters(body="应急管理厅"), limit=500)
    assert total and {r["body"] for r in rows} <= {"山西省应急管理厅", "黑龙江省应急管理厅"}
    duties = corpus_store.read(Q.BODY_DUTIES, {"id": "山西省|山西省应急管理厅", "limit": 1000})
    assert len(duties) == len([r for r in rows if r["body"] == "山西省应急管理厅"])


def test_recipient_duties_of_yunnan_safety_committee_office(corpus_store, seed_records):
    rows = corpus_store.read(Q.BODY_RECEIVES, {"id": "云南省|云南省安全生产委员会办公室", "limit": 1000})
    expected = [t["title"] for t in seed_records["001"]["tasks"] if "云南省安全生产委员会办公室" in t["recipients"]]
    assert expected and [r["title"] for r in rows] == expected


def test_deadlines_in_a_window(corpus_store):
    rows = Q.deadlines(corpus_store, Q.Filters(due_after="2019-01-01", due_before="2019-12-31"))
    assert [r["date"] for r in rows] == ["2019-06-20", "2019-12-20"]
    assert all(r["document_title"] for r in rows)
    recurring = Q.deadlines(corpus_store, Q.Filters(status="recurring", body="应急管理局"))
    assert recurring and all(r["type"] == "recurring" and r["rrule"] for r in recurring)


def test_tasks_of_a_document_in_outline_order(corpus_store, seed_records):
    rec = seed_records["001"]
    rows = corpus_store.read(Q.DOCUMENT_TASKS, {"id": rec["id"]})
    assert [r["task"]["local_id"] for r in rows] == [t["id"] for t in rec["tasks"]]
    assert [r["task"]["path"] for r in rows] == [t["path"] for t in rec["tasks"]]
    # every field of every task comes back, with its evidence offsets (bug: on FalkorDB the
    # comprehensions after the first that reused a variable name returned nothing)
    for row, task in zip(rows, rec["tasks"]):
        assert sorted(x["name"] for x in row["recipients"]) == sorted(task["recipients"]), task["id"]
        assert sorted(x["value"] for x in row["targets"]) == sorted(t["value"] for t in task["targets"]), task["id"]
        assert sorted(x["name"] for x in row["sector_marks"]) == sorted(task["sectors"]), task["id"]
        assert all(x["start"] is not None for x in row["sector_marks"] + row["recipients"]), task["id"]
    assert sum(len(r["recipients"]) for r in rows) and sum(len(r["targets"]) for r in rows)


def test_region_by_sector_counts(corpus_store, seed_records):
    m = Q.matrix(corpus_store.read(Q.SECTOR_MATRIX_BY_PROVINCE))
    for key, rec in seed_records.items():
        prov = rec["meta"]["province"]
        if not prov:
            continue
        for sector in {s for t in rec["tasks"] for s in t["sectors"]}:
            n = sum(sector in t["sectors"] for t in rec["tasks"])
            assert m["counts"][m["regions"].index(prov)][m["columns"].index(sector)] == n, (prov, sector)


def test_region_by_mechanism_counts(corpus_store, seed_records):
    practices = seed_records["004"]["practices"]
    m = Q.matrix(corpus_store.read(Q.MECHANISM_MATRIX, {"regions": []}))
    assert sorted(m["regions"]) == sorted({p["region"] for p in practices})
    for p in practices:
        for mech in p["mechanisms"]:
            assert m["counts"][m["regions"].index(p["region"])][m["columns"].index(mech)] == 1


def test_every_query_is_valid_neo4j_cypher():
    """Neo4j's own linter, offline: the production store's path is checked without a server."""
    from policykg.graph import cypher, cypherlint
    from policykg.graph.dialect import vector_call
    from policykg.graph.writer import write_statement

    statements = Q.all_statements() + cypher.all_statements() + [write_statement("neo4j")]
    statements.append(vector_call("neo4j", 10) + " RETURN node.id AS id, score")
    statements += service_statements()
    cypherlint.assert_clean(statements)


def service_statements() -> list[str]:
    """The statements the API layer keeps beside its code (api/service.py): linted too (the
    text filter's candidate lookup, TASKS_CONTAINING_AMONG, was written there)."""
    from policykg.api import service

    found = [v for k, v in vars(service).items() if k.isupper() and isinstance(v, str) and "RETURN" in v]
    assert "TASKS_CONTAINING_AMONG" in vars(service) and service.TASKS_CONTAINING_AMONG in found
    return found
