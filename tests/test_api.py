"""The HTTP API on the seed corpus: exact answers to the questions users ask."""

from __future__ import annotations

import io

import pytest


def test_who_must_report_by_2020_03_10_and_to_whom(api_client):
    r = api_client.get("/obligations", params={"due_after": "2020-03-10", "due_before": "2020-03-10"})
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 1
    row = body["items"][0]
    assert (row["body"], row["role"]) == ("各市应急管理局", "responsible")
    assert set(row["recipients"]) == {"黑龙江省应急管理厅", "各市人民政府"}
    assert row["region"] == "黑龙江省"
    assert row["evidence"] and row["location"]["start"] < row["location"]["end"]


def test_traditional_query_gives_the_same_rows(api_client):
    simp = api_client.get("/obligations", params={"body": "应急管理局", "q": "监督检查"}).json()
    trad = api_client.get("/obligations", params={"body": "應急管理局", "q": "監督檢查"}).json()
    assert simp["total"] > 0 and simp == trad


def test_sector_synonym_and_region_short_name(api_client):
    a = api_client.get("/obligations", params={"sector": "危化品", "region": "山西"}).json()
    b = api_client.get("/obligations", params={"sector": "危险化学品", "region": "山西省"}).json()
    assert a["total"] > 0 and a == b


def test_pagination(api_client):
    full = api_client.get("/obligations", params={"limit": 500}).json()
    page = api_client.get("/obligations", params={"limit": 10, "offset": 10}).json()
    assert page["total"] == full["total"] and page["items"] == full["items"][10:20]


def test_duties_of_yunnan_safety_committee_office_as_recipient(api_client, seed_records):
    bodies = api_client.get("/bodies", params={"q": "安全生产委员会办公室"}).json()["items"]
    body_id = next(b["id"] for b in bodies if b["name"] == "云南省安全生产委员会办公室")
    detail = api_client.get(f"/bodies/{body_id}").json()
    expected = [t["title"] for t in seed_records["001"]["tasks"] if "云南省安全生产委员会办公室" in t["recipients"]]
    assert [r["title"] for r in detail["receives"]] == expected
    assert all(r["senders"] for r in detail["receives"])


def test_a_bodys_duties_grouped_by_document(api_client):
    detail = api_client.get("/bodies/山西省|山西省应急管理厅").json()
    assert detail["counts"]["total"] == sum(len(g["duties"]) for g in detail["documents"]) > 0
    assert [g["document_title"] for g in detail["documents"]] == ["2021年调查评估和统计工作要点"]
    assert detail["issued"][0]["document_title"] == "2021年调查评估和统计工作要点"


def test_document_view_has_outline_tasks_and_marked_original(api_client, seed_records):
    rec = seed_records["003"]
    d = api_client.get(f"/documents/{rec['id']}").json()
    assert d["meta"]["doc_number"] == "黑应急发〔2020〕9号"
    assert [t["local_id"] for t in d["tasks"]] == [t["id"] for t in rec["tasks"]]
    assert [n["path"] for n in d["outline"]][:2] == [["一"], ["二"]] or d["outline"][0]["children"]
    text = d["original_text"]
    assert text == rec["original_text"]
    kinds = {s["kind"] for s in d["spans"]}
    assert {"task", "actor", "deadline"} <= kinds
    deadline = next(s for s in d["spans"] if s["kind"] == "deadline" and "3月10日" in text[s["start"]:s["end"]])
    assert deadline["label"] == "3月10日前"


def test_breakdown_of_seed_000_as_xlsx(api_client, seed_records):
    from openpyxl import load_workbook

    rec = seed_records["000"]
    r = api_client.get(f"/documents/{rec['id']}/breakdown", params={"format": "xlsx"})
    assert r.status_code == 200 and "spreadsheetml" in r.headers["content-type"]
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "2021年调查评估和统计工作要点任务分工"
    assert rows[1][:2] == ("序号", "重点任务")
    assert [row[1] for row in rows[2:]] == [t["title"] for t in rec["tasks"]]
    assert all(row[2] for row in rows[2:])  # every task has a responsible unit


@pytest.mark.parametrize("fmt,marker", [("csv", "序号".encode("utf-8")), ("md", "| 序号".encode()),
                                        ("docx", b"PK")])
