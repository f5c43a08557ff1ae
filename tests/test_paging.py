"""Keyset pages, sort keys and the aggregates a document write keeps (issue 13)."""

from __future__ import annotations

import copy
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.graph import paging, sortkeys
from policykg.graph import queries as Q
from policykg.graph.counts import counts
from policykg.graph.writer import delete_document, write_record, write_records

dates = st.one_of(st.none(), st.dates(dt.date(1850, 1, 1), dt.date(9999, 12, 30)).map(dt.date.isoformat))
ids = st.text(alphabet="0123456789abcdefABCxyz:-", min_size=0, max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.tuples(dates, dates, ids, st.integers(0, 999)), st.tuples(dates, dates, ids, st.integers(0, 999)))
def test_task_sort_key_never_decreases_along_the_order(a, b):
    """The index key is a monotone projection of the exact order: windows over it lose no row."""
    (sa, ka), (sb, kb) = [(sortkeys.task_sort_str(*x), sortkeys.task_sort_key(*x[:3])) for x in (a, b)]
    if sa < sb:
        assert ka <= kb
    assert 0 <= ka < 2**53


@settings(max_examples=300, deadline=None)
@given(st.tuples(dates, ids, st.integers(0, 99999)), st.tuples(dates, ids, st.integers(0, 99999)))
def test_deadline_and_document_keys_never_decrease_along_their_order(a, b):
    sa, sb = (sortkeys.deadline_sort_str(x[0], x[1], x[2], "d") for x in (a, b))
    if sa < sb:
        assert sortkeys.deadline_sort_key(*a) <= sortkeys.deadline_sort_key(*b)
    da, db = (sortkeys.document_sort_str(x[0], x[1]) for x in (a, b))
    if da < db:
        assert sortkeys.document_sort_key(a[0], a[1]) <= sortkeys.document_sort_key(b[0], b[1])


def _narrowed(order: str) -> tuple[list[int], list[int], int]:
    import random

    keys = sorted({(i * 7919) % 1_000_003 * 4096 for i in range(100_000)})
    scan = {"sorted": keys, "reversed": keys[::-1], "random": random.Random(3).sample(keys, len(keys))}[order]

    def read(_query, p):  # any order, like an unsorted LIMIT over an index range
        return [{"k": k} for k in scan if p["lo"] <= k < p["hi"]][: p["m"]]

    n = paging.narrow(read, "probe", {}, 0, 2**45, 50)
    return keys, [k for k in keys if n.lo <= k < n.hi], n.rounds


def test_narrowing_reads_a_few_samples_not_the_range():
    """In-memory 'store' of 100k keys: the final range holds every row before the page's
    last and fewer than the sample size; a scan in key order (or the reverse, the worst
    case for sampling) still narrows, by bisection."""
    for order, most in (("random", 6), ("sorted", 3), ("reversed", 64)):
        keys, inside, rounds = _narrowed(order)
        assert inside[:50] == keys[:50] and len(inside) < max(50 * paging.FANOUT, paging.MIN_SAMPLE), order
        assert rounds <= most, (order, rounds)


def _all_by_cursor(store, f: Q.Filters, limit: int) -> list[dict]:
    rows, cursor = [], None
    for _ in range(1000):
        page = Q.obligations_page(store, copy.copy(f), limit, 0, cursor)
        rows += page.rows
        cursor = page.next_cursor
        if not cursor:
            return rows
    raise AssertionError("pages never ended")


def _key(r: dict) -> tuple:
    return (r["task_id"], r["body_id"], r["role"])


def test_keyset_pages_are_the_offset_pages(corpus_store):
    for f in (Q.Filters(), Q.Filters(role="lead"), Q.Filters(sector="危险化学品"), Q.Filters(body="应急管理"),
              Q.Filters(status="none"), Q.Filters(due_before="2021-12-31"), Q.Filters(explicit=False),
              Q.Filters(role="responsible", region="山西省")):
        full, total = Q.obligations(corpus_store, copy.copy(f), limit=10_000)
        assert total == len(full)
        assert [_key(r) for r in _all_by_cursor(corpus_store, f, 7)] == [_key(r) for r in full], f
        page, _ = Q.obligations(corpus_store, copy.copy(f), limit=5, offset=3)
        assert [_key(r) for r in page] == [_key(r) for r in full[3:8]]


def test_obligation_order_is_earliest_deadline_then_newest_document(corpus_store):
    rows, _ = Q.obligations(corpus_store, Q.Filters(), limit=10_000)
    keys = [(r["due"] or sortkeys.FAR_FUTURE, sortkeys.inverted_date(r["document_date"]), r["document_id"],
             r["task_order"], r["body"]) for r in rows]
    assert keys == sorted(keys)


