"""A structured document in, the extraction record of shared/gold/SCHEMA.md out.

The record carries, beyond the schema, what the graph needs for evidence: the document's
content-hash `id`, `original_text`, and for each task its `span` in the original text.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..ingest.model import Document
from ..ingest.pipeline import load_document
from .pipeline import analyse
from .practices import find_sections, mechanisms_of
from .preamble import preamble_tasks
from .targets import find_targets
from .tasks import TaskSpan, select_tasks


def extract_path(path: str | Path) -> dict:
    """Read, clean, structure and extract one circular (raises IngestError on bad input)."""
    return extract_document(load_document(path))


def extract_document(doc: Document) -> dict:
    meta = doc.meta
    sections = find_sections(doc.clean.text, doc.body_start)
    if sections:  # a roundup of many regions belongs to no single province
        meta.province = None
        meta.locality = None
    spans = select_tasks(doc)
    spans = preamble_tasks(doc, sections) + spans
    prefix = doc_prefix(doc)
    tasks = [task_record(doc, ts, f"{prefix}-{i:02d}") for i, ts in enumerate(spans, 1)]
    return {
        "doc": doc.name,
        "id": doc.id,
        "source_path": doc.raw.path,
        "format": doc.raw.fmt,
        "encoding": doc.raw.encoding,
        "script": doc.script,
        "meta": meta.as_dict(),
        "tasks": tasks,
        "practices": [practice_record(doc, s) for s in sections],
        "original_text": doc.raw.text,
    }


def doc_prefix(doc: Document) -> str:
    m = re.match(r"\d+", Path(doc.raw.path).stem)
    return m.group(0) if m else doc.id[:6]


def doc_date(doc: Document) -> dt.date | None:
    if doc.meta.date:
        return dt.date.fromisoformat(doc.meta.date)
    if doc.meta.period:
        return dt.date.fromisoformat(doc.meta.period["start"])
    return None


def plan_period(doc: Document) -> tuple[dt.date, dt.date] | None:
    p = doc.meta.period
    return (dt.date.fromisoformat(p["start"]), dt.date.fromisoformat(p["end"])) if p else None


def task_text(doc: Document, ts: TaskSpan) -> str:
    """The task's clean text without its outline number, lines joined (a table row: its cells)."""
    if ts.columns:
        return " ".join(v for k, v in ts.columns.items() if k != "number")
    raw = doc.clean.text[ts.start:ts.end]
    if ts.item is not None:
        raw = raw[len(doc.clean.text[ts.item.start:ts.item.start]):]
        raw = re.sub(r"^\s*(\(?[一二三四五六七八九十\d]{1,3}\)?[、.]?|[①-⑳])\s*", "", raw, count=1)
    return re.sub(r"\s*\n\s*", "", raw).strip()


def quote_for(doc: Document, ts: TaskSpan, text_start: int) -> str:
    """A verbatim excerpt (original script) unique to this task: the start of its body."""
    original = doc.raw.text
    a, b = doc.clean.to_original(ts.start, ts.end)
    chunk = original[a:b]
    first_line = chunk.split("\n", 1)[0]
    body = re.sub(r"^\s*(\(?[一二三四五六七八九十\d]{1,3}\)?[、.．]?|[①-⑳])\s*", "", first_line)
    for length in (24, 32, 48):
        q = body[:length].strip()
        if len(q) >= 8 and original.count(q) == 1:
            return q
    return body[:48].strip()


def task_record(doc: Document, ts: TaskSpan, task_id: str) -> dict:
    text = task_text(doc, ts)
    sdoc = analyse(text, doc.meta, ts.title, doc_date(doc), plan_period(doc), ts.columns or None)
    a, b = doc.clean.to_original(ts.start, ts.end)
    return {
        "id": task_id,
        "path": ts.path,
        "title": ts.title,
        "text": text,
        "quote": quote_for(doc, ts, ts.start),
        "span": [a, b],
        "actors": sdoc._.actors,
        "recipients": sdoc._.recipients,
        "deadlines": sdoc._.deadlines,
        "sectors": sdoc._.sectors,
        "targets": sdoc._.targets,
    }


def practice_record(doc: Document, section) -> dict:
    body = doc.clean.text[section.start:section.end]
    flat = re.sub(r"\s*\n\s*", "", body)
    a, b = doc.clean.to_original(section.start, section.end)
    quote = doc.raw.text[a:b].strip().split("\n", 1)[0].strip()[:30]
    return {
        "region": section.region.name,
        "quote": quote,
        "span": [a, b],
        "mechanisms": mechanisms_of(flat),
        "figures": [t.to_record() for t in find_targets(flat, mode="figures")],
    }
