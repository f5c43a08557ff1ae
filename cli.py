"""The `policykg` command line: one Typer app, one command per user task.

Commands stay thin: each calls one function of the layer that owns the work, so the CLI,
the HTTP API and the tests exercise the same code. All honour `POLICYKG_DATA` (where the
embedded graph lives) and `NEO4J_URI` (use Neo4j instead).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="policykg: who must do what, by when, in Chinese policy circulars.")
err = Console(stderr=True)
out = Console()
ROLE_ZH = {"lead": "牵头", "participant": "配合", "responsible": "负责"}


@app.callback()
def main_options() -> None:
    """policykg: who must do what, by when, in Chinese policy circulars."""


@app.command()
def extract(
    files: list[Path] = typer.Argument(..., help="Circulars (txt, html, docx, pdf) or folders of them"),
    fmt: str = typer.Option("outline", "--format", "-f", help="json (extraction records) or outline"),
    out_dir: Optional[Path] = typer.Option(None, "--out", "-o", help="Folder for DIR/<stem>.json"),
) -> None:
    """Extract obligations from circulars; writes one JSON record per document with --format json."""
    from .ingest.model import IngestError
    from .ingest.pipeline import expand_paths
    from .nlp.extract import extract_path
    from .nlp.render import render_outline

    if fmt not in {"json", "outline"}:
        raise typer.BadParameter("--format must be json or outline")
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for path in expand_paths(files):
        try:
            record = extract_path(path)
        except IngestError as exc:
            failed += 1
            err.print(f"[red]error[/red] {exc}")
            continue
        if fmt == "json":
            text = json.dumps(public_record(record), ensure_ascii=False, indent=1)
            if out_dir:
                (out_dir / f"{path.stem}.json").write_text(text, encoding="utf-8")
            else:
                out.print_json(text)
        else:
            rendered = render_outline(record)
            if out_dir:
                (out_dir / f"{path.stem}.txt").write_text(rendered, encoding="utf-8")
            else:
                out.print(rendered, markup=False, highlight=False)
    if failed:
        err.print(f"{failed} file(s) failed")
        raise typer.Exit(1)


def public_record(record: dict) -> dict:
    """The schema record without the bulky original text (kept in the graph, not in JSON files)."""
    return {k: v for k, v in record.items() if k != "original_text"}


# ---------------------------------------------------------------------- graph
def open_graph(embeddings: bool = True):
    """The configured store with its schema, or exit with the store's own explanation.
    Without `embeddings` the model is not loaded (no torch import: read commands start fast)."""
    from .graph.ingest import default_embedder
    from .graph.store import StoreError, open_store

    embedder = default_embedder() if embeddings else None
    try:
        store = open_store()
        store.ensure_schema(vector_dim=embedder.dimension if embedder else None)
    except StoreError as exc:
        err.print(f"[red]graph store unavailable[/red]: {exc}")
        raise typer.Exit(2)
    return store, embedder


def workers_option() -> Any:
    return typer.Option(None, "--workers", "-j", min=1,
                        help="Extraction processes (default: one per core)")


@app.command()
def ingest(paths: list[Path] = typer.Argument(..., help="Files or folders of circulars"),
           workers: Optional[int] = workers_option()) -> None:
    """Extract circulars and write them into the graph (re-ingesting replaces a document)."""
    from .ingest.pipeline import expand_paths

    files = expand_paths(paths)
    store, embedder = open_graph()
    summary = run_ingest(store, embedder, files, workers)
    if summary.failed:
        raise typer.Exit(1)


def run_ingest(store, embedder, files: list[Path], workers: int | None = None):
    from rich.progress import Progress

    from .graph.ingest import default_workers, ingest_paths
    from .graph.store import StoreError

    with Progress(console=err, transient=True) as progress:
        bar = progress.add_task("ingesting", total=len(files))

        def on_file(path, result, error):
            if error:
                progress.console.print(f"[red]error[/red] {path}: {error}")
            progress.advance(bar)

        try:
            summary = ingest_paths(store, files, embedder, on_file, workers=workers or default_workers())
        except StoreError as exc:
            err.print(f"[red]graph store failed mid-batch[/red]: {exc}\nDocuments written so far are complete; "
                      "run the same ingest again to write the rest.")
            raise typer.Exit(2)
    if store.name == "falkordb":
        store.compact()
    replaced = sum(r.replaced for r in summary.written)
    tasks = sum(r.tasks for r in summary.written)
    err.print(f"ingested {len(summary.written)} document(s) ({replaced} replaced, {tasks} tasks), "
              f"{len(summary.failed)} failed")
    return summary


@app.command()
def status() -> None:
    """Node and relationship counts of the graph, and the embedded store's state."""
    from .graph.store import data_dir
    from .graph.counts import counts

    store, _ = open_graph(embeddings=False)
    c = counts(store)
    info = {"store": store.name, **c}
    if store.name == "falkordb":
        from .graph.embedded import embedded_status

        info["embedded"] = embedded_status(data_dir())
    out.print_json(json.dumps(info, ensure_ascii=False, default=str))


@app.command()
def stop() -> None:
    """Stop the embedded FalkorDB server of POLICYKG_DATA (its data stays on disk).

    Changes logged since the last snapshot (documents uploaded or deleted through the API)
    are compacted into one first: a start from a snapshot answers in about half a second and
    builds its indexes in the background, while replaying logged changes holds the start
    until every index is rebuilt (about 6 s for 2,000 documents)."""
    from .graph.embedded import probe, snapshot_only, socket_path, stop_embedded
    from .graph.falkor_store import FalkorStore
    from .graph.store import StoreError, data_dir

    data = data_dir()
    if data.is_dir() and probe(socket_path(data))[0] == "pong" and not snapshot_only(data):
        err.print("compacting the graph store so that its next start is quick…")
        try:
            store = FalkorStore.embedded(data)
            try:
                store.compact()
            finally:
                store.close()
        except StoreError as e:  # the data is whole either way; the next start replays the log
            err.print(f"[yellow]compaction skipped:[/yellow] {e}")
    stopped = stop_embedded(data)
    err.print("stopped the embedded graph store" if stopped else "the embedded graph store was not running")


