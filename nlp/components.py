"""policykg's spaCy components. Each runs one extractor over the Doc's text and stores its
results as spaCy spans in `doc.spans[<group>]`, with the normalised record in `span._.data`.

The document context an extractor needs (metadata, date, plan period) travels in
`doc.user_data["policykg"]`, set by `pipeline.PolicyPipeline` before the components run.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .actors import actors_for
from .deadlines import find_deadlines
from .sectors import find_sectors, sectors_of
from .targets import find_targets

if not Span.has_extension("data"):
    Span.set_extension("data", default=None)
# Records live in Doc-level lists: spaCy keys `Span._` data by offsets, so two findings over
# the same characters would overwrite each other there. Spans are the evidence (where).
for _name in ("actors", "recipients", "sectors", "deadlines", "targets"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def context(doc: Doc) -> dict:
    return doc.user_data.get("policykg", {})


def add_span(doc: Doc, group: str, start: int, end: int, label: str, data: dict) -> None:
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is not None:
        span._.data = data
        doc.spans.setdefault(group, []).append(span)


@Language.component("policykg_actors")
def actors_component(doc: Doc) -> Doc:
    ctx = context(doc)
    actors, recipients, mentions = actors_for(doc.text, ctx.get("title", ""), ctx["meta"], with_mentions=True,
                                              columns=ctx.get("columns"))
    doc._.actors, doc._.recipients = actors, recipients
    doc.spans["actors"] = []
    for m in mentions:
        if m.end > m.start:
            add_span(doc, "actors", m.start, m.end, m.name, {"name": m.name, "role": m.role})
    return doc


@Language.component("policykg_deadlines")
def deadlines_component(doc: Doc) -> Doc:
    ctx = context(doc)
    doc.spans["deadlines"] = []
    found = find_deadlines(doc.text, ctx.get("doc_date"), ctx.get("period"))
    doc._.deadlines = [d.to_record() for d in found]
    for d in found:
        add_span(doc, "deadlines", d.start, d.end, d.type, d.to_record())
    return doc


@Language.component("policykg_sectors")
def sectors_component(doc: Doc) -> Doc:
    """Sectors named in the task, not counting body names (交通运输局 names no sector)."""
    text = doc.text
    for span in doc.spans.get("actors", []):
        text = text[:span.start_char] + "\0" * (span.end_char - span.start_char) + text[span.end_char:]
    doc.spans["sectors"] = []
    for h in find_sectors(text):
        add_span(doc, "sectors", h.start, h.end, h.label, {"sector": h.label})
    doc._.sectors = sectors_of(text)
    return doc


@Language.component("policykg_targets")
def targets_component(doc: Doc) -> Doc:
    doc.spans["targets"] = []
    found = find_targets(doc.text)
    doc._.targets = [t.to_record() for t in found]
    for t in found:
        add_span(doc, "targets", t.start, t.end, "target", t.to_record())
    return doc
