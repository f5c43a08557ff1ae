"""policykg's spaCy components. Each runs one extractor over the Doc's text and stores its
results as spaCy spans in `doc.spans[<group>]`, with the normalised record in `span._.data`.

Tokens are characters (CharTokenizer), so spans are exact; each component also lists its
evidence in `doc._.marks`: `{"kind", "label", "start", "end"}` with character offsets in the
Doc's text, which `extract.task_record` maps to the original file.

The document context an extractor needs (metadata, date, plan period) travels in
`doc.user_data["policykg"]`, set by `pipeline.PolicyPipeline` before the components run.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.util import registry
from spacy.tokens import Doc, Span

from .actors import actors_for
from .labels import deadline_label, target_label
from .deadlines import find_deadlines, find_in_cell

SCHEMA_FREQS = {"daily", "weekly", "monthly", "quarterly", "yearly"}
# within a document about one hazard, the sectors its own wording would otherwise suggest
ABSORBED = {"森林草原防火": {"消防", "烟花爆竹"}, "防汛抗旱": {"自然灾害"}}
PLACE_LIST = re.compile(r"(以下|下列)(区域|场所|地点|范围|部位)")
from .sectors import NATURAL_HAZARDS, find_sectors, labels_of
from .targets import find_targets

class CharTokenizer:
    """One token per character, as a spaCy tokenizer.

    Why not jieba here: every extractor reads characters (PLATFORM.md: 3月10日前 segments as
    3/月/10/日前) and jieba is used where words matter (parties' word boundaries, part of speech,
    search); the Doc's tokens only anchor evidence spans, and character tokens make them exact
    (a jieba token 日前 made the span of 3月10日 spill over). Segmenting every task again cost as
    much as all jieba segmentation of the document. Doc.text == text."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        return Doc(self.vocab, words=list(text), spaces=[False] * len(text))


@registry.tokenizers("policykg.char_tokenizer.v1")
def create_char_tokenizer():
    def make(nlp):
        return CharTokenizer(nlp.vocab)
    return make


if not Span.has_extension("data"):
    Span.set_extension("data", default=None)
