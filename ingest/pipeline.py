"""File in, `Document` out: read -> clean (offsets kept) -> outline -> metadata."""

from __future__ import annotations

from pathlib import Path

from .clean import clean_text
from .metadata import parse_metadata
from .model import Document, IngestError, RawDocument
from .outline import find_markers, parse_outline
from .readers import read_document


def load_document(path: str | Path) -> Document:
    """Read and structure one circular; raises `IngestError` naming the file and the reason."""
    raw = read_document(path)
    return structure(raw)


def structure(raw: RawDocument) -> Document:
    cleaned = clean_text(raw.text)
    text = cleaned.mapped.text
    if not text.strip():
        raise IngestError(raw.path, "no text left after removing page furniture")
    markers = find_markers(text)
    meta, body_start = parse_metadata(text, markers[0].line_start if markers else None)
    outline = parse_outline(text, start=body_start)
    return Document(raw=raw, clean=cleaned.mapped, script=cleaned.script, meta=meta, outline=outline,
                    body_start=body_start)
