"""A batch ingest whose graph server is killed (SIGKILL) midway: after a restart only
complete documents are there, and running the same ingest again writes the rest."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path



from policykg.graph.embedded import stop_embedded
from policykg.graph.falkor_store import FalkorStore

DOCS = 12
CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def make_batch(folder: Path) -> list[Path]:
    """Copies of the seeds, each made a distinct document by a line of its own."""
    seeds = sorted(CORPUS.glob("*.txt"))
    files = []
    for i in range(DOCS):
        src = seeds[i % 4]  # the four single-province circulars
        text = src.read_text(encoding="utf-8") + f"\n(第{i + 1}份)\n"
        dst = folder / f"{i:03d}_{src.name}"
        dst.write_text(text, encoding="utf-8")
        files.append(dst)
    return files


def ingest(data: Path, folder: Path) -> subprocess.Popen:
    env = {**os.environ, "POLICYKG_DATA": str(data), "POLICYKG_EMBEDDINGS": "off"}
    return subprocess.Popen([sys.executable, "-m", "policykg.cli", "ingest", str(folder)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def complete_documents(store: FalkorStore) -> tuple[int, list[str]]:
    rows = store.read("MATCH (d:Document) OPTIONAL MATCH (d)-[:HAS_TASK]->(t:Task) "
                      "RETURN d.id AS id, d.task_count AS expected, count(t) AS tasks")
    broken = [r["id"] for r in rows if r["tasks"] != r["expected"]]
    return len(rows), broken


def test_sigkill_mid_batch_keeps_only_whole_documents(tmp_path):
    data, folder = tmp_path / "data", tmp_path / "batch"
    folder.mkdir()
    make_batch(folder)
    try:
        proc = ingest(data, folder)
        store = None
        deadline = time.time() + 120
        while time.time() < deadline:  # wait until some, not all, documents are in
            if (data / "redis.sock").exists():
                store = store or FalkorStore.embedded(data)
                n = store.read("MATCH (d:Document) RETURN count(d) AS n")[0]["n"]
                if n >= 2:
                    break
            time.sleep(0.1)
        pid = int((data / "policykg.pid").read_text())
        os.kill(pid, signal.SIGKILL)
        proc.wait(timeout=60)

        store = FalkorStore.embedded(data)  # restarts the server from its append-only file
        n, broken = complete_documents(store)
        assert not broken and 2 <= n <= DOCS
        # the batch reports the store failure, unless every document was written before the
        # kill (batches of 32: then only the compaction met the dead store, which is a message)
        assert proc.returncode != 0 or n == DOCS, proc.stderr.read()

        rerun = ingest(data, folder)
        out, err = rerun.communicate(timeout=300)
        assert rerun.returncode == 0, err
        n, broken = complete_documents(FalkorStore.embedded(data))
        assert n == DOCS and not broken
    finally:
        stop_embedded(data)
