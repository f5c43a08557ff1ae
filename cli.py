"""The `policykg` command line: one Typer app, one command per user task.

Commands stay thin: each calls one function of the layer that owns the work, so the CLI,
the HTTP API and the tests exercise the same code. All honour `POLICYKG_DATA` (where the
embedded graph lives) and `NEO4J_URI` (use Neo4j instead).
"""

from __future__ import annotations

import datetime as dt
import json
import os
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


def say(text: str) -> None:
    """A message to the user on stderr, as written: no rich markup, and not wrapped (a link
    broken over two lines cannot be clicked or copied)."""
    err.print(text, markup=False, highlight=False, soft_wrap=True)


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
    from .ingest.pipeline import expand_paths
    from .nlp.render import render_outline

    if fmt not in {"json", "outline"}:
        raise typer.BadParameter("--format must be json or outline")
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for path, record in extracted(list(expand_paths(files))):
        if record is None:
            failed += 1
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


@app.command(name="eval")
def evaluate(
    gold_dir: Path = typer.Argument(..., help="Folder of gold records <stem>.json (../shared/gold/SCHEMA.md)"),
    files: list[Path] = typer.Argument(..., help="The circulars the gold records describe (files or folders)"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every miss and false alarm"),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON"),
) -> None:
    """Extract the given circulars and score them against gold records: P/R/F1 per field."""
    from .ingest.pipeline import expand_paths
    from .nlp.evaluate import render, score_folder

    if not gold_dir.is_dir():
        raise typer.BadParameter(f"{gold_dir} is not a folder of gold records")
    predictions: dict[str, dict] = {}
    for path, record in extracted(list(expand_paths(files))):
        if record is not None:
            predictions[path.stem] = public_record(record)
    report = score_folder(gold_dir, predictions)
    if as_json:
        out.print_json(data=report.as_dict())
    else:
        out.print(render(report), highlight=False)
    if verbose:
        for line in report.misses:
            out.print(line, highlight=False, markup=False)


def extracted(paths: list[Path]) -> list[tuple[Path, dict | None]]:
    """Each file with its extraction record, or None after saying why not (`reported`).

    Each file is extracted in a worker process within the budget of graph/sandbox.py (time,
    memory, tasks), as `policykg ingest` does: a file that runs away costs only itself, not
    the files after it (a page that made the extractor loop took a whole batch down)."""
    from concurrent.futures import ThreadPoolExecutor

    from .graph.sandbox import ExtractPool

    workers = extract_workers(len(paths))
    with ExtractPool(workers) as pool, ThreadPoolExecutor(max(1, workers)) as threads:
        outcomes = list(threads.map(pool.run, paths))
    return [(path, reported(outcome)) for path, outcome in zip(paths, outcomes)]


def extract_workers(files: int) -> int:
    """Extraction processes for `policykg extract`: POLICYKG_EXTRACT_WORKERS (0: in this
    process, unwatched), else one per core, at most one per file."""
    from .graph.ingest import default_workers

    raw = os.environ.get("POLICYKG_EXTRACT_WORKERS", "").strip()
    if raw.isdigit():
        return int(raw)
    return max(1, min(files, default_workers()))


def reported(outcome) -> dict | None:
    """The extraction record of one file, or None after saying why not: a file that cannot be
    read, an extractor bug on one file and a file past its budget are that file's error and
    the batch goes on (as in `policykg ingest`, graph/sandbox.py)."""
    if outcome.record is not None:
        return outcome.record
    if outcome.code == "internal":
        say(f"error {outcome.path}: {outcome.error}")
    else:
        err.print(f"[red]error[/red] {outcome.path}: {outcome.error}")
    return None


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
           workers: Optional[int] = workers_option(),
           report: Optional[Path] = typer.Option(None, "--report", help="Where to list failed files "
                                                 "(.csv or .json; default DATA/reports/ingest-<time>.json)"),
           force: bool = typer.Option(False, "--force", help="Extract every file again, even unchanged ones")) -> None:
    """Extract circulars and write them into the graph. Unchanged files (same content, same
    extractor) are skipped, a changed file replaces its old version; an interrupted run is
    resumed by running it again."""
    from .ingest.pipeline import expand_paths

    files = expand_paths(paths)
    store, embedder = open_graph()
    summary = run_ingest(store, embedder, files, workers, report=report, force=force)
    if summary.failed:
        raise typer.Exit(1)


class RateColumn:
    """Files a second and the count, beside rich's bar and time remaining."""

    @staticmethod
    def make():
        from rich.progress import ProgressColumn
        from rich.text import Text

        class _Rate(ProgressColumn):
            def render(self, task) -> Text:
                speed = task.finished_speed or task.speed
                rate = f"{speed:.1f} files/s" if speed else "… files/s"
                return Text(f"{int(task.completed)}/{int(task.total or 0)} · {rate}")

        return _Rate()


