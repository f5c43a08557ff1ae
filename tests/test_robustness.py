"""Regression tests for issue 15's defects (1-8), each failing before its fix.

The slower fault-injection scenarios (kill -9 during writes, a full disk, bombs and huge
files through the running service and the CLI) are in tests/test_faults.py."""

from __future__ import annotations

import io
import os
import signal
import socket
import stat
import threading
import time
import zipfile

import httpx
import pytest

from servers import distinct_circulars, thread_server

TOKEN = "s3cret"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A data folder with its own embedded store, and the write token set."""
    from policykg.graph.embedded import stop_embedded
    from policykg.graph.falkor_store import FalkorStore

    data = tmp_path / "data"
    monkeypatch.setenv("POLICYKG_DATA", str(data))
    monkeypatch.setenv("POLICYKG_API_TOKEN", TOKEN)
    store = FalkorStore.embedded(data)
    store.ensure_schema()
    yield data, store
    store.close()
    stop_embedded(data)


def app_over(store):
    from policykg.api.app import create_app
    from policykg.api.service import Service

    return create_app(Service(store, None))


def numbered_lines(n: int, line: str = "各单位要按时报送材料。") -> bytes:
    return ("关于报送材料的通知\n" + "\n".join(f"{i}. {line}" for i in range(1, n + 1))).encode()


# ---------------------------------------------------------------- 2: uploads off the event loop
def test_reads_are_answered_while_an_upload_is_extracted(fresh):
    """A long upload used to run inline in the async route: /health waited for it."""
    _, store = fresh
    with thread_server(app_over(store)) as url:
        done: dict[str, float] = {}

        def upload():
            r = httpx.post(url + "/documents", files={"file": ("long.txt", numbered_lines(20_000))},
                           headers=AUTH, timeout=300)
            done["upload"] = time.monotonic()
            done["status"] = r.status_code

        t = threading.Thread(target=upload)
        t.start()
        time.sleep(1.0)  # the upload is being extracted (≈6 s for 20,000 lines)
        assert "upload" not in done
        assert httpx.get(url + "/health", timeout=300).status_code == 200
        done["health"] = time.monotonic()
        t.join(300)
        assert done["status"] == 201
        assert done["health"] < done["upload"], "a read waited for the upload"


# ---------------------------------------------------------------- 3: a budget per document
def test_extraction_over_its_time_budget_is_refused_and_the_next_file_is_read(fresh, monkeypatch, seed_path):
    monkeypatch.setenv("POLICYKG_EXTRACT_TIMEOUT", "2")
    _, store = fresh
    from fastapi.testclient import TestClient

    with TestClient(app_over(store)) as client:
        t = time.monotonic()
        r = client.post("/documents", files={"file": ("long.txt", numbered_lines(20_000))}, headers=AUTH)
        assert r.status_code == 422 and r.json()["code"] == "timeout", r.text
        assert time.monotonic() - t < 60
        r = client.post("/documents", files={"file": ("c.txt", seed_path("003").read_bytes())}, headers=AUTH)
        assert r.status_code == 201, r.text


def test_a_million_short_lines_are_refused_at_once(fresh, tmp_path):
    """18 MB of numbered lines pinned a core for minutes: plain text had no character limit."""
    _, store = fresh
    from fastapi.testclient import TestClient

    with TestClient(app_over(store)) as client:
        t = time.monotonic()
        r = client.post("/documents", files={"file": ("m.txt", numbered_lines(1_000_000, "报送。"))}, headers=AUTH)
        assert r.status_code == 422 and r.json()["code"] == "too_large", r.text
        assert "characters" in r.json()["detail"]
        assert time.monotonic() - t < 30


def test_tasks_over_the_budget_are_refused(fresh, monkeypatch, seed_path):
    monkeypatch.setenv("POLICYKG_MAX_TASKS", "3")
    _, store = fresh
    from fastapi.testclient import TestClient

    with TestClient(app_over(store)) as client:
        r = client.post("/documents", files={"file": ("c.txt", seed_path("001").read_bytes())}, headers=AUTH)
        assert r.status_code == 422 and r.json()["code"] == "too_large" and "tasks" in r.json()["detail"]


# ---------------------------------------------------------------- 4: bombs
def docx_bomb(mb: int = 60) -> bytes:
    """A real .docx whose document.xml holds `mb` MB of empty paragraphs (≈10 M elements),
    a few hundred KB zipped (the shape of issue 15's 3.4 MB bomb)."""
    from docx import Document

    base = io.BytesIO()
    Document().save(base)
    out = io.BytesIO()
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                zf.writestr(item, src.read(item.filename))
        xml = src.read("word/document.xml")
        head, tail = xml.split(b"<w:body>", 1)
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(head + b"<w:body>")
            chunk = b"<w:p/>" * ((1 << 20) // 6)
            for _ in range(mb):
                fh.write(chunk)
            fh.write(tail)
    return out.getvalue()


def test_a_bomb_past_the_readers_checks_costs_its_worker_not_the_service(fresh, monkeypatch):
    """With the readers' limits lifted, python-docx builds the bomb: the worker is stopped at
    its memory budget (the bomb used to OOM-kill the API and the CLI batch)."""
    for var, value in {"POLICYKG_MAX_RATIO": "100000", "POLICYKG_MAX_ELEMENTS": "1000000000",
                       "POLICYKG_MAX_EXPANDED_MB": "100000", "POLICYKG_EXTRACT_MEMORY_MB": "700"}.items():
        monkeypatch.setenv(var, value)
    _, store = fresh
    from fastapi.testclient import TestClient

    with TestClient(app_over(store)) as client:
        r = client.post("/documents", files={"file": ("bomb.docx", docx_bomb())}, headers=AUTH)
        assert r.status_code == 422 and r.json()["code"] == "too_large", r.text
        assert "memory" in r.json()["detail"]
        assert client.get("/health").status_code == 200


def test_a_pdf_whose_limits_pypdf_reports_is_a_422():
    """pypdf's LimitReachedError (a stream inflating past its cap) used to escape as a 500."""
    from test_readers_bad import deflate_zeros, pdf_with_stream

    from policykg.ingest.model import IngestError
    from policykg.ingest.readers import read_bytes

    with pytest.raises(IngestError) as exc:
        read_bytes(pdf_with_stream(deflate_zeros(300)), "bomb.pdf", ".pdf")
    assert exc.value.code == "too_large"


# ---------------------------------------------------------------- 5: one bad file, one error
def test_a_nul_past_the_first_8_kb_does_not_end_a_cli_batch(fresh, tmp_path):
    """The store refused the NUL, the batch stopped with exit 2, and a re-run failed the same way."""
    from typer.testing import CliRunner

    from policykg.cli import app

    data, store = fresh
    folder = tmp_path / "batch"
    files = distinct_circulars(folder, 3)
    text = files[1].read_text(encoding="utf-8")
    files[1].write_text(text[:4000] + "\x00" + text[4000:], encoding="utf-8")  # past the 8 KB sample
    assert files[1].read_bytes().index(b"\x00") > 8192
    res = CliRunner().invoke(app, ["ingest", str(folder), "--workers", "1"], env={"POLICYKG_EMBEDDINGS": "off"})
    assert res.exit_code == 0, res.output
    ids = {r["id"] for r in store.read("MATCH (d:Document) RETURN d.id AS id")}
    assert len(ids) == 3


def test_nul_becomes_a_space_and_offsets_stay():
    from policykg.ingest.readers import read_bytes

    text = "各市应急管理局:" + "请按时报送材料。" * 1200
    raw = read_bytes((text[:3000] + "\x00" + text[3000:]).encode(), "n.txt", ".txt")
    assert "\x00" not in raw.text and raw.text[3000] == " " and len(raw.text) == len(text) + 1


# ---------------------------------------------------------------- 6: the store comes back
def test_the_api_restarts_a_killed_store(fresh, seed_path):
    data, store = fresh
    from fastapi.testclient import TestClient

    from policykg.graph import embedded

    with TestClient(app_over(store)) as client:
        r = client.post("/documents", files={"file": ("c.txt", seed_path("003").read_bytes())}, headers=AUTH)
        assert r.status_code == 201
        doc_id = r.json()["id"]
        os.kill(embedded._read_pid(data), signal.SIGKILL)
        deadline = time.monotonic() + 60
        statuses = []
        while time.monotonic() < deadline:
            statuses.append(client.get(f"/documents/{doc_id}").status_code)
            if statuses[-1] == 200:
                break
            time.sleep(0.2)
        assert statuses[-1] == 200, statuses
        # and it takes writes again
        r = client.post("/documents", files={"file": ("d.txt", seed_path("002").read_bytes())}, headers=AUTH)
        assert r.status_code == 201, r.text


# ---------------------------------------------------------------- 7: files and permissions
def test_uploads_are_not_kept_and_sources_name_no_server_path(fresh, seed_path):
    from test_readers_bad import deflate_zeros, pdf_with_stream
    from fastapi.testclient import TestClient

    data, store = fresh
    (data / "uploads" / "old").mkdir(parents=True)  # what older versions left
    with TestClient(app_over(store)) as client:
        r = client.post("/documents", files={"file": ("c.txt", seed_path("003").read_bytes())}, headers=AUTH)
        doc_id = r.json()["id"]
        bomb = client.post("/documents", files={"file": ("b.pdf", pdf_with_stream(deflate_zeros(300)))},
                           headers=AUTH)
        assert bomb.status_code == 422
        source = client.get(f"/documents/{doc_id}").json()["source"]
        assert source["source_path"] == "c.txt"
        assert client.delete(f"/documents/{doc_id}", headers=AUTH).status_code == 200
    assert not (data / "uploads").exists()
    assert not list((data / "incoming").glob("*"))


def test_data_folder_and_files_are_private(fresh):
    data, store = fresh
    store.write("CREATE (:Probe {x: 1})")
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    loose = [str(p) for p in data.rglob("*")
             if not p.is_socket() and stat.S_IMODE(p.stat().st_mode) & 0o077]
    assert not loose


def test_the_store_asks_for_a_password(fresh):
    import redis

    from policykg.graph.embedded import socket_path

    data, _ = fresh
    client = redis.Redis(unix_socket_path=str(socket_path(data)))
    with pytest.raises(redis.AuthenticationError):
        client.execute_command("GRAPH.QUERY", "policykg", "MATCH (n) RETURN count(n)")
    assert "requirepass" not in " ".join(open(f"/proc/{int((data / 'policykg.pid').read_text())}/cmdline").read()
                                        .split("\x00"))


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to make a socket owned by another user")
def test_a_socket_of_another_user_is_never_talked_to(tmp_path):
    """A long data path puts the socket in the temp dir; a fake server there answered +PONG
    and was trusted. Now the folder is private and a socket not owned by us is refused."""
    from policykg.graph.embedded import socket_path
    from policykg.graph.falkor_store import FalkorStore
    from policykg.graph.store import StoreError

    deep = tmp_path.joinpath(*["a_rather_long_folder_name"] * 5) / "data"
    sock = socket_path(deep)
    assert stat.S_IMODE(sock.parent.stat().st_mode) == 0o700 and sock.parent.stat().st_uid == os.getuid()
    talked = []
    fake = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    fake.bind(str(sock))
    fake.listen(1)
    os.chown(sock, 65534, 65534)

    fake.settimeout(5)

    def answer():
        try:
            conn, _ = fake.accept()
            talked.append(conn.recv(100))
            conn.sendall(b"+PONG\r\n")
        except OSError:
            pass

    t = threading.Thread(target=answer)
    t.start()
    try:
        with pytest.raises(StoreError, match="owned by uid 65534"):
            FalkorStore.embedded(deep)
    finally:
        fake.close()
        t.join()
        sock.unlink()
    assert talked == []


# ---------------------------------------------------------------- 8: minor
@pytest.mark.parametrize("header,status", [(f"Bearer {TOKEN}", None), (f"bearer {TOKEN}", None),
                                           (f"BEARER  {TOKEN}", None), (TOKEN, 401), (f"Basic {TOKEN}", 401)])
def test_bearer_scheme_is_required_and_case_insensitive(header, status, monkeypatch):
    from policykg.api.auth import WriteAuth, WriteRefused

    monkeypatch.setenv("POLICYKG_API_TOKEN", TOKEN)
    if status is None:
        WriteAuth().check(header)
    else:
        with pytest.raises(WriteRefused) as exc:
            WriteAuth().check(header)
        assert exc.value.status == status


def test_pdf_bytes_named_txt_make_the_same_document_as_the_pdf(fresh):
    from fastapi.testclient import TestClient
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    _, store = fresh
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c.setFont("STSong-Light", 12)
    c.drawString(60, 780, "关于做好安全生产检查工作的通知")
    c.drawString(60, 760, "各市应急管理局:请于6月底前完成隐患排查。")
    c.save()
    with TestClient(app_over(store)) as client:
        a = client.post("/documents", files={"file": ("n.pdf", buf.getvalue())}, headers=AUTH).json()
        b = client.post("/documents", files={"file": ("n.txt", buf.getvalue())}, headers=AUTH).json()
        assert a["id"] == b["id"] and b["title"] == a["title"] and "%PDF" not in (b["title"] or "")
        assert client.get("/documents").json()["total"] == 1


def test_a_failed_compaction_is_a_message_not_a_traceback(fresh, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from policykg.cli import app
    from policykg.graph.falkor_store import FalkorStore
    from policykg.graph.store import StoreError

    def broken(self):
        raise StoreError("BGREWRITEAOF in DIR failed: no room")

    monkeypatch.setattr(FalkorStore, "compact", broken)
    folder = tmp_path / "one"
    distinct_circulars(folder, 1)
    res = CliRunner().invoke(app, ["ingest", str(folder), "--workers", "1"], env={"POLICYKG_EMBEDDINGS": "off"})
    assert res.exit_code == 0 and res.exception is None, res.output
    assert "compaction skipped" in res.output and "Traceback" not in res.output


def test_the_size_message_says_the_limit_as_configured(tmp_path):
    from policykg.ingest.model import IngestError
    from policykg.ingest.readers import read_document

    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(int(50.5 * 1024 * 1024))  # sparse: no real disk used
    with pytest.raises(IngestError) as exc:
        read_document(big)
    assert "limit 50 MB" in exc.value.reason and "50.5 MB" in exc.value.reason
