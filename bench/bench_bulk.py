"""Bulk ingest benchmark (issue 12): a 10,000-document folder of mixed formats through
`policykg ingest`, killed with SIGKILL midway and run again (every document must end up
there exactly once), then run a third time over the unchanged folder (target ≤ 30 s):
rate, peak memory of the CLI and its workers, and what each run did.

The folder is generated at run time in a temp dir (nothing is committed) from the seeds,
the devset's real texts and the real files in ../shared/realfiles, varied so that each file
is a distinct document: texts get their own numbered line and are written as UTF-8 or
GB18030 text, saved web pages, .docx and text-layer PDF; real binary files (.pdf, .doc,
.xls, .docx) are copied with a distinct trailing comment or padding their readers ignore
(one in 50 files: LibreOffice takes about a second for each .doc/.xls).

usage: python bench/bench_bulk.py [--docs 10000] [--workers N] [--kill-at 0.5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, real_texts

REAL = ROOT.parent / "shared" / "realfiles"


def html_page(title: str, text: str) -> bytes:
    paras = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    return (f'<!DOCTYPE html><html><head><meta charset="gb2312"><title>{title}</title></head><body>'
            f'<div class="nav">首页 &gt; 政务公开</div><div class="article"><h1>{title}</h1>{paras}</div>'
            f'<div class="footer">版权所有</div></body></html>').encode("gb18030")


def docx_bytes(text: str) -> bytes:
    from docx import Document

    doc = Document()
    for line in text.splitlines():
        if line.strip():
            doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def pdf_bytes(text: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    with contextlib.suppress(KeyError):
        pdfmetrics.getFont("STSong-Light")
    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    y = 800
    c.setFont("STSong-Light", 10)
    for line in text.splitlines():
        for k in range(0, max(len(line), 1), 48):
            if y < 50:
                c.showPage()
                c.setFont("STSong-Light", 10)
                y = 800
            c.drawString(40, y, line[k:k + 48])
            y -= 14
    c.save()
    return buf.getvalue()


def varied_real(path: Path, i: int) -> bytes | None:
    """A real file made distinct without changing what its reader sees: PDFs take a comment
    after %%EOF; OLE (.doc/.xls) and ZIP (.docx) files take trailing padding."""
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return data + f"\n%policykg-bench {i}\n".encode()
    if path.suffix in (".doc", ".xls"):
        return data + bytes(512) + str(i).encode().ljust(512, b"\0")
    if path.suffix == ".docx":  # the same members under a distinct archive comment
        import zipfile

        buf = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                dst.writestr(item, src.read(item.filename))
            dst.comment = f"policykg-bench {i}".encode()
        return buf.getvalue()
    return None


def make_folder(root: Path, n: int, seed: int = 12) -> dict[str, int]:
    rng = random.Random(seed)
    texts = [t for _, t in real_texts()]
    real = sorted(p for p in REAL.glob("f*") if p.suffix in (".pdf", ".doc", ".xls", ".docx")
                  and "scanned" not in p.name) if REAL.exists() else []
    kinds: dict[str, int] = {}
    for i in range(n):
        sub = root / f"{i // 500:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        if real and i % 50 == 49:
            src = real[(i // 50) % len(real)]
            data = varied_real(src, i)
            if data is not None:
                (sub / f"{i:05d}_{src.name}").write_bytes(data)
                kinds[src.suffix] = kinds.get(src.suffix, 0) + 1
                continue
        text = texts[i % len(texts)]
        text = re.sub(r"20(1\d|2[0-4])年", lambda m: f"20{int(m.group(1)) + rng.randint(0, 2):02d}年", text)
        text += f"\n(第{i}号文件)\n"
        title = text.strip().splitlines()[0][:40]
        r = rng.random()
        if r < 0.35:
            name, data = f"{i:05d}.txt", text.encode("utf-8")
        elif r < 0.45:
            name, data = f"{i:05d}_gbk.txt", text.encode("gb18030")
        elif r < 0.65:
            name, data = f"{i:05d}.html", html_page(title, text)
        elif r < 0.85:
            name, data = f"{i:05d}.docx", docx_bytes(text)
        else:
            name, data = f"{i:05d}.pdf", pdf_bytes(text)
        (sub / name).write_bytes(data)
        ext = Path(name).suffix
        kinds[ext] = kinds.get(ext, 0) + 1
    return kinds


def run_cli(folder: Path, data: Path, workers: int, kill_after: float | None = None) -> dict:
    """`policykg ingest folder` in its own process group; SIGKILL after `kill_after` s."""
    env = {**os.environ, "POLICYKG_DATA": str(data), "POLICYKG_EMBEDDINGS": os.environ.get("POLICYKG_EMBEDDINGS", "on")}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "policykg.cli", "ingest", str(folder), "--workers", str(workers),
                             "--report", str(data.parent / "report.json")], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    killed = False
    if kill_after is not None:
        try:
            proc.wait(kill_after)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            killed = True
    out, err = proc.communicate()
    secs = time.perf_counter() - t0
    summary = next((ln for ln in err.splitlines() if ln.startswith("ingested ")), "")
    return {"seconds": secs, "killed": killed, "code": proc.returncode, "summary": summary}


def graph_counts(data: Path) -> tuple[int, int, int]:
    """(documents, distinct source paths, documents whose tasks are not all there)."""
    from policykg.graph.falkor_store import FalkorStore

    store = FalkorStore.embedded(data)
    try:
        rows = store.read("MATCH (d:Document) OPTIONAL MATCH (d)-[:HAS_TASK]->(t:Task) WITH d, count(t) AS n "
                          "RETURN d.source_path AS path, d.task_count AS expected, n")
    finally:
        store.close()
    return len(rows), len({r["path"] for r in rows}), sum(r["n"] != r["expected"] for r in rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--kill-at", type=float, default=0.5, help="kill the first run after this share of its expected time")
    ap.add_argument("--keep", type=Path, default=None, help="keep the data folder here (for bench_load --big-data)")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="policykg-bench-bulk-"))
    data = args.keep or work / "data"
    try:
        folder = work / "archive"
        t0 = time.perf_counter()
        kinds = make_folder(folder, args.docs)
        files = sum(kinds.values())
        mb = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6
        print(f"folder: {files} files, {mb:.0f} MB, generated in {time.perf_counter() - t0:.0f} s: "
              + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())), flush=True)
        # the first run is killed midway: a guess of its length from a 200-file sample rate
        expected = files / (12.0 * args.workers)
        first = run_cli(folder, data, args.workers, kill_after=expected * args.kill_at)
        docs_after_kill = graph_counts(data)
        second = run_cli(folder, data, args.workers)
        docs, paths, broken = graph_counts(data)
        third = run_cli(folder, data, args.workers)
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        report = json.loads((data.parent / "report.json").read_text(encoding="utf-8")) \
            if (data.parent / "report.json").exists() else {"failed": []}
        print(json.dumps({"first (killed)": first, "documents after the kill": docs_after_kill[0],
                          "second (resumed)": second, "third (unchanged)": third}, ensure_ascii=False, indent=1))
        failed = len(report["failed"])
        print(f"\nbulk ingest of {files} files ({args.workers} workers)")
        print(f"  run 1, SIGKILL after {first['seconds']:.0f} s: {docs_after_kill[0]} documents stored, "
              f"{docs_after_kill[2]} incomplete")
        print(f"  run 2 (resume): {second['seconds']:.0f} s — {second['summary']}")
        print(f"  both runs: {(files - failed) / (first['seconds'] + second['seconds']):.1f} documents/s overall")
        print(f"  run 3 over the unchanged folder: {third['seconds']:.1f} s (target ≤ 30 s) — {third['summary']}")
        print(f"  documents {docs}, distinct source files {paths}, files failed {failed}, incomplete documents "
              f"{broken}: every document exactly once = {docs == paths == files - failed and broken == 0}")
        print(f"  peak RSS of one process (CLI or a worker): {children:.0f} MB")
        for r in report["failed"][:10]:
            print(f"  failed: {Path(r['path']).name} [{r['code']}] {r['reason'][:100]}")
    finally:
        from policykg.graph.embedded import stop_embedded

        with contextlib.suppress(Exception):
            stop_embedded(data)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