@app.command()
def serve(host: str = typer.Option("127.0.0.1", "--host"), port: int = typer.Option(8000, "--port")) -> None:
    """Serve the HTTP API and the web page."""
    import uvicorn

    from .api.app import create_app

    err.print(f"policykg: serving http://{host}:{port}/ (API description at /docs)")
    uvicorn.run(create_app(), host=host, port=port, log_level="info")


@app.command()
def up(paths: list[Path] = typer.Argument(..., help="Files or folders to ingest first"),
       host: str = typer.Option("127.0.0.1", "--host"), port: int = typer.Option(8000, "--port"),
       workers: Optional[int] = workers_option()) -> None:
    """The main job: ingest PATHS into the graph, then serve the API and web page."""
    from .ingest.pipeline import expand_paths

    store, embedder = open_graph()
    run_ingest(store, embedder, expand_paths(paths), workers)
    store.close()
    serve(host, port)


def service(embeddings: bool = False):
    """The API's Service for a CLI command; the embedding model only when asked (search)."""
    from .api.service import Service, StoreDown

    try:
        return Service.from_env(embeddings=embeddings)
    except StoreDown as exc:
        err.print(f"[red]graph store unavailable[/red]: {exc}")
        raise typer.Exit(2)


def due_text(deadlines: list[dict]) -> str:
    parts = []
    for d in deadlines or []:
        parts.append(d.get("date") or (d.get("freq") and f"{d['freq']}") or d.get("text") or "")
    return "\n".join(p for p in parts if p) or "—"


@app.command()
def who(
    body: Optional[str] = typer.Option(None, "--body", help="责任单位 (any alias, partial)"),
    role: Optional[str] = typer.Option(None, "--role", help="lead | participant | responsible"),
    sector: Optional[str] = typer.Option(None, "--sector"),
    region: Optional[str] = typer.Option(None, "--region"),
    due_after: Optional[dt.datetime] = typer.Option(None, "--due-after", formats=["%Y-%m-%d"]),
    due_before: Optional[dt.datetime] = typer.Option(None, "--due-before", formats=["%Y-%m-%d"]),
    status_: Optional[str] = typer.Option(None, "--status", help="overdue | due_within | recurring | none"),
    document: Optional[str] = typer.Option(None, "--document"),
    q: Optional[str] = typer.Option(None, "--q", help="words the task must contain"),
    limit: int = typer.Option(50, "--limit"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Who must do what, by when: obligations matching the filters, as a table."""
    import opencc

    t2s = opencc.OpenCC("t2s").convert
    filters = {"body": body and t2s(body), "role": role, "sector": sector and t2s(sector),
               "region": region and t2s(region), "due_after": due_after and due_after.date(),
               "due_before": due_before and due_before.date(), "status": status_, "document": document,
               "q": q and t2s(q)}
    res = service().obligations(filters, limit, 0)
    if as_json:
        out.print_json(json.dumps(res, ensure_ascii=False))
        return
    table = Table(title=f"{res['total']} 条义务" + (f"(显示 {len(res['items'])} 条)" if res["total"] > limit else ""))
    for col in ("责任单位", "角色", "任务", "时限", "报送", "地区", "文件"):
        table.add_column(col, overflow="fold")
    for r in res["items"]:
        table.add_row(r["body"], ROLE_ZH.get(r["role"], r["role"]) + ("" if r["explicit"] else "(推定)"),
                      r["title"], due_text(r["deadlines"]), "、".join(r["recipients"]), r["region"] or "",
                      r["document_title"] or r["document_id"])
    out.print(table)


@app.command()
def breakdown(document: str = typer.Argument(..., help="Document id (see `policykg who --json` or /documents)"),
              fmt: str = typer.Option("xlsx", "--format", "-f", help="xlsx | docx | csv | md | json"),
              output: Optional[Path] = typer.Option(None, "-o", "--output")) -> None:
    """The 任务分工 table of one document, as a file bureaus can edit."""
    from .api.breakdown import WRITERS, build_breakdown
    from .api.service import NotFound

    try:
        doc = service().document(document, with_text=False)
    except NotFound as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(1)
    table = build_breakdown(doc["meta"].get("title") or document, doc["tasks"])
    if fmt == "json":
        data = json.dumps(table.as_dict(), ensure_ascii=False, indent=1).encode("utf-8")
    elif fmt in WRITERS:
        data = WRITERS[fmt][0](table)
    else:
        raise typer.BadParameter("--format must be xlsx, docx, csv, md or json")
    if output:
        output.write_bytes(data)
        err.print(f"wrote {output} ({len(table.rows)} tasks)")
    else:
        sys.stdout.buffer.write(data)


@app.command()
def search(q: str = typer.Argument(..., help="What to look for, in your own words"),
           limit: int = typer.Option(10, "--limit")) -> None:
    """Hybrid (lexical + semantic) search over tasks."""
    import opencc

    res = service(embeddings=True).search(opencc.OpenCC("t2s").convert(q), {}, limit)
    table = Table(title=f"{q}({res['mode']})")
    for col in ("分数", "任务", "责任单位", "地区", "文件"):
        table.add_column(col, overflow="fold")
    for h in res["items"]:
        table.add_row(f"{h['score']:.3f}", h["title"], "、".join(a["name"] for a in h["actors"]), h["region"] or "",
                      h["document_title"] or "")
    out.print(table)


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
