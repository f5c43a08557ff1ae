"""The `policykg` command line: one Typer app, one command per user task.

Commands stay thin: each calls one function of the layer that owns the work, so the CLI,
the HTTP API and the tests exercise the same code.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="policykg: who must do what, by when, in Chinese policy circulars.")
err = Console(stderr=True)
out = Console()

SUPPORTED = {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}


@app.callback()
def main_options() -> None:
    """policykg: who must do what, by when, in Chinese policy circulars."""


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given, folders expanded to the supported files inside them (sorted)."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED))
        else:
            files.append(p)
    return files


@app.command()
def extract(
    files: list[Path] = typer.Argument(..., help="Circulars (txt, html, docx, pdf) or folders of them"),
    fmt: str = typer.Option("outline", "--format", "-f", help="json (extraction records) or outline"),
    out_dir: Optional[Path] = typer.Option(None, "--out", "-o", help="Folder for DIR/<stem>.json"),
) -> None:
    """Extract obligations from circulars; writes one JSON record per document with --format json."""
    from .ingest.model import IngestError
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


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
