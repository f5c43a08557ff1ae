"""Graph benchmark (issue 4/6): ingest >= 2,000 documents into the embedded FalkorDB, then
restart time and p50/p95 latency of each API query on that graph.

Documents are generated from the four single-province seeds by varying their names,
places and dates (province, 发文字号 prefix, year), so extraction and graph writes do
real work on each.

Restart = from the `policykg stop` state to the store answering the API's queries, timed
like the API opens it (`FalkorStore.embedded` + `ensure_schema`), median of `--restarts`
runs, with its parts: server answering PING, store handed out, first query, first vector
search answered (FalkorDB rebuilds its vector index in the background after a load and
serves vector searches by an exact scan meanwhile), and vector index built.
`--after-write` also times restarts of a copy with one write logged since the last
compaction (the slow path: the server then builds its indexes before answering).

usage: python bench/bench_graph.py [--docs 2000] [--no-embed] [--data DIR] [--repeat 50]
       python bench/bench_graph.py --reuse DIR [--restarts 5] [--after-write]
         (DIR: a data folder a previous run built and kept with --data; skips the ingest)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from common import CORPUS, peak_rss_mb, report

PROVINCES = [("山西", "晋"), ("云南", "云"), ("黑龙江", "黑"), ("河北", "冀"), ("河南", "豫"), ("湖南", "湘"),
             ("湖北", "鄂"), ("四川", "川"), ("贵州", "黔"), ("江西", "赣"), ("安徽", "皖"), ("福建", "闽"),
             ("广东", "粤"), ("山东", "鲁"), ("江苏", "苏"), ("浙江", "浙"), ("吉林", "吉"), ("辽宁", "辽"),
             ("陕西", "陕"), ("甘肃", "甘"), ("青海", "青"), ("海南", "琼")]
SEED_PROVINCES = [("山西", "晋"), ("云南", "云"), ("陕西", "陕"), ("黑龙江", "黑")]


def generated_documents(n: int) -> list[tuple[str, str]]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))][:4]
    docs = []
    for i in range(n):
        k = i % 4
        text = seeds[k]
        (old, old_abbr), (new, new_abbr) = SEED_PROVINCES[k], PROVINCES[(i // 4) % len(PROVINCES)]
        if k != 2:  # the county circular keeps its county; its year still varies
            text = text.replace(old + "省", new + "省").replace(old_abbr + "应急", new_abbr + "应急")
        shift = (i // 88) % 5
        text = re.sub(r"20(19|20|21)年", lambda m: f"20{int(m.group(1)) + shift}年", text)
        docs.append((f"{i:05d}_gen.txt", text + f"\n(第{i}号样本)\n"))
    return docs


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def server_load_secs(data: Path) -> float | None:
    """What the server's own log says its last start spent loading the data."""
    try:
        lines = (data / "redis.log").read_text(errors="replace").splitlines()
    except OSError:
        return None
    for line in reversed(lines):
        m = re.search(r"DB loaded from (?:append only file|disk): ([0-9.]+) seconds", line)
        if m:
            return float(m.group(1))
    return None


def time_restart(data: Path, embedder, vector: list[float] | None) -> dict[str, float]:
    """Stop the embedded server of `data`, then time how the API opens it again (seconds
    from the stopped state): `server` PING answered, `open` store handed out after
    ensure_schema, `first_query` a count, `vector` a k=100 vector search answered,
    `index` every index (the vector index last) operational."""
    from policykg.graph import dialect
    from policykg.graph.embedded import ensure_running, stop_embedded
    from policykg.graph.falkor_store import FalkorStore

    stop_embedded(data)
    t0 = time.perf_counter()
    ensure_running(data)
    out = {"server": time.perf_counter() - t0}
    store = FalkorStore.embedded(data)
    store.ensure_schema(vector_dim=embedder.dimension if embedder else None)
    out["open"] = time.perf_counter() - t0
    assert store.read("MATCH (d:Document) RETURN count(d) AS n")[0]["n"] > 0
    out["first_query"] = time.perf_counter() - t0
    from policykg.graph import queries as Q

    building = any(r["status"] != "OPERATIONAL" for r in store.read("CALL db.indexes() YIELD status RETURN status"))
    t1 = time.perf_counter()
    Q.obligations_page(store, Q.Filters(), 50, 0)
    out["page_while_building"] = (time.perf_counter() - t1) if building else float("nan")
    if vector is not None:
        rows = store.read(dialect.vector_query("falkordb", 100), {"vector": vector})
        assert len(rows) == 100, len(rows)
        out["vector"] = time.perf_counter() - t0
    while any(r["status"] != "OPERATIONAL" for r in store.read("CALL db.indexes() YIELD status RETURN status")):
        time.sleep(0.01)
    out["index"] = time.perf_counter() - t0
    out["server_log_load"] = server_load_secs(data) or float("nan")
    store.close()
    return out