# Records live in Doc-level lists: spaCy keys `Span._` data by offsets, so two findings over
# the same characters would overwrite each other there. Spans are the evidence (where).
for _name in ("actors", "recipients", "sectors", "deadlines", "targets", "marks"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def context(doc: Doc) -> dict:
    return doc.user_data.get("policykg", {})


def text_of(doc: Doc) -> str:
    """The Doc's text, built once: spaCy rebuilds `Doc.text` from its tokens on every access,
    which cost about a third of the whole extraction when each component asked for it."""
    text = doc.user_data.get("policykg_text")
    if text is None:
        text = doc.user_data["policykg_text"] = doc.text
    return text


def add_span(doc: Doc, group: str, start: int, end: int, label: str, data: dict) -> None:
    # tokens are characters (CharTokenizer), so character offsets are token offsets: the span
    # is made directly (Doc.char_span searched the token boundaries for every finding)
    if 0 <= start < end <= len(doc):
        span = Span(doc, start, end, label=label)
        span._.data = data
        doc.spans.setdefault(group, []).append(span)


def add_mark(doc: Doc, kind: str, label: str, start: int, end: int) -> None:
    """Exact evidence (character offsets in the Doc's text) of one finding."""
    if 0 <= start < end <= len(text_of(doc)):
        # the list is kept in user_data as well: each `doc._` access builds an accessor object,
        # which cost more than the marks themselves
        marks = doc.user_data.get("policykg_marks")
        if marks is None:
            marks = doc.user_data["policykg_marks"] = []
            doc._.marks = marks
        marks.append({"kind": kind, "label": label, "start": start, "end": end})


@Language.component("policykg_actors")
def actors_component(doc: Doc) -> Doc:
    c = context(doc)
    res = actors_for(text_of(doc), c["ctx"], columns=c.get("columns"), cells=c.get("cells"),
                     inherited=c.get("inherited"), title=c.get("title", ""))
    doc._.actors = list(res.actors)  # typed records; the document record dumps them once
    doc._.recipients = res.recipients
    doc.spans["actors"] = []
    doc.spans["recipients"] = []
    for m in res.mentions:
        if m.end > m.start:
            add_span(doc, "actors", m.start, m.end, m.name, {"name": m.name, "role": m.role})
            add_mark(doc, "actor", m.name, m.start, m.end)
    for m in res.to_whom:
        if m.end > m.start:
            add_span(doc, "recipients", m.start, m.end, m.name, {"name": m.name})
            add_mark(doc, "recipient", m.name, m.start, m.end)
    return doc


@Language.component("policykg_deadlines")
def deadlines_component(doc: Doc) -> Doc:
    c = context(doc)
    ctx = c["ctx"]
    doc.spans["deadlines"] = []
    text = text_of(doc)
    cell = (c.get("cells") or {}).get("deadline")
    if cell:  # a table row: its 完成时限 cell needs no cue words; the other cells are text
        a, b = cell
        found = [d for d in find_deadlines(text[:a] + " " * (b - a) + text[b:], ctx.doc_date, ctx.period, ctx.jur.year)]
        for d in find_in_cell(text[a:b], ctx.doc_date, ctx.period, ctx.jur.year):
            d.start, d.end = d.start + a, d.end + a
            found.append(d)
        found.sort(key=lambda d: d.start)
    else:
        found = find_deadlines(text, ctx.doc_date, ctx.period, ctx.jur.year)
    # SCHEMA: 每半年 and 每旬 have no freq value and are not listed
    found = [d for d in found if d.type != "recurring" or d.freq in SCHEMA_FREQS]
    records = doc._.deadlines = [d.to_record() for d in found]
    for d, rec in zip(found, records):
        add_span(doc, "deadlines", d.start, d.end, d.type, rec)
        add_mark(doc, "deadline", deadline_label(rec), d.start, d.end)
    return doc


@Language.component("policykg_sectors")
def sectors_component(doc: Doc) -> Doc:
    """Sectors named in the task, not counting body names (交通运输局 names no sector), plus
    the document's single domain when it has one."""
    text = text_of(doc)
    for span in doc.spans.get("actors", []):
        text = text[:span.start_char] + "\0" * (span.end_char - span.start_char) + text[span.end_char:]
    doc.spans["sectors"] = []
    hits = find_sectors(text)
    own = labels_of(hits)
    domain = context(doc)["ctx"].domain_sectors
    if domain:
        # in a forest-fire ban, 火灾 and the fireworks it bans are that domain, not 消防/烟花爆竹;
        # the places a ban lists (以下区域禁止燃放: 学校, 医院, 商场…) are where, not what
        absorbed = ABSORBED.get(domain[0], set())
        own = [s for s in own if s not in absorbed]
        if PLACE_LIST.search(text):
            own = [s for s in own if s in domain]
    sectors = own + [d for d in domain if d not in own]
    if "自然灾害" in sectors and NATURAL_HAZARDS.intersection(sectors):
        sectors.remove("自然灾害")  # (the general word beside the document's own hazard: that hazard)
    doc._.sectors = sectors
    for h in hits:
        add_span(doc, "sectors", h.start, h.end, h.label, {"sector": h.label})
        if h.label in sectors:  # not a general word overridden by a specific one
            add_mark(doc, "sector", h.label, h.start, h.end)
    return doc


@Language.component("policykg_targets")
def targets_component(doc: Doc) -> Doc:
    doc.spans["targets"] = []
    text = text_of(doc)
    # a table row's commitments are in its task cell; the 牵头/配合/时限 cells beside it are not
    # part of any target's wording
    lo, hi = (context(doc).get("cells") or {}).get("task", (0, len(text)))
    found = find_targets(text[lo:hi])
    for t in found:
        t.start, t.end = t.start + lo, t.end + lo
    records = doc._.targets = [t.to_record() for t in found]
    for t, rec in zip(found, records):
        add_span(doc, "targets", t.start, t.end, "target", rec)
        add_mark(doc, "target", target_label(rec), t.start, t.end)
    return doc
