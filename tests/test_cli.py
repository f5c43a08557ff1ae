"""The command line as a clerk meets it (issue 14), run as real processes.

- `policykg status` reports a stopped store as stopped (exit 3) and does not start it;
- bad options are refused with a clear message and exit code 2, no traceback
  (`who --status soon` printed one; `who --role boss` printed nothing and exited 0);
- tables show roles and cadences in Chinese (牵头, 每季度), each once per row, and the
  time limit as the circular writes it (未明确 when none, as the page and the exports say);
- `policykg token` prints the page's upload link; `serve` prints it once, when it creates the token.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

# the installed console script, or the same entry point through this interpreter
POLICYKG = [sys.executable, "-c", "import sys; from policykg.cli import app; sys.argv[0] = 'policykg'; app()"]


def policykg(data: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """One `policykg` process over the data folder `data` (wide enough that tables do not fold)."""
    env = {**os.environ, "POLICYKG_DATA": str(data), "COLUMNS": "400"}
    env.pop("NEO4J_URI", None)
    env.pop("POLICYKG_API_TOKEN", None)
    exe = Path(sys.executable).with_name("policykg")
    cmd = [str(exe)] if exe.exists() else POLICYKG
    return subprocess.run([*cmd, *args], env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def seed_graph(tmp_path_factory, seed_records):
    """A data folder whose embedded store holds the seeds, running (as after `make run`)."""
    from policykg.graph.embedded import stop_embedded
    from policykg.graph.falkor_store import FalkorStore
    from policykg.graph.writer import write_record

    data = tmp_path_factory.mktemp("cli") / "data"
    store = FalkorStore.embedded(data)
    store.ensure_schema()
    for rec in seed_records.values():
        write_record(store, rec, None)
    store.close()
    yield data
    stop_embedded(data)


def test_status_of_a_stopped_store_says_stopped_and_does_not_start_it(tmp_path, seed_records):
    from policykg.graph.embedded import embedded_status, stop_embedded
    from policykg.graph.falkor_store import FalkorStore
    from policykg.graph.writer import write_record

    data = tmp_path / "data"
    store = FalkorStore.embedded(data)
    store.ensure_schema()
    write_record(store, seed_records["003"], None)
    store.close()
    assert stop_embedded(data)
    r = policykg(data, "status")
    assert r.returncode == 3, r.stderr
    info = json.loads(r.stdout)
    assert info["running"] is False and info["state"] == "stopped" and info["embedded"]["data_dir"] == str(data)
    assert "没有运行" in r.stderr and "不会启动" in r.stderr and "Traceback" not in r.stderr
    assert embedded_status(data)["running"] is False, "status started the store"
    # a data folder that was never used: stopped too, and still not created
    r = policykg(tmp_path / "never", "status")
    assert r.returncode == 3 and not (tmp_path / "never").exists()


def test_status_of_a_running_store_counts_what_it_holds(seed_graph):
    r = policykg(seed_graph, "status")
    assert r.returncode == 0, r.stderr
    info = json.loads(r.stdout)
    assert info["embedded"]["running"] is True and info["nodes"]["Document"] == 5


@pytest.mark.parametrize("args,words", [
    (["who", "--status", "soon"], ["--status", "soon", "overdue", "due_within", "recurring", "none", "已过期"]),
    (["who", "--role", "boss"], ["--role", "boss", "lead(牵头)", "participant(配合)", "responsible(负责)"]),
])
def test_bad_options_are_refused_with_the_choices(tmp_path, args, words):
    r = policykg(tmp_path / "data", *args)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr and r.stdout == ""
    shown = " ".join(r.stderr.split())
    for w in words:
        assert w in shown.replace("│", " ").replace(" ", "") or w in shown, (w, r.stderr)
    assert not (tmp_path / "data").exists(), "a refused command must not start the store"


def table_rows(stdout: str) -> list[str]:
    """The rows of a rich table (drawn with a rule between rows), each as its cells' text."""
    rows, current = [], []
    for line in stdout.splitlines():
        if line.startswith(("├", "└", "┡")):
            if current:
                rows.append(" ".join(current))
            current = []
        elif line.startswith("│"):
            current.append(line)
    return rows