def restart_rows(data: Path, embedder, runs: int, label: str) -> list[tuple[str, float, str]]:
    vector = [float(x) for x in embedder.embed(["危险化学品企业搬迁改造"])[0]] if embedder else None
    times = [time_restart(data, embedder, vector) for _ in range(runs)]
    med = {k: statistics.median(t[k] for t in times) for k in times[0]}
    print(f"\n  {label}: {runs} restarts, seconds per part (each run: "
          + "; ".join(f"{t['first_query']:.2f}/{t.get('vector', float('nan')):.2f}/{t['index']:.2f}" for t in times)
          + " first query/vector search/indexes built)")
    rows = [
        (f"{label}: server answers PING", med["server"] * 1000, "ms"),
        (f"{label}:   of which the server's own load", med["server_log_load"] * 1000, "ms"),
        (f"{label}: store open (+ ensure_schema)", med["open"] * 1000, "ms"),
        (f"{label}: first query answered", med["first_query"] * 1000, "ms"),
    ]
    if "vector" in med:
        rows.append((f"{label}: first vector search answered", med["vector"] * 1000, "ms"))
    rows.append((f"{label}: all indexes built", med["index"] * 1000, "ms"))
    during = [t["page_while_building"] for t in times if t["page_while_building"] == t["page_while_building"]]
    if during:
        rows.append((f"{label}: obligations page 1 while indexes build", statistics.median(during) * 1000, "ms"))
    return rows


def server_memory(data: Path) -> tuple[float, float]:
    """(RSS, used_memory) of the embedded server in MB."""
    from policykg.graph.embedded import embedded_status, socket_path, store_password

    import redis

    status = embedded_status(data)
    rss = int(subprocess.run(["ps", "-o", "rss=", "-p", str(status["pid"])], capture_output=True,
                             text=True).stdout.strip() or 0) / 1024
    client = redis.Redis(unix_socket_path=str(socket_path(data)), password=store_password(data))
    used = client.info("memory")["used_memory"] / 1024 / 1024
    client.close()
    return rss, used


def writes_alone(store, embedder, n: int = 320, batch: int = 32) -> tuple[float, float]:
    """Documents/s of the graph writes (embeddings, parameters, statement) with no extraction
    competing for the cores: `n` new documents written in batches, then deleted; once as
    `policykg ingest` writes them (`PipelinedWriter`: the next batch prepared while the
    store runs the statement) and once one batch after the other (`write_records`)."""
    from policykg.graph.writer import PipelinedWriter, delete_documents, write_records
    from policykg.ingest.model import RawDocument
    from policykg.ingest.pipeline import structure
    from policykg.nlp.extract import extract_document

    records = []
    for name, text in generated_documents(n):
        text += "(单独写入)"
        raw = RawDocument(name, text, "utf-8", "txt", hashlib.sha256(text.encode()).hexdigest())
        records.append(extract_document(structure(raw)))
    write_records(store, records[:batch], embedder)  # the statement's plan is compiled once
    delete_documents(store, [r["id"] for r in records[:batch]])
    t0 = time.perf_counter()
    with PipelinedWriter(store, embedder) as w:
        for i in range(0, n, batch):
            w.submit(records[i:i + batch])
    pipelined = n / (time.perf_counter() - t0)
    delete_documents(store, [r["id"] for r in records])
    t0 = time.perf_counter()
    for i in range(0, n, batch):
        write_records(store, records[i:i + batch], embedder)
    sequential = n / (time.perf_counter() - t0)
    delete_documents(store, [r["id"] for r in records])
    return pipelined, sequential