def test_breakdown_formats(api_client, seed_records, fmt, marker):
    r = api_client.get(f"/documents/{seed_records['002']['id']}/breakdown", params={"format": fmt})
    assert r.status_code == 200 and marker in r.content[:400]


def test_deadline_feed_is_valid_icalendar_with_rrules(api_client):
    from icalendar import Calendar

    r = api_client.get("/deadlines.ics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(r.content).walk("VEVENT")
    assert any(str(e["dtstart"].dt) == "2020-03-10" for e in events)
    assert any("RRULE" in e for e in events)


def test_compare_matrices_and_topic_alignment(api_client):
    r = api_client.get("/compare", params={"regions": "山西省,黑龙江省,云南省", "topic": "事故调查"}).json()
    assert r["sectors"]["regions"] == ["山西省", "黑龙江省", "云南省"]
    assert len(r["sectors"]["counts"]) == 3
    cols = {c["region"]: c for c in r["topic_tasks"]}
    assert cols["山西省"]["tasks"], "Shanxi's accident-investigation tasks"
    mech = api_client.get("/compare").json()["mechanisms"]
    assert "湖南省" in mech["regions"] and sum(map(sum, mech["counts"])) > 0


def test_search_finds_paraphrased_tasks(api_client):
    r = api_client.get("/search", params={"q": "危化品企业搬迁"}).json()
    assert r["mode"] == "hybrid" and r["items"]
    assert any("搬迁" in (h["title"] + h["text"]) for h in r["items"][:5])
    trad = api_client.get("/search", params={"q": "危化品企業搬遷"}).json()
    assert [h["task_id"] for h in trad["items"]] == [h["task_id"] for h in r["items"]]


def test_similar_tasks_in_other_regions(api_client, seed_records):
    task_id = f"{seed_records['000']['id']}:{seed_records['000']['tasks'][0]['id']}"
    r = api_client.get(f"/tasks/{task_id}/similar", params={"other_regions": "true"}).json()
    assert r["items"] and all(h["province"] != "山西省" for h in r["items"])


@pytest.mark.parametrize("url,status", [
    ("/documents/unknown", 404), ("/bodies/unknown", 404), ("/tasks/unknown/similar", 404),
    ("/obligations?due_after=2021-01-01&due_before=2020-01-01", 422), ("/obligations?role=boss", 422),
    ("/obligations?due_before=not-a-date", 422), ("/documents/x/breakdown?format=pdf", 422)])
def test_errors_are_json_with_a_message(api_client, url, status):
    r = api_client.get(url)
    assert r.status_code == status and r.json()["detail"]


def test_writes_are_refused_without_a_configured_token(api_client, monkeypatch):
    monkeypatch.delenv("POLICYKG_API_TOKEN", raising=False)
    r = api_client.post("/documents", files={"file": ("a.txt", b"x")})
    assert r.status_code == 403
    assert api_client.delete("/documents/anything").status_code == 403


@pytest.fixture
def write_client(store, monkeypatch, tmp_path):
    """An API over an empty graph of its own, with a write token configured."""
    from fastapi.testclient import TestClient

    from policykg.api.app import create_app
    from policykg.api.service import Service

    monkeypatch.setenv("POLICYKG_API_TOKEN", "s3cret")
    monkeypatch.setenv("POLICYKG_DATA", str(tmp_path))
    with TestClient(create_app(Service(store, None))) as client:
        yield client


def test_upload_then_delete_a_document(write_client, seed_path):
    auth = {"Authorization": "Bearer s3cret"}
    data = seed_path("003").read_bytes()
    assert write_client.post("/documents", files={"file": ("c.txt", data)}).status_code == 401
    r = write_client.post("/documents", files={"file": ("c.txt", data)}, headers=auth)
    assert r.status_code == 201, r.text
    doc_id = r.json()["id"]
    assert write_client.get(f"/documents/{doc_id}").json()["meta"]["title"] == "关于做好2020年度安全生产监督检查计划工作的通知"
    assert write_client.post("/documents", files={"file": ("c.txt", data)}, headers=auth).json()["replaced"]
    assert write_client.delete(f"/documents/{doc_id}", headers=auth).status_code == 200
    assert write_client.get(f"/documents/{doc_id}").status_code == 404


@pytest.mark.parametrize("name,data,status", [
    ("a.exe", b"MZ...", 415), ("empty.txt", b"", 422), ("bin.txt", bytes(range(256)) * 8, 422)])
def test_bad_uploads_get_a_clear_error(write_client, name, data, status):
    r = write_client.post("/documents", files={"file": (name, data)}, headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == status and r.json()["detail"]


def test_too_large_upload(write_client, monkeypatch):
    import policykg.api.app as app_module

    monkeypatch.setattr(app_module, "MAX_UPLOAD", 1000)
    r = write_client.post("/documents", files={"file": ("big.txt", "安全".encode() * 1000)},
                          headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 413


def test_store_down_is_503(tmp_path):
    from fastapi.testclient import TestClient

    from policykg.api.app import create_app
    from policykg.api.service import Service
    from policykg.graph.embedded import stop_embedded
    from policykg.graph.falkor_store import FalkorStore

    store = FalkorStore.embedded(tmp_path / "g")
    store.ensure_schema()
    client = TestClient(create_app(Service(store, None)))
    assert client.get("/documents").status_code == 200
    stop_embedded(tmp_path / "g")
    r = client.get("/obligations")
    assert r.status_code == 503 and "unavailable" in r.json()["detail"]


# --- regressions found by the OpenAPI fuzzer (tests/test_openapi_fuzz.py) -------------------


def test_a_bad_date_range_is_a_422_in_fastapis_shape(api_client):
    """The operation's description promises FastAPI's list of errors for every 422."""
    r = api_client.get("/obligations", params={"due_after": "2021-01-01", "due_before": "2020-01-01"})
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert isinstance(detail, list) and len(detail) == 1, detail
    err = detail[0]
    assert err["loc"] == ["query", "due_after"] and "later than due_before" in err["msg"]


@pytest.mark.parametrize("param,value", [("due_after", "20200101"), ("due_before", "0"), ("as_of", "1700000000")])
def test_dates_must_be_iso_not_unix_timestamps(api_client, param, value):
    """Pydantic's lax parsing read digits as a Unix timestamp: 20200101 meant 1970-08-23."""
    r = api_client.get("/obligations", params={param: value})
    assert r.status_code == 422 and "YYYY-MM-DD" in r.json()["detail"][0]["msg"]


def test_documents_offset_beyond_64_bits_is_a_422_not_store_down(api_client):
    r = api_client.get("/documents", params={"offset": 7356435567660584915659210620928})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "offset"]


@pytest.mark.parametrize("url", [
    "/compare?topic=a%00b", "/compare?regions=%00", "/obligations?body=%00", "/bodies?q=a%00",
    "/search?q=a%00b", "/bodies/a%00b", "/documents/a%00b", "/documents/a%00b/breakdown", "/tasks/a%00b/similar"])
def test_nul_in_text_is_a_422_not_store_down(api_client, url):
    """FalkorDB cut the parameter at NUL and failed to parse the query: a 503 blaming the store."""
    r = api_client.get(url)
    assert r.status_code == 422 and "NUL" in r.json()["detail"][0]["msg"]


def test_every_status_the_app_answers_is_in_its_description(api_client):
    """404s, refused writes, 413/415 and 503 were undocumented, and the breakdown files and
    the calendar were described as JSON: clients generated from the description broke."""
    paths = api_client.get("/openapi.json").json()["paths"]
    codes = {(m.upper(), p): set(op["responses"]) for p, ops in paths.items() for m, op in ops.items()}
    assert all("503" in c for c in codes.values())
    for op in [("GET", "/bodies/{body_id}"), ("GET", "/documents/{doc_id}"), ("GET", "/documents/{doc_id}/breakdown"),
               ("GET", "/tasks/{task_id}/similar"), ("DELETE", "/documents/{doc_id}")]:
        assert "404" in codes[op], op
    assert {"401", "403", "413", "415", "422"} <= codes[("POST", "/documents")]
    assert {"401", "403"} <= codes[("DELETE", "/documents/{doc_id}")]
    breakdown = paths["/documents/{doc_id}/breakdown"]["get"]["responses"]["200"]["content"]
    assert {"application/json", "text/csv", "text/markdown"} <= set(breakdown)
    assert set(paths["/deadlines.ics"]["get"]["responses"]["200"]["content"]) == {"text/calendar"}


@pytest.mark.parametrize("token,status", [(None, 403), ("s3cret", 401)])
def test_a_write_is_refused_before_its_body_is_read(api_client, monkeypatch, token, status):
    """A malformed multipart body answered 400 before the token was checked: FastAPI reads the
    body before running dependencies, so anyone could make the server spool a whole upload."""
    if token:
        monkeypatch.setenv("POLICYKG_API_TOKEN", token)
    else:
        monkeypatch.delenv("POLICYKG_API_TOKEN", raising=False)
    before = api_client.get("/documents").json()["total"]
    r = api_client.post("/documents", content=b"not multipart", headers={
        "Content-Type": "multipart/form-data", "Authorization": "Bearer wrong"})
    assert r.status_code == status and r.json()["detail"]
    assert api_client.get("/documents").json()["total"] == before


@pytest.mark.parametrize("url", ["/obligations?as_of=9999-12-31", "/deadlines?as_of=9999-12-20&within_days=30",
                                 "/deadlines.ics?as_of=9999-12-31&status=due_within", "/search?q=a&as_of=9999-12-31"])
def test_as_of_at_the_end_of_the_calendar_is_a_422_not_a_crash(api_client, url):
    """The queries compute as_of + within_days, which overflowed Python's dates (a 500)."""
    r = api_client.get(url)
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "as_of"]
    assert api_client.get("/obligations", params={"as_of": "9999-12-31", "within_days": 0}).status_code == 200


def test_a_stray_slash_in_a_region_is_not_a_region(api_client):
    """`山西/` compared an empty-named region ("" column) instead of 山西省."""
    r = api_client.get("/compare", params={"regions": "山西/,黑龙江省"}).json()
    assert r["regions"] == r["sectors"]["regions"] == ["山西省", "黑龙江省"]
    everywhere = api_client.get("/compare").json()["regions"]
    assert api_client.get("/compare", params={"regions": "/"}).json()["regions"] == everywhere


def test_store_errors_are_told_apart():
    """A parameter the store cannot take is the caller's 422; a statement the store rejects is
    our fault (500); only an unreachable store is 503 (all three were 503)."""
    from policykg.api.service import BadInput, QueryFailed, StoreDown, store_failure
    from policykg.graph.store import BadParameter, QueryError, StoreError

    assert isinstance(store_failure(BadParameter("parameter q: text contains a NUL character")), BadInput)
    assert isinstance(store_failure(QueryError("errMsg: Invalid input at end of input")), QueryFailed)
    assert isinstance(store_failure(StoreError("cannot connect to the embedded FalkorDB")), StoreDown)


def test_deadline_window_at_the_end_of_the_calendar_is_clamped():
    from policykg.graph.queries import Filters

    assert Filters(as_of="9999-12-30", within_days=30).params()["within_end"] == "9999-12-31"


def test_multi_file_upload_answers_per_file(write_client, seed_path):
    """Several files in one request: each gets its own result, a bad one does not stop the rest."""
    files = [("file", ("c.txt", seed_path("003").read_bytes())), ("file", ("empty.txt", b"")),
             ("file", ("a.exe", b"MZ..."))]
    r = write_client.post("/documents", files=files, headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 200, r.text
    results = {x["file"]: x for x in r.json()["results"]}
    assert results["c.txt"]["status"] == 201 and results["c.txt"]["id"]
    assert results["empty.txt"]["status"] == 422 and "empty" in results["empty.txt"]["detail"]
    assert results["a.exe"]["status"] == 415


# --- issue 14: what the page needs to word errors, short forms, topics ----------------------


def test_refusals_carry_a_code_and_the_values_the_page_words(write_client, monkeypatch):
    """The page shows its own Chinese message for each refusal (never `detail`): the body says which."""
    import policykg.api.app as app_module
    from policykg.ingest.readers import SUPPORTED_LIST

    auth = {"Authorization": "Bearer s3cret"}
    r = write_client.post("/documents", files={"file": ("a.exe", b"MZ")}, headers=auth)
    assert r.status_code == 415 and r.json() | {"detail": ""} == {
        "detail": "", "code": "unsupported", "ext": ".exe", "accepted": SUPPORTED_LIST}
    r = write_client.post("/documents", files={"file": ("空.txt", b"")}, headers=auth)
    assert r.status_code == 422 and (r.json()["code"], r.json()["file"]) == ("empty", "空.txt")
    monkeypatch.setattr(app_module, "MAX_UPLOAD", 3 * 1024 * 1024)
    r = write_client.post("/documents", files={"file": ("big.txt", b"x" * (3 * 1024 * 1024 + 1))}, headers=auth)
    assert r.status_code == 413 and (r.json()["code"], r.json()["limit_mb"]) == ("too_large", 3)
    assert write_client.post("/documents", files={"file": ("a.txt", b"x")}).json()["code"] == "write_refused"
    assert write_client.get("/documents/unknown").json()["code"] == "document_not_found"


def test_store_down_names_no_socket_or_path(tmp_path):
    from fastapi.testclient import TestClient

    from policykg.api.app import create_app
    from policykg.api.service import Service
    from policykg.graph.embedded import stop_embedded
    from policykg.graph.falkor_store import FalkorStore

    store = FalkorStore.embedded(tmp_path / "g")
    store.ensure_schema()
    client = TestClient(create_app(Service(store, None)))
    stop_embedded(tmp_path / "g")
    body = client.get("/obligations").json()
    assert body["code"] == "store_down" and str(tmp_path) not in body["detail"] and "sock" not in body["detail"]


def test_keyword_filter_finds_short_and_full_forms(api_client):
    """危化品 = 危险化学品: the keyword filter matched only the literal form."""
    short = api_client.get("/obligations", params={"q": "危化品", "limit": 500}).json()
    full = api_client.get("/obligations", params={"q": "危险化学品", "limit": 500}).json()
    assert short["total"] == full["total"] > 0
    assert {i["task_id"] for i in short["items"]} == {i["task_id"] for i in full["items"]}


def test_topic_tasks_are_only_those_on_the_topic(api_client):
    r = api_client.get("/compare", params={"regions": "山西省,黑龙江省,云南省", "topic": "煤矿"}).json()
    cols = {c["region"]: c for c in r["topic_tasks"]}
    assert cols["山西省"]["tasks"] == [] and cols["黑龙江省"]["tasks"] == []
    yunnan = cols["云南省"]["tasks"]
    assert yunnan and all(t["matched"] == ["煤矿"] and 0 < t["relevance"] <= 100 for t in yunnan)
    assert [t["relevance"] for t in yunnan] == sorted((t["relevance"] for t in yunnan), reverse=True)
    assert all("深化非煤矿山专项整治" != t["title"] for t in yunnan)


def test_rows_carry_time_limits_and_recipients_in_text_order(api_client):
    rows = api_client.get("/obligations", params={"due_after": "2020-03-10", "due_before": "2020-03-10"}).json()["items"]
    assert rows[0]["time_limits"][0] == {"text": "3月10日前", "date": "2020-03-10", "cadence": None}
    items = api_client.get("/deadlines").json()["items"]
    assert all("recipients" in x and "time_limit" in x for x in items)
    assert any(x["recipients"] for x in items)


def test_a_deadline_rows_wording_and_recipients_come_from_its_one_read(corpus_service):
    """Issue 13: the deadline page read 500 tasks' whole texts and recipients a second time to word
    each limit. The row now carries the few characters after its limit and the recipients of tasks
    that have any (Task.recipient_count); the wording and recipients are those the whole text and
    the REPORTS_TO walk give, row for row, on the seed corpus."""
    from policykg.api.service import recipient_names
    from policykg.api.wording import time_limits

    svc = corpus_service
    rows = svc.deadlines({}, 500)["items"]
    facts = svc.task_facts([r["task_id"] for r in rows])
    assert rows and any(r["recipients"] for r in rows)
    for r in rows:
        fact = facts[r["task_id"]]
        whole = time_limits([r], fact["text"] or "", phrases=False)
        assert r["time_limit"] == (whole[0].as_dict() if whole else None)
        assert r["recipients"] == recipient_names(fact["recipients"] or [])
    counts = {x["id"]: x["n"] for x in svc.store.read(
        "MATCH (t:Task) WHERE t.id IN $ids RETURN t.id AS id, t.recipient_count AS n", {"ids": list(facts)})}
    assert all(counts[i] == len(facts[i]["recipients"] or []) for i in facts)


def test_a_county_body_whose_key_holds_slashes_is_found_by_its_quoted_key(api_client):
    """Bug found by the 10k load run (bench/README.md, issue 15): /bodies listed
    陕西省/渭南市/澄城县|澄城县应急管理局 but /bodies/<its key quoted> answered 404, because the
    server decodes %2F before routing and the path no longer matched /bodies/{body_id}."""
    from urllib.parse import quote

    bodies = api_client.get("/bodies", params={"q": "澄城县应急管理局"}).json()["items"]
    body_id = next(b["id"] for b in bodies if "/" in b["id"])
    for path in (f"/bodies/{quote(body_id, safe='')}", f"/bodies/{quote(body_id, safe='/')}"):
        r = api_client.get(path)
        assert r.status_code == 200, path
        assert r.json()["counts"]["total"] > 0


def test_a_search_never_waits_on_a_long_index_build(corpus_service, monkeypatch):
    """Issue 15, 100 clients on the 10k graph: searches waited for the in-process search index
    (tens of seconds to build after a start or a write), holding every server thread. Now the
    index of the graph before the last write answers while the new one builds, and with no
    index at all the search is told to come back (503, Retry-After) instead of waiting."""
    import threading
    import time

    from policykg.api import search as search_module
    from policykg.api.service import IndexBuilding, Service

    svc = Service(corpus_service.store, corpus_service.embedder)
    real_build = search_module.SearchIndex.load_or_build_aside
    release = threading.Event()

    def slow_build(*args, **kwargs):
        release.wait(30)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(svc, "INDEX_WAIT_FIRST", 0.2)
    monkeypatch.setattr(svc, "INDEX_WAIT_STALE", 0.2)
    monkeypatch.setattr(search_module.SearchIndex, "load_or_build_aside", slow_build)
    t0 = time.monotonic()
    with pytest.raises(IndexBuilding):
        svc.search("隐患排查", {})
    assert time.monotonic() - t0 < 5
    release.set()
    deadline = time.monotonic() + 30
    while svc._search is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert svc.search("隐患排查", {})["items"]
    # the graph changed since (the index's version is not the store's): the index answers
    # while the new one builds
    release.clear()
    monkeypatch.setattr(svc._search, "key", ("an older version",))
    t0 = time.monotonic()
    assert svc.search("隐患排查", {})["items"]
    assert time.monotonic() - t0 < 5
    release.set()


def test_an_index_build_answers_503_with_retry_after(api_client, corpus_service, monkeypatch):
    """The page says the search index is being built (code index_building), not that the
    store is down."""
    from policykg.api.service import IndexBuilding

    def building(*args, **kwargs):
        raise IndexBuilding("the search index is being built; retry in a few seconds")

    monkeypatch.setattr(corpus_service, "search_index", building)
    r = api_client.get("/search", params={"q": "隐患排查"})
    assert r.status_code == 503 and r.json()["code"] == "index_building"
    assert r.headers["Retry-After"] == "5"


def test_a_saved_search_index_is_loaded_not_rebuilt(corpus_service, monkeypatch):
    """Issue 13 (restart that does not rebuild what it can load) and 15 (each API process
    rebuilt the index after every start): an index saved beside the graph for its version is
    loaded, and ranks exactly as the one built."""
    from policykg.api.search import SearchIndex
    from policykg.api.service import VERSION

    store = corpus_service.store
    key = tuple(r["version"] for r in store.read(VERSION))
    built = SearchIndex.load_or_build(store, None, key, store.data)

    def no_build(*args, **kwargs):
        raise AssertionError("rebuilt although an index of this version was saved")

    monkeypatch.setattr(SearchIndex, "build", no_build)
    loaded = SearchIndex.load_or_build(store, None, key, store.data)
    for q in ("隐患排查治理", "危化品", "森林防火"):
        assert loaded.search(q) == built.search(q)
    assert loaded.regions == built.regions
    # the data folder is this user's only (issue 15 item 7): 700 folders, 600 files
    for path in [store.data / "search-index", *(store.data / "search-index").rglob("*")]:
        assert path.stat().st_mode & 0o777 == (0o700 if path.is_dir() else 0o600), path


def test_a_large_index_takes_writes_as_a_delta_and_ranks_as_a_rebuild(corpus_service, monkeypatch):
    """Issue 15 (an upload beside 100 clients on the 10k graph: the whole index was rebuilt,
    read p95 4× slower): tasks written since the index was built are scored by a delta against
    its statistics, deleted ones are masked, and the ranking is the rebuilt index's."""
    from policykg.api import search as search_module
    from policykg.api.search import SearchIndex
    from policykg.api.service import VERSION
    from policykg.graph.queries import TASK_TEXTS
    from policykg.nlp.lexical import LexicalIndex

    monkeypatch.setattr(search_module, "ASIDE_FROM_TASKS", 1)
    store = corpus_service.store
    key = tuple(r["version"] for r in store.read(VERSION))
    rebuilt = SearchIndex.build(store, None, key)
    rows = store.read(TASK_TEXTS)
    later = {r["id"] for r in rows if r["id"].startswith(rows[-1]["id"].split("-")[0])}  # one document's tasks
    kept = [r for r in rows if r["id"] not in later]
    ids = [r["id"] for r in kept] + ["gone-01"]
    texts = [(r["title"] or "") + "\n" + (r["text"] or "") for r in kept] + ["已删除的任务 隐患排查 危化品"]
    base = SearchIndex(store, None, ("older",), LexicalIndex(ids, texts), ids,
                       {**{r["id"]: r["regions"] or [] for r in kept}, "gone-01": []},
                       {tid: i for i, tid in enumerate(ids)})
    fresh = base.with_changes(store, key)
    assert fresh is not None and set(fresh.delta.ids) == later and fresh.removed == {"gone-01"}
    assert fresh.size == rebuilt.size and fresh.has(next(iter(later))) and not fresh.has("gone-01")
    for q in ("隐患排查治理", "危化品", "森林防火", "应急预案演练", "汛期"):
        got = [tid for tid, _, _ in fresh.search(q, limit=10)]
        assert "gone-01" not in got
        assert got[:5] == [tid for tid, _, _ in rebuilt.search(q, limit=10)][:5], q

    def no_build(*args, **kwargs):
        raise AssertionError("rebuilt although a delta would do")

    monkeypatch.setattr(SearchIndex, "build", no_build)
    served = SearchIndex.load_or_build_aside(store, None, ("a version nobody saved",), current=base)
    assert served.delta is not None and set(served.delta.ids) == later


def test_a_delta_reads_the_documents_written_since_the_build_not_every_id(corpus_service, monkeypatch):
    """At 10,000 documents reading every task id cost 0.3 s in each API process after each
    upload: when the task count shows nothing was deleted, only the documents written since the
    index was built are read."""
    from policykg.api import search as search_module
    from policykg.api.search import SearchIndex
    from policykg.graph.queries import TASK_IDS, TASK_TEXTS
    from policykg.nlp.lexical import LexicalIndex

    monkeypatch.setattr(search_module, "ASIDE_FROM_TASKS", 1)
    store = corpus_service.store
    rows = store.read(TASK_TEXTS)
    later = {r["id"] for r in rows if r["id"].startswith(rows[-1]["id"].split("-")[0])}
    kept = [r for r in rows if r["id"] not in later]
    ids = [r["id"] for r in kept]
    base = SearchIndex(store, None, ("older",), LexicalIndex(ids, [(r["title"] or "") + "\n" + r["text"] for r in kept]),
                       ids, {r["id"]: r["regions"] or [] for r in kept}, {tid: i for i, tid in enumerate(ids)},
                       built_at="2000-01-01T00:00:00+00:00")
    real_read = store.read

    def read(query, params=None):
        assert query != TASK_IDS, "every id was read although nothing was deleted"
        return real_read(query, params)

    monkeypatch.setattr(store, "read", read)
    fresh = base.with_changes(store, ("newer",))
    assert set(fresh.delta.ids) == later and not fresh.removed