def test_who_shows_roles_and_cadences_in_chinese_once_per_row(seed_graph):
    r = policykg(seed_graph, "who", "--region", "黑龙江", "--limit", "100")
    assert r.returncode == 0, r.stderr
    header = next(line for line in r.stdout.splitlines() if "责任单位" in line)
    assert all(col in header for col in ("角色", "任务", "完成时限", "报送对象", "地区", "文件"))
    rows = table_rows(r.stdout)
    assert len(rows) == json.loads(policykg(seed_graph, "who", "--region", "黑龙江", "--json",
                                            "--limit", "100").stdout)["total"]
    for english in ("quarterly", "monthly", "lead", "participant", "responsible"):
        assert english not in r.stdout, english
    schedule = [row for row in rows if "定期开展安全生产监督检查计划执行情况调度" in row]
    assert schedule, r.stdout
    for row in schedule:
        assert row.count("一季一统计、一季一通报") == 1 and row.count("每季度第一个月5日前") == 1
        assert row.count("负责") == 1  # the role once, in Chinese
    report = next(row for row in rows if "加强安全生产监督检查计划编制审查和报备工作" in row)
    assert "3月10日前(2020-03-10)" in report and "黑龙江省应急管理厅" in report
    assert any("未明确" in row for row in rows)


def test_who_takes_roles_and_statuses_in_chinese_too(seed_graph):
    english = json.loads(policykg(seed_graph, "who", "--role", "participant", "--json").stdout)
    chinese = policykg(seed_graph, "who", "--role", "配合", "--json")
    assert chinese.returncode == 0, chinese.stderr
    assert json.loads(chinese.stdout) == english and english["total"] > 0
    rows = json.loads(policykg(seed_graph, "who", "--status", "周期性", "--json").stdout)["items"]
    assert rows and all(any(x["text"] for x in r["time_limits"]) for r in rows)


def test_token_prints_the_upload_link_and_keeps_the_token_private(tmp_path):
    data = tmp_path / "data"
    r = policykg(data, "token", "--port", "8123")
    assert r.returncode == 0, r.stderr
    token = (data / "api-token").read_text().strip()
    assert r.stdout.strip() == f"http://127.0.0.1:8123/#token={token}"
    assert stat.S_IMODE((data / "api-token").stat().st_mode) == 0o600
    assert policykg(data, "token").stdout.strip().endswith(token)  # the same token on every call


def test_serve_prints_the_link_once_when_it_creates_the_token(tmp_path, monkeypatch, capsys):
    from policykg import cli

    monkeypatch.setenv("POLICYKG_DATA", str(tmp_path / "data"))
    monkeypatch.delenv("POLICYKG_API_TOKEN", raising=False)
    auth = cli.announce_token("0.0.0.0", 8000)
    first = capsys.readouterr().err
    token = (tmp_path / "data" / "api-token").read_text().strip()
    assert f"http://127.0.0.1:8000/#token={token}" in first
    assert auth.expected() == token
    cli.announce_token("127.0.0.1", 8000)
    again = capsys.readouterr().err
    assert token not in again and "policykg token" in again


def test_ingest_saves_the_search_index_for_serve_to_load(tmp_path):
    """Issue 15: after `policykg ingest` the first `serve` loaded nothing and built the index
    while its searches answered 503 (minutes at 10,000 documents); ingest now saves it."""
    from policykg.api.search import saved_index
    from policykg.api.service import VERSION
    from policykg.cli import run_ingest
    from policykg.graph.embedded import stop_embedded
    from policykg.graph.falkor_store import FalkorStore

    data = tmp_path / "data"
    store = FalkorStore.embedded(data)
    try:
        store.ensure_schema()
        seed = sorted((Path(__file__).resolve().parents[1] / "corpus").glob("*.txt"))[:1]
        summary = run_ingest(store, None, seed, workers=1)
        assert summary.written
        key = tuple(r["version"] for r in store.read(VERSION))
        assert saved_index(data, key) is not None
    finally:
        store.close()
        stop_embedded(data)


def test_extract_keeps_each_file_within_its_budget(tmp_path):
    """A file past its budget costs only itself: `policykg extract` runs each file in a watched
    worker (graph/sandbox.py), as ingest does. Bug: it extracted inline, and a page on which
    the extractor looped (a gazetteer cycle) grew until the whole batch was killed, losing the
    records of every other file. Here every seed gets a budget of a millisecond."""
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    seeds = sorted(corpus.glob("*.txt"))[:2]
    env = {**os.environ, "POLICYKG_EXTRACT_TIMEOUT": "0.001", "COLUMNS": "400"}
    exe = Path(sys.executable).with_name("policykg")
    cmd = [str(exe)] if exe.exists() else POLICYKG
    res = subprocess.run([*cmd, "extract", *map(str, seeds), "-f", "json", "--out", str(tmp_path / "out")],
                         env=env, capture_output=True, text=True, timeout=300)
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert all(p.name in res.stdout + res.stderr for p in seeds)
    assert "2 file(s) failed" in res.stdout + res.stderr
    ok = subprocess.run([*cmd, "extract", *map(str, seeds), "-f", "json", "--out", str(tmp_path / "ok")],
                        env={**env, "POLICYKG_EXTRACT_TIMEOUT": "120"}, capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0 and sorted(p.name for p in (tmp_path / "ok").iterdir()) == [p.stem + ".json" for p in seeds]
