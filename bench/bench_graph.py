"""Graph benchmark (issue 4/6): ingest >= 2,000 documents into the embedded FalkorDB, then
restart time and p50/p95 latency of each API query on that graph.

Documents are generated from the four single-province seeds by varying their names,
places and dates (province, 发文字号 prefix, year), so extraction and graph writes do
real work on each. usage: python bench/bench_graph.py [--docs 2000] [--no-embed] [--data DIR]
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--no-embed", action="store_true")
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=50)
    args = ap.parse_args()
    data = args.data or Path(tempfile.mkdtemp(prefix="pkg-bench-"))
    os.environ["POLICYKG_DATA"] = str(data)

    from policykg.api.service import Service
    from policykg.graph.embedded import compact, embedded_status, stop_embedded
    from policykg.graph.falkor_store import FalkorStore
    from policykg.graph.ingest import ModelEmbedder
    from policykg.graph.writer import counts, write_record
    from policykg.ingest.model import RawDocument
    from policykg.ingest.pipeline import structure
    from policykg.nlp.extract import extract_document

    embedder = None if args.no_embed else ModelEmbedder()
    store = FalkorStore.embedded(data)
    store.write("MATCH (n) DETACH DELETE n")
    store.ensure_schema(vector_dim=embedder.dimension if embedder else None)
    docs = generated_documents(args.docs)
    chars = sum(len(t) for _, t in docs)
    extract_secs = write_secs = 0.0
    for name, text in docs:
        t0 = time.perf_counter()
        raw = RawDocument(name, text, "utf-8", "txt", hashlib.sha256(text.encode()).hexdigest())
        record = extract_document(structure(raw))
        t1 = time.perf_counter()
        write_record(store, record, embedder)
        write_secs += time.perf_counter() - t1
        extract_secs += t1 - t0
    t0 = time.perf_counter()
    compact(data)
    compact_secs = time.perf_counter() - t0
    c = counts(store)
    nodes, rels = sum(c["nodes"].values()), sum(c["relationships"].values())
    status = embedded_status(data)
    redis_rss = int(subprocess.run(["ps", "-o", "rss=", "-p", str(status["pid"])], capture_output=True,
                                   text=True).stdout.strip() or 0) / 1024
    store.close()

    stop_embedded(data)
    t0 = time.perf_counter()
    store = FalkorStore.embedded(data)
    store.read("MATCH (d:Document) RETURN count(d) AS n")
    restart_secs = time.perf_counter() - t0

    svc = Service(store, embedder)
    doc_id = store.read("MATCH (d:Document) RETURN d.id AS id LIMIT 1")[0]["id"]
    body_id = store.read("MATCH (b:Body)-[:RESPONSIBLE_FOR]->() RETURN b.key AS id LIMIT 1")[0]["id"]
    task_id = store.read("MATCH (t:Task) RETURN t.id AS id LIMIT 1")[0]["id"]
    queries = {
        "obligations (no filter, page 1)": lambda: svc.obligations({}, 50, 0),
        "obligations body+due_before": lambda: svc.obligations({"body": "应急管理局", "due_before": "2021-12-31"}, 50, 0),
        "obligations region+sector": lambda: svc.obligations({"region": "湖南省", "sector": "煤矿"}, 50, 0),
        "obligations role=lead": lambda: svc.obligations({"role": "lead"}, 50, 0),
        "obligations q=事故调查": lambda: svc.obligations({"q": "事故调查"}, 50, 0),
        "obligations status=overdue": lambda: svc.obligations({"status": "overdue"}, 50, 0),
        "body duties": lambda: svc.body(body_id),
        "deadlines in a year": lambda: svc.deadlines({"due_after": "2021-01-01", "due_before": "2021-12-31"}, 500),
        "document (tasks in outline order)": lambda: svc.document(doc_id),
        "compare (region x sector/mechanism)": lambda: svc.compare([], None, 5),
        "compare topic over 3 regions": lambda: svc.compare(["湖南省", "山西省", "四川省"], "事故调查", 5),
        "search (hybrid)": lambda: svc.search("危化品企业搬迁", {}, 20),
        "similar tasks in other regions": lambda: svc.similar(task_id, True, 10),
    }
    svc.search_index()  # built once, like a running server
    lat = []
    for name, fn in queries.items():
        fn()
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t0) * 1000)
        lat.append((name, statistics.median(times), percentile(times, 95)))
    stop_embedded(data)
    if not args.data:
        shutil.rmtree(data, ignore_errors=True)

    report(f"graph: {args.docs} documents, {chars:,} chars, {nodes:,} nodes, {rels:,} relationships "
           f"({'with' if embedder else 'without'} embeddings)", [
        ("ingest documents/s (extract + write)", args.docs / (extract_secs + write_secs), "docs/s"),
        ("graph write alone documents/s", args.docs / write_secs, "docs/s"),
        ("AOF rewrite after ingest", compact_secs * 1000, "ms"),
        ("restart of the embedded store", restart_secs * 1000, "ms"),
        ("peak RSS of the ingest process", peak_rss_mb(), "MB"),
        ("RSS of the FalkorDB server", redis_rss, "MB"),
    ])
    print(f"\n  {'query':42} {'p50 ms':>10} {'p95 ms':>10}")
    for name, p50, p95 in lat:
        print(f"  {name:42} {p50:10.1f} {p95:10.1f}")


if __name__ == "__main__":
    main()
