"""File in, `Document` out: read -> clean (offsets kept) -> outline -> metadata."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .blocks import find_blocks, table_regions
from .clean import PINYIN, clean_text, t2s
from .metadata import parse_metadata
from .model import Document, IngestError, RawDocument
from .outline import attachment_lists, drop_lone_dash, line_markers, parse_outline
from .readers import SUPPORTED, read_document


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given (a bad one is reported when read), folders expanded to the supported
    files inside them, sorted."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED))
        else:
            files.append(p)
    return files


def load_document(path: str | Path) -> Document:
    """Read and structure one circular; raises `IngestError` naming the file and the reason."""
    raw = read_document(path)
    return structure(raw)


def structure(raw: RawDocument) -> Document:
    cleaned = clean_text(raw.text)
    text = cleaned.mapped.text
    if not text.strip():
        raise IngestError(raw.path, "no text left after removing page furniture")
    blocks = find_blocks(cleaned.mapped, raw.tables)
    skip = sorted(table_regions(blocks) + attachment_lists(text))
    every = line_markers(text, skip=skip)
    markers = drop_lone_dash(every, text)
    # the page's information box (索引号 / 文号 / 发布机构) is furniture, cut from the text; its
    # 文号 is still the document's number when the text carries none
    box = "\n".join(raw.text[a:b] for rule, a, b in cleaned.removed if rule == "furniture")
    if cleaned.script == "traditional":
        box = PINYIN.sub("", t2s()(box))  # read in the script the rest is read in (標 題 -> 标 题)
    meta, body_start = parse_metadata(text, markers[0].line_start if markers else None, box, raw.text)
    # the body's markers are those found already when the body starts at a line's start (the
    # title line's rest is blank): the outline does not read every line again
    if body_start == 0:
        body_markers = markers
    elif not text[body_start:].split("\n", 1)[0].strip():
        body_markers = drop_lone_dash([m for m in every if m.line_start >= body_start], text)
    else:
        body_markers = None
    outline = parse_outline(text, start=body_start, skip=skip, markers=body_markers)
    return Document(raw=raw, clean=cleaned.mapped, script=cleaned.script, meta=meta, outline=outline,
                    body_start=body_start, blocks=blocks)
