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