def run_ingest(store, embedder, files: list[Path], workers: int | None = None, report: Path | None = None,
               force: bool = False):
    import time

    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from .graph.diskspace import DiskFull
    from .graph.ingest import default_workers, ingest_paths, write_report
    from .graph.store import StoreError, data_dir

    t0 = time.monotonic()
    columns = [TextColumn("{task.description}"), BarColumn(), RateColumn.make(), TimeRemainingColumn()]
    with Progress(*columns, console=err, transient=True) as progress:
        bar = progress.add_task("ingesting", total=len(files))

        def on_file(path, result, error):
            if error:
                progress.console.print(f"[red]error[/red] {path}: {error}", markup=True, highlight=False)
            progress.advance(bar)

        try:
            summary = ingest_paths(store, files, embedder, on_file, workers=workers or default_workers(),
                                   skip_unchanged=not force, on_skip=lambda _p: progress.advance(bar))
        except DiskFull as exc:
            say(f"disk full: {exc}\nDocuments written so far are complete; free some space and run the same "
                "ingest again to write the rest.")
            raise typer.Exit(2)
        except StoreError as exc:
            err.print(f"[red]graph store failed mid-batch[/red]: {exc}\nDocuments written so far are complete; "
                      "run the same ingest again to write the rest.")
            raise typer.Exit(2)
    changed = summary.written or summary.old_versions_removed
    if store.name == "falkordb" and changed:  # nothing written: nothing to compact (a re-run stays quick)
        try:
            if not store.compact():
                say("compaction skipped: the compacted snapshot did not load, so the previous files were kept "
                    "(the data is whole; the next start replays the log)")
        except StoreError as exc:  # the data is whole either way (issue 15 item 8: was a traceback)
            say(f"compaction skipped: {exc} (the data is whole; the next start replays the log)")
    if changed:
        save_search_index(store)
    secs = time.monotonic() - t0
    replaced = sum(r.replaced for r in summary.written) + summary.old_versions_removed
    tasks = sum(r.tasks for r in summary.written)
    done = len(summary.written) + len(summary.skipped) + len(summary.failed)
    err.print(f"ingested {len(summary.written)} document(s) ({replaced} replaced, {tasks} tasks), "
              f"{len(summary.skipped)} unchanged skipped, {len(summary.failed)} failed "
              f"in {secs:.1f} s ({done / max(secs, 1e-9):.1f} files/s)", highlight=False, soft_wrap=True)
    if summary.failed or report:
        stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
        path = write_report(summary, report or data_dir() / "reports" / f"ingest-{stamp}.json")
        say(f"report of the failed files: {path}")
    return summary


def save_search_index(store) -> None:
    """The search index of the graph as ingested, saved beside it: the next `serve` loads it
    instead of building it while its first searches answer 503 (minutes at 10,000 documents).
    The tokens of unchanged tasks come from the index saved before, so a re-run costs little."""
    data = getattr(store, "data", None)
    if data is None:
        return
    from .api.search import SearchIndex
    from .api.service import VERSION
    from .graph.store import StoreError

    try:
        key = tuple(r["version"] for r in store.read(VERSION))
        SearchIndex.load_or_build(store, None, key, data)
    except (StoreError, OSError) as exc:  # the graph is whole; serve builds the index itself
        say(f"search index not saved: {exc} (serve builds it at start)")


@app.command()
def status() -> None:
    """Node and relationship counts of the graph, and the embedded store's state.

    A stopped embedded store is reported as stopped (exit code 3) and left stopped."""
    exit_if_stopped()
    from .graph.store import data_dir
    from .graph.counts import counts

    store, _ = open_graph(embeddings=False)
    c = counts(store)
    info = {"store": store.name, **c}
    if store.name == "falkordb":
        from .graph.embedded import embedded_status

        info["embedded"] = embedded_status(data_dir())
    out.print_json(json.dumps(info, ensure_ascii=False, default=str))