def ingest(args, data: Path, embedder) -> tuple[list[tuple[str, float, str]], str]:
    """The documents written as files and ingested the way `policykg ingest` does it:
    extraction in `--workers` processes, graph writes in batches."""
    from policykg.graph.embedded import compact
    from policykg.graph.falkor_store import FalkorStore
    from policykg.graph.ingest import ingest_paths
    from policykg.graph.writer import counts

    store = FalkorStore.embedded(data)
    store.write("MATCH (n) DETACH DELETE n")
    store.ensure_schema(vector_dim=embedder.dimension if embedder else None)
    empty_rss, _ = server_memory(data)  # what the server takes before any document
    docs = generated_documents(args.docs)
    chars = sum(len(t) for _, t in docs)
    folder = Path(tempfile.mkdtemp(prefix="pkg-bench-docs-"))
    paths = []
    for name, text in docs:
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    t0 = time.perf_counter()
    summary = ingest_paths(store, paths, embedder, workers=args.workers, batch=args.batch)
    wall = time.perf_counter() - t0
    shutil.rmtree(folder, ignore_errors=True)
    assert not summary.failed, summary.failed[:3]
    t0 = time.perf_counter()
    compact(data)
    compact_secs = time.perf_counter() - t0
    c = counts(store)
    nodes, rels = sum(c["nodes"].values()), sum(c["relationships"].values())
    rss, used = server_memory(data)
    store.close()
    title = (f"graph: {args.docs} documents, {chars:,} chars, {nodes:,} nodes, {rels:,} relationships "
             f"({'with' if embedder else 'without'} embeddings; {args.workers} extraction workers, "
             f"batches of {args.batch})")
    per_doc = rss * 1024 * 1024 / args.docs
    above = (rss - empty_rss) * 1024 * 1024 / args.docs  # the server's own code and buffers are no document's
    return [
        ("ingest documents/s (extract + write)", args.docs / wall, "docs/s"),
        ("graph write alone documents/s", args.docs / summary.write_seconds, "docs/s"),
        ("extraction alone documents/s per worker", args.docs / summary.extract_seconds, "docs/s"),
        ("AOF rewrite after ingest", compact_secs * 1000, "ms"),
        ("peak RSS of the ingest process", peak_rss_mb(), "MB"),
        ("RSS of the FalkorDB server", rss, "MB"),
        ("  of which used_memory (Redis' own count)", used, "MB"),
        ("server RSS per document", per_doc / 1024, "KB"),
        ("projection for 100,000 documents (RSS / documents x 100,000)", per_doc * 100_000 / 1024**3, "GB"),
        ("RSS of the server before the first document", empty_rss, "MB"),
        ("  RSS per document above it", above / 1024, "KB"),
        ("projection for 100,000 documents (that + 100,000 x per document)",
         (empty_rss * 1024 * 1024 + above * 100_000) / 1024**3, "GB"),
    ], title