def test_documents_newest_first_in_pages(corpus_service):
    full = corpus_service.documents(100, 0)["items"]
    dates = [d["date"] or "" for d in full if d["date"]]
    assert dates == sorted(dates, reverse=True)
    assert [d["id"] for d in corpus_service.documents(2, 1)["items"]] == [d["id"] for d in full[1:3]]


def _recount(store) -> dict[str, int]:
    """What the aggregates must say, counted over the graph itself."""
    one = lambda q: store.read(q)[0]["n"]  # noqa: E731
    return {
        "ob": one("MATCH ()-[r:RESPONSIBLE_FOR]->() RETURN count(r) AS n"),
        "ob|role|lead": one("MATCH ()-[r:RESPONSIBLE_FOR {role: 'lead'}]->() RETURN count(r) AS n"),
        "docs": one("MATCH (d:Document) RETURN count(d) AS n"),
    }


def _stats(store) -> dict[str, int]:
    found = {r["key"]: r["n"] for r in store.read("MATCH (c:Stat) WHERE c.key IN ['ob', 'ob|role|lead', 'docs'] "
                                                  "RETURN c.key AS key, c.n AS n")}
    return {k: found.get(k, 0) for k in ("ob", "ob|role|lead", "docs")}


def _body_duties(store) -> dict[str, tuple]:
    stored = {r["key"]: (r["d"], r["l"]) for r in store.read(
        "MATCH (b:Body) WHERE b.duties > 0 RETURN b.key AS key, b.duties AS d, b.lead AS l")}
    counted = {r["key"]: (r["d"], r["l"]) for r in store.read(
        "MATCH (b:Body)-[r:RESPONSIBLE_FOR]->() WITH b, r RETURN b.key AS key, count(r) AS d, "
        "sum(CASE WHEN r.role = 'lead' THEN 1 ELSE 0 END) AS l")}
    return stored, counted


def test_aggregates_follow_writes_replaces_and_deletes(store, seed_records):
    recs = list(seed_records.values())
    write_records(store, recs[:3])
    assert _stats(store) == _recount(store)
    write_records(store, recs)  # three replaced, two new, one statement
    assert _stats(store) == _recount(store)
    assert _stats(store)["docs"] == 5
    stored, counted = _body_duties(store)
    assert stored == counted
    changed = copy.deepcopy(recs[1])
    changed["tasks"] = changed["tasks"][:3]
    write_record(store, changed)
    assert _stats(store) == _recount(store)
    assert delete_document(store, recs[0]["id"])
    assert _stats(store) == _recount(store)
    stored, counted = _body_duties(store)
    assert stored == counted
    # the matrices: province x sector cells count the tasks that are there, evidence included
    cells = {(r["region"], r["column"]): r for r in store.read(Q.SECTOR_MATRIX_BY_PROVINCE)}
    direct = store.read("MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:IN_SECTOR]->(s:Sector) "
                        "WHERE d.province IS NOT NULL WITH d.province AS p, s.name AS c, t "
                        "RETURN p, c, count(DISTINCT t) AS n, collect(DISTINCT t.id) AS ids")
    assert {(r["p"], r["c"]): r["n"] for r in direct} == {k: v["n"] for k, v in cells.items()}
    for r in direct:
        assert set(cells[(r["p"], r["c"])]["examples"]) <= set(r["ids"])


def test_a_batch_with_a_bad_record_writes_the_others(store, seed_records):
    from policykg.graph.records import InvalidRecord

    good = [seed_records["000"], seed_records["003"]]
    bad = copy.deepcopy(seed_records["001"])
    bad["tasks"][0]["targets"] = [{"text": "x", "value": {"bad": 1}, "unit": "个"}]
    results = write_records(store, [good[0], bad, good[1]])
    assert isinstance(results[1], InvalidRecord)
    assert [r.doc_id for r in (results[0], results[2])] == [good[0]["id"], good[1]["id"]]
    assert counts(store)["nodes"]["Document"] == 2
    assert _stats(store) == _recount(store)


def test_totals_say_when_they_are_exact(corpus_service):
    plain = corpus_service.obligations({}, 5, 0)
    assert plain["total_exact"] and plain["next_cursor"]
    combo = corpus_service.obligations({"body": "应急管理局", "q": "监督检查"}, 500, 0)
    assert combo["total_exact"] and combo["total"] == len(combo["items"])


def test_topic_finds_a_regions_roundup_practices(corpus_service, seed_records):
    """Bug: the topic query matched `p.text`, which practices do not have, so /compare?topic=
    never showed a region's practices; it now searches their quotes."""
    practice = next(p for p in seed_records["004"]["practices"] if p.get("quote"))
    topic = practice["quote"][:6]
    cols = corpus_service.topic_alignment(topic, [practice["region"]], 5)
    assert cols[0]["practices"] and all(topic in p["evidence"] for p in cols[0]["practices"])