def exit_if_stopped() -> None:
    """For `status`: when the embedded store is not running, say so and exit 3 without
    starting it (opening the store starts it, and a status that changes what it reports
    is no status); a server that does not answer is reported as unresponsive, not waited
    on. Neo4j (NEO4J_URI) is always asked."""
    import os

    if os.environ.get("NEO4J_URI"):
        return
    from .api.messages import msg
    from .graph.embedded import embedded_status
    from .graph.store import data_dir

    state = embedded_status(data_dir())
    if state["running"] or state["state"] == "loading":
        return
    # no socket, or nobody listening on it: stopped; a socket that does not answer: hung
    stopped = state["state"] in ("absent", "refused")
    info = {"store": "falkordb", "running": False, "state": "stopped" if stopped else "unresponsive",
            "embedded": state}
    out.print_json(json.dumps(info, ensure_ascii=False, default=str))
    if stopped:
        say(msg("cli.store_stopped", data=state["data_dir"]))
    else:
        say(msg("cli.store_unresponsive", detail=state["detail"] or state["state"]))
    raise typer.Exit(3)


@app.command()
def stop() -> None:
    """Stop the embedded FalkorDB server of POLICYKG_DATA (its data stays on disk).

    Changes logged since the last snapshot (documents uploaded or deleted through the API)
    are compacted into one first: a start from a snapshot answers in about half a second and
    builds its indexes in the background, while replaying logged changes holds the start
    until every index is rebuilt (about 6 s for 2,000 documents)."""
    from .graph.embedded import probe_data, snapshot_only, stop_embedded
    from .graph.falkor_store import FalkorStore
    from .graph.store import StoreError, data_dir

    data = data_dir()
    if data.is_dir() and probe_data(data)[0] == "pong" and not snapshot_only(data):
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
def serve(host: str = typer.Option("127.0.0.1", "--host"), port: int = typer.Option(8000, "--port"),
          workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1,
                                                help="API processes (default: one per core)")) -> None:
    """Serve the HTTP API and the web page; uploads need the write token (see `policykg token`).

    Reads are Python-bound (parameters, rows, JSON): one process answers on one core, so
    `--workers` processes (default one per core) share the port; each opens its own pool of
    connections to the store and supervises it (issue 15: 100 clients)."""
    from .api.serving import serve_api
    from .graph.ingest import default_workers

    announce_token(host, port)
    err.print(f"policykg: serving http://{host}:{port}/ (API description at /docs)")
    serve_api("policykg.api.app:served_app", host, port, workers or default_workers(), log_level="info",
              timeout_graceful_shutdown=30)


def announce_token(host: str, port: int):
    """The write token for `serve` (api/auth.py): POLICYKG_API_TOKEN, or the data folder's
    token, created at the first start; the ready link is printed when the token is created."""
    import os

    from .api.auth import ENV, WriteAuth, ensure_token, link, token_path
    from .api.messages import msg
    from .graph.store import data_dir

    if os.environ.get(ENV):
        say(msg("cli.token_env"))
        return WriteAuth()
    token, created = ensure_token(data_dir())
    if created:
        say(msg("cli.token_created", path=token_path(data_dir())))
        say(f"  {link(token, host, port)}")
    else:
        say(msg("cli.token_existing"))
    return WriteAuth(token_path(data_dir()))


@app.command()
def token(host: str = typer.Option("127.0.0.1", "--host"), port: int = typer.Option(8000, "--port")) -> None:
    """Print the page's upload link (with the write token; creates the token when there is none)."""
    import os

    from .api.auth import ENV, ensure_token, link
    from .api.messages import msg
    from .graph.store import data_dir

    value = os.environ.get(ENV) or ensure_token(data_dir())[0]
    say(msg("cli.token_link"))
    print(link(value, host, port))


@app.command()
def up(paths: list[Path] = typer.Argument(..., help="Files or folders to ingest first"),
       host: str = typer.Option("127.0.0.1", "--host"), port: int = typer.Option(8000, "--port"),
       workers: Optional[int] = workers_option()) -> None:
    """The main job: ingest PATHS into the graph, then serve the API and web page."""
    from .ingest.pipeline import expand_paths

    store, embedder = open_graph()
    run_ingest(store, embedder, expand_paths(paths), workers)
    store.close()
    serve(host, port, None)


def service(embeddings: bool = False):
    """The API's Service for a CLI command; the embedding model only when asked (search)."""
    from .api.service import Service, StoreDown

    try:
        return Service.from_env(embeddings=embeddings)
    except StoreDown as exc:
        err.print(f"[red]graph store unavailable[/red]: {exc}")
        raise typer.Exit(2)


def due_text(limits: list[dict]) -> str:
    """A row's time limits as the circular writes them (the API's `time_limits`), each once,
    the cadence in Chinese and the ISO date beside; 未明确 when there is none (as the page
    and the exports say)."""
    from .api.messages import msg
    from .api.wording import TimeLimit

    lines = [TimeLimit(x["text"], x.get("date"), x.get("cadence")).label() for x in limits or []]
    return "\n".join(dict.fromkeys(lines)) or msg("no_deadline")


ROLES = ("lead", "participant", "responsible")
STATUSES = ("overdue", "due_within", "recurring", "none")