def query_latencies(store, embedder, repeat: int) -> list[tuple[str, float, float]]:
    from policykg.api.service import Service

    svc = Service(store, embedder)
    doc_id = store.read("MATCH (d:Document) RETURN d.id AS id LIMIT 1")[0]["id"]
    body_id = store.read("MATCH (b:Body)-[:RESPONSIBLE_FOR]->() RETURN b.key AS id LIMIT 1")[0]["id"]
    task_id = store.read("MATCH (t:Task) RETURN t.id AS id LIMIT 1")[0]["id"]
    deep = svc.obligations({}, 50, 0)
    for _ in range(19):  # the 20th page, reached by keyset cursors
        deep = svc.obligations({}, 50, 0, deep["next_cursor"])
    deep_cursor = deep["next_cursor"]
    queries = {
        "obligations (no filter, page 1)": lambda: svc.obligations({}, 50, 0),
        "obligations page 21 (cursor)": lambda: svc.obligations({}, 50, 0, deep_cursor),
        "obligations offset 1000": lambda: svc.obligations({}, 50, 1000),
        "obligations body+due_before": lambda: svc.obligations({"body": "应急管理局", "due_before": "2021-12-31"}, 50, 0),
        "obligations region+sector": lambda: svc.obligations({"region": "湖南省", "sector": "煤矿"}, 50, 0),
        "obligations role=lead": lambda: svc.obligations({"role": "lead"}, 50, 0),
        "obligations q=事故调查": lambda: svc.obligations({"q": "事故调查"}, 50, 0),
        "obligations q=危化品 (two written forms)": lambda: svc.obligations({"q": "危化品"}, 50, 0),
        "obligations q= a text no task holds": lambda: svc.obligations({"q": "黄帝故里拜祖"}, 50, 0),
        "obligations status=overdue": lambda: svc.obligations({"status": "overdue"}, 50, 0),
        "body duties": lambda: svc.body(body_id),
        "deadlines in a year": lambda: svc.deadlines({"due_after": "2021-01-01", "due_before": "2021-12-31"}, 500),
        "document (tasks in outline order)": lambda: svc.document(doc_id),
        "compare (region x sector/mechanism)": lambda: svc.compare([], None, 5),
        "compare topic over 3 regions": lambda: svc.compare(["湖南省", "山西省", "四川省"], "事故调查", 5),
        "documents (newest first, page 1)": lambda: svc.documents(100, 0),
        "bodies (by duties)": lambda: svc.bodies(None, 100),
        "search (hybrid)": lambda: svc.search("危化品企业搬迁", {}, 20),
        "similar tasks in other regions": lambda: svc.similar(task_id, True, 10),
    }
    svc.search_index(wait=3600)  # built once, like a running server (a 10k build takes minutes)
    lat = []
    for name, fn in queries.items():
        fn()
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t0) * 1000)
        lat.append((name, statistics.median(times), percentile(times, 95)))
    return lat


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--no-embed", action="store_true")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="extraction processes")
    ap.add_argument("--batch", type=int, default=32, help="documents per write statement")
    ap.add_argument("--data", type=Path, default=None, help="build the graph here and keep it")
    ap.add_argument("--reuse", type=Path, default=None, help="time restarts and queries on this kept folder")
    ap.add_argument("--repeat", type=int, default=50, help="runs of each query")
    ap.add_argument("--restarts", type=int, default=5, help="restarts to take the median of")
    ap.add_argument("--after-write", action="store_true",
                    help="also time restarts of a copy with one write since the last compaction")
    args = ap.parse_args()
    data = (args.reuse or args.data or Path(tempfile.mkdtemp(prefix="pkg-bench-"))).resolve()
    os.environ["POLICYKG_DATA"] = str(data)

    from policykg.graph.embedded import stop_embedded
    from policykg.graph.falkor_store import FalkorStore
    from policykg.graph.ingest import ModelEmbedder
    from policykg.graph.writer import counts

    embedder = None if args.no_embed else ModelEmbedder()
    if args.reuse:
        if not (data / "appendonlydir").is_dir():
            raise SystemExit(f"{data} holds no graph (no appendonlydir); build one with --data first")
        store = FalkorStore.embedded(data)
        c = counts(store)
        store.close()
        rows, title = [], (f"graph in {data}: {c['nodes'].get('Document', 0):,} documents, "
                           f"{sum(c['nodes'].values()):,} nodes, {sum(c['relationships'].values()):,} relationships")
    else:
        rows, title = ingest(args, data, embedder)

    rows += restart_rows(data, embedder, args.restarts, "restart")
    if args.after_write:
        dirty = Path(tempfile.mkdtemp(prefix="pkg-bench-dirty-")) / "data"
        stop_embedded(data)
        shutil.copytree(data, dirty, ignore=shutil.ignore_patterns("redis.sock", "policykg.pid", "start.lock"))
        store = FalkorStore.embedded(dirty)
        store.write("MATCH (d:Document) WITH d LIMIT 1 SET d.bench_touched = true")
        store.close()
        rows += restart_rows(dirty, embedder, max(1, args.restarts // 2), "restart after a write")
        stop_embedded(dirty)
        shutil.rmtree(dirty.parent, ignore_errors=True)

    store = FalkorStore.embedded(data)
    while any(r["status"] != "OPERATIONAL" for r in store.read("CALL db.indexes() YIELD status RETURN status")):
        time.sleep(0.05)  # latencies are those of a settled server
    lat = query_latencies(store, embedder, args.repeat)
    if not args.reuse:
        # last: it deletes what it wrote, and FalkorDB 4.16 was seen to reload a 30k-document
        # graph compacted after such deletes with 200 attribute-less Task entries
        pipelined, sequential = writes_alone(store, embedder)
        rows.append(("graph writes alone, nothing else running", pipelined, "docs/s"))
        rows.append(("  one batch after the other (write_records)", sequential, "docs/s"))
    store.close()
    stop_embedded(data)
    if not args.data and not args.reuse:
        shutil.rmtree(data, ignore_errors=True)

    report(title, rows)
    print(f"\n  {'query':42} {'p50 ms':>10} {'p95 ms':>10}")
    for name, p50, p95 in lat:
        print(f"  {name:42} {p50:10.1f} {p95:10.1f}")


if __name__ == "__main__":
    main()