def choice(option: str, values: tuple[str, ...], names: str):
    """A callback that accepts one of `values` or its Chinese name (messages.json `names`
    section: 牵头 for lead) and refuses anything else with a usage error (exit code 2)."""

    def check(value: Optional[str]) -> Optional[str]:
        if value is None:
            return None
        from .api.messages import messages, msg

        zh = messages()[names]
        by_name = {v: v for v in values} | {zh[v]: v for v in values if v in zh}
        if value.strip() in by_name:
            return by_name[value.strip()]
        shown = "、".join(f"{v}({zh[v]})" if v in zh else v for v in values)
        raise typer.BadParameter(msg("cli.bad_choice", option=option, value=value, choices=shown))

    return check


@app.command()
def who(
    body: Optional[str] = typer.Option(None, "--body", help="责任单位 (any alias, partial)"),
    role: Optional[str] = typer.Option(None, "--role", help="lead | participant | responsible (or 牵头 | 配合 | 负责)",
                                       callback=choice("--role", ROLES, "roles")),
    sector: Optional[str] = typer.Option(None, "--sector"),
    region: Optional[str] = typer.Option(None, "--region"),
    due_after: Optional[dt.datetime] = typer.Option(None, "--due-after", formats=["%Y-%m-%d"]),
    due_before: Optional[dt.datetime] = typer.Option(None, "--due-before", formats=["%Y-%m-%d"]),
    status_: Optional[str] = typer.Option(None, "--status", help="overdue | due_within | recurring | none",
                                          callback=choice("--status", STATUSES, "statuses")),
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
    from .api.messages import msg, role_zh

    shown = msg("cli.who_shown", shown=len(res["items"])) if res["total"] > limit else ""
    table = Table(title=msg("cli.who_total", total=res["total"]) + shown, show_lines=True)
    for col in msg("cli.who_columns"):
        table.add_column(col, overflow="fold")
    for r in res["items"]:
        inferred = "" if r["explicit"] is not False else f"({msg('role_inferred')})"
        table.add_row(r["body"], role_zh(r["role"]) + inferred, r["title"], due_text(r.get("time_limits")),
                      "、".join(r["recipients"]), r["region"] or "", r["document_title"] or r["document_id"])
    out.print(table, markup=False)


@app.command()
def breakdown(document: str = typer.Argument(..., help="Document id (see `policykg who --json` or /documents)"),
              fmt: str = typer.Option("xlsx", "--format", "-f", help="xlsx | docx | csv | md | json"),
              output: Optional[Path] = typer.Option(None, "-o", "--output",
                                                    help="File, or a folder to write 任务分工-<标题>.<format> in")) -> None:
    """The 任务分工 table of one document, as a file bureaus can edit."""
    from .api.breakdown import WRITERS, build_breakdown, document_title
    from .api.messages import msg
    from .api.service import NotFound

    try:
        doc = service().document(document, with_text=False)
    except NotFound:
        say(msg("cli.not_found", id=document))
        raise typer.Exit(1)
    table = build_breakdown(document_title(doc), doc["tasks"])
    if fmt == "json":
        data = json.dumps(table.as_dict(), ensure_ascii=False, indent=1).encode("utf-8")
    elif fmt in WRITERS:
        data = WRITERS[fmt][0](table)
    else:
        raise typer.BadParameter("--format must be xlsx, docx, csv, md or json")
    if output and output.is_dir():  # a folder: the file is named as the page names it, 任务分工-<标题>.xlsx
        output = output / f"{table.file_stem}.{fmt}"
    if output:
        output.write_bytes(data)
        say(msg("cli.wrote", path=output, rows=len(table.rows)))
    else:
        sys.stdout.buffer.write(data)


@app.command()
def search(q: str = typer.Argument(..., help="What to look for, in your own words"),
           limit: int = typer.Option(10, "--limit")) -> None:
    """Hybrid (lexical + semantic) search over tasks."""
    import opencc

    res = service(embeddings=True).search(opencc.OpenCC("t2s").convert(q), {}, limit)
    from .api.messages import msg, role_zh

    table = Table(title=f"{q}({res['mode']})", show_lines=True)
    for col in msg("cli.search_columns"):
        table.add_column(col, overflow="fold")
    for h in res["items"]:
        bodies = dict.fromkeys(f"{a['name']}({role_zh(a['role'])})" for a in h["actors"])
        table.add_row(f"{h['score']:.3f}", h["title"], "\n".join(bodies), due_text(h.get("time_limits")),
                      "、".join(h.get("recipients") or []), h["region"] or "", h["document_title"] or "")
    out.print(table, markup=False)


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
