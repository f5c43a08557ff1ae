"""A structured document in, the extraction record of shared/gold/SCHEMA.md out.

The record carries, beyond the schema, what the graph needs for evidence: the document's
content-hash `id`, `original_text`, and for each task its `span` in the original text and its
`marks`: where each actor, recipient, deadline, sector and target was found, as offsets into
`original_text` (the task text is a `MappedText` of the clean text, so every offset maps back).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np

from ..ingest.model import Document
from ..ingest.clean import FIELD_LINE, opens_with_bodies_role
from ..ingest.metadata import document_year
from ..ingest.outline import match_marker
from ..ingest.pipeline import load_document
from ..ingest.textmap import MappedText
from ..ingest.names import Jurisdiction, parse_names
from ..ingest.regions import gazetteer
from .actors import DocContext, default_actors, inspection_groups
from .pipeline import analyse
from .records import Actor, ExtractionRecord
from .sectors import document_domain, sectors_of
from .practices import find_sections, mechanisms_of
from .parties import bodies_named, find_parties, mask_quotes, opens_with_subject
from .preamble import preamble_tasks
from .targets import find_targets
from .tasks import TaskSpan, select_tasks
from .vocab import DUTY_YAO

# precompiled: these run per name or per sentence (re's own cache lookup cost ~5% of extraction)
# an item's own number before its quote: (一) / 一、 / 1. / ①, never a figure that opens the text
# (3月6日, 三月底前: the quote would lose the first character of its date)
_QUOTE_FOR_RX1 = re.compile(r"^\s*([((][一二三四五六七八九十\d]{1,3}[))][、.．]?|[一二三四五六七八九十\d]{1,3}[、.．]|[①-⑳])\s*")


def extract_path(path: str | Path) -> dict:
    """Read, clean, structure and extract one circular (raises IngestError on bad input)."""
    return extract_document(load_document(path))


# what a roundup asks in so many words (要/应当/必须/须/不得/严禁, a clause's 请): its reports of what was
# done use 确保, 负责 and 聘请 too
ASKED = re.compile(DUTY_YAO + r"|应当|必须|务必|须|不得|严禁|(?:^|[,,。;;])请")


# a lead-in naming the document it opens (特制订我乡森林防火实施方案 / 特制定本…工作方案)
SELF_NAMED = re.compile(r"(?:特|现)?(?:制定|制订)(?:了|如下)?(?P<name>[^。,,;;:：]{2,40}?(?:方案|办法|意见|规定|预案|要点|计划))"
                        # (我局就全力做好抗击洪灾有关工作紧急通知如下: what the notice is on)
                        r"|就(?P<on>[^。,,;;:：]{2,40}?)(?:有关(?:工作|事项|事宜))?(?:紧急)?(?:通知|通告)如下")


def extract_document(doc: Document) -> dict:
    meta = doc.meta
    sections = find_sections(doc.clean.text, doc.body_start, news=not meta.addressees and not meta.issuers)
    if sections:  # a roundup of many regions belongs to the place above them all (雅安市, 湖南省, none)
        common = shared_chain([gazetteer().chain(s.region) for s in sections])
        meta.province = common[0].name if common else None
        meta.locality = gazetteer().written(common[1:]) or None
    ctx = doc_context(doc)
    spans = select_tasks(doc, lambda line: opens_with_subject(line, ctx.jur))
    # a roundup's numbered region sections ("一、江苏省:…") are practices, not obligations
    spans = [t for t in spans if not any(s.start <= t.start < s.end or t.start <= s.start < t.end for s in sections)]
    spans = sorted(preamble_tasks(doc, ctx, sections, spans) + spans, key=lambda t: t.start)
    if sections:
        # a roundup reports what regions did (一是加强领导,落实责任。各区县…制定了…): only the numbered
        # points that ask in so many words are obligations (its unnumbered text was read sentence by
        # sentence for duty words and limits already)
        spans = [t for t in spans if t.path == ["preamble"] or ASKED.search(mask_quotes(doc.clean.text[t.start:t.end]))]
    if not sections:
        texts = [doc.clean.text[t.start:t.end] for t in spans]
        about = meta.title
        if meta.title is None and spans and spans[0].start > doc.body_start:
            # a page without its title: the lead-in before the first task tells what it is about
            # (根据《…森林防灭火指挥部…》…划定为森林高火险区。现将有关事项通告如下), and what it
            # names itself is its title's say (结合我乡实际,特制订我乡森林防火实施方案)
            lead_in = doc.clean.text[doc.body_start:spans[0].start]
            texts = [lead_in] + texts
            named = SELF_NAMED.search(lead_in)
            about = (named.group("name") or named.group("on")) if named else None
            if about is not None and len(sectors_of(about)) != 1:
                about = None  # (…如何进一步做好防震减灾宣传教育工作: two domains named, the text decides)
        ctx.domain_sectors = document_domain(about, meta.issuers, texts, meta.addressees)
    prefix = doc_prefix(doc)
    tasks = []
    intro: list[Actor] | None = None  # the parties of the sentence that introduces the items
    headings = heading_parties(doc, ctx)
    asked: list[Actor] | None = None  # the parties a lead-in asks (…要求各乡镇:一要…二要…)
    point_before: tuple | None = None  # (parent, explicit actors) of the last inline point naming any
    for i, ts in enumerate(spans, 1):
        if ts.path == ["preamble"]:
            asked = None
        else:
            lead_in = lead_in_of(doc.clean.text, ts.start)
            if lead_in is not None:
                asked = asked_in(lead_in, ctx)
        parent = parent_of(doc, ts)  # (a walk over the outline: once a task)
        inherited = None if ts.path == ["preamble"] else (headings.get(id(parent)) or intro or asked)
        rec = task_record(doc, ctx, ts, f"{prefix}-{i:02d}", inherited)
        if ts.item is not None and ts.item.style == "shi":
            if ts.item.marker in ("一", "1"):
                point_before = None  # 会议要求,一要…: a new run of points, after another run's (会议强调,一要…)
                subject = run_subject(doc.clean.text, ts.start, ctx)
                if subject and not any(a.explicit for a in rec["actors"]):
                    rec["actors"] = subject  # 各镇(乡)、部门一是要…: the first point's subject
            if not rec["actors"] and point_before is not None and point_before[0] is parent:
                # 一是各镇、各部门要…二是…三是强化…: a point of a speech naming nobody is for those the
                # points before it named (when nothing else would be inferred)
                rec["actors"] = [Actor(name=a.name, role=a.role, explicit=False, rule="previous-point")
                                 for a in point_before[1]]
            named = [a for a in rec["actors"] if a.explicit]
            if named:
                point_before = (parent, named)
        nxt = spans[i] if i < len(spans) else None
        if ts.path == ["preamble"] and nxt is not None and nxt.path != ["preamble"] \
                and not doc.clean.text[ts.end:nxt.start].strip():
            intro = [a for a in rec["actors"] if a.explicit] or None
        tasks.append(rec)
    record = {
        "doc": doc.name,
        "id": doc.id,
        "source_path": doc.raw.path,
        "format": doc.raw.fmt,
        "encoding": doc.raw.encoding,
        "script": doc.script,
        "meta": meta.as_dict(),
        "tasks": tasks,
        "practices": [practice_record(doc, s) for s in sections],
        "outline": outline_records(doc),
        "ocr": [{"page": p.page, "confidence": p.confidence, "engine": p.engine} for p in doc.raw.ocr],
        "attachments": list(doc.raw.attachments),
        "original_text": doc.raw.text,
    }
    return ExtractionRecord.model_validate(record).to_json()


LEAD_IN_START = re.compile(r"[。;;!?\n][^。;;!?\n]*$")
ASKING_LEAD_IN = re.compile(r"要求(?P<who>[^。;;:：]{2,110})[:：]\s*$")


def lead_in_of(text: str, start: int) -> str | None:
    """The clause that opens a list of points in the same paragraph, up to the first point
    (市国土局地环股要求各乡镇:一要…), when it ends on a colon; None when the point follows another."""
    before = text[max(0, start - 120):start]
    m = LEAD_IN_START.search(before)
    clause = before[m.start() + 1:] if m else before
    return clause if clause.rstrip().endswith((":", "：")) else None


RUN_SUBJECT = re.compile(r"[^。;；!?\n,，:：]{2,40}$")


def run_subject(text: str, start: int, ctx: DocContext) -> list[Actor] | None:
    """The parties written straight before a run's first point, as its subject (各镇(乡)、部门一是要…;
    二是要…): the whole clause before 一是 is their names. A later point naming nobody takes them
    (inferred) only where nothing else would be inferred for it, as for any run of points."""
    m = RUN_SUBJECT.search(text, max(0, start - 40), start)
    if not m:
        return None
    clause = m.group(0)
    parties = [p for p in find_parties(clause + "要", ctx.jur, ctx.national, tuple(ctx.meta.addressees), ctx.pronouns)
               if not p.recipient]
    if not parties or parties[0].start != 0 or max(p.end for p in parties) < len(clause):
        return None
    return [Actor(name=p.name, role=p.role, explicit=True, rule="run-subject", written=p.written) for p in parties]


def asked_in(lead_in: str, ctx: DocContext) -> list[Actor] | None:
    """The parties a lead-in asks to carry the points after it (…要求各乡镇: → 各乡镇), inferred
    for the points that name nobody: the one asking is no actor of them."""
    m = ASKING_LEAD_IN.search(lead_in)
    if not m:
        return None
    # (…要求各社区要针对人员密集场所…等重点区域,全面开展…检查整治: — the one asked opens the clause;
    # what it is to check, further on, is no party)
    parties = [p for p in find_parties(m.group("who") + "要", ctx.jur, ctx.national, tuple(ctx.meta.addressees),
                                       ctx.pronouns) if not p.recipient and (p.start == 0 or "," not in m.group("who")
                                                                             and "，" not in m.group("who"))]
    return [Actor(name=p.name, role=p.role, explicit=True) for p in parties] or None


def parent_of(doc: Document, ts: TaskSpan):
    """The outline item whose heading encloses a task's item."""
    if ts.item is None:
        return None
    for item in doc.items():
        if any(c is ts.item for c in item.children):
            return item
    return None


def heading_parties(doc: Document, ctx: DocContext) -> dict[int, list[Actor]]:
    """Parties a heading names for the items under it ("四、各苏木镇、成员单位要认真做好…:
    (一)做好宣传工作…"): by item id, for items whose own text names nobody."""
    out: dict[int, list[Actor]] = {}
    text = doc.clean.text
    for item in doc.items():
        if not item.children:
            continue
        head = re.sub(r"\s*\n\s*", "", text[item.start:item.head_end])
        hit = match_marker(head)
        head = head[hit[3]:] if hit else head
        parties = [p for p in find_parties(head, ctx.jur, ctx.national, tuple(ctx.meta.addressees), ctx.pronouns)
                   if not p.recipient and p.rule in ("subject", "by", "allocation", "labelled")] \
            or bodies_named(head, ctx.jur, ctx.national, tuple(ctx.meta.addressees))
        if parties:
            out[id(item)] = [Actor(name=p.name, role=p.role, explicit=True) for p in parties]
    return out




def doc_year(doc: Document) -> int | None:
    """The year whose names are in force in the document (ingest.metadata.document_year): its
    date, or its plan's start, its own 发文字号, its page's posting time, else the year its text
    names most often."""
    d = doc_date(doc)
    return d.year if d else document_year(doc.meta, doc.clean.text, doc.raw.text)


def doc_context(doc: Document) -> DocContext:
    """What every task of the document shares. A national letter to one province's government
    (挂牌督办通知书 to 浙江省人民政府) speaks of that province's bodies as 省安委会 and of it as 你省."""
    meta = doc.meta
    province, locality = meta.province, meta.locality
    pronouns = None
    if len(meta.addressees) == 1:
        addressee = meta.addressees[0]
        hit = gazetteer().place_prefix(addressee)
        place = addressee[:hit[1]] if hit and hit[0].name == addressee[:hit[1]] else None
        pronouns = (addressee, place or "")
        if province is None and place and hit[0].level == 1:
            province = place
    jur = Jurisdiction.of(province, locality, doc_year(doc), tuple(meta.issuers))
    return DocContext(meta=meta, jur=jur, doc_date=doc_date(doc), period=plan_period(doc),
                      defaults=default_actors(meta), national=meta.province is None, pronouns=pronouns,
                      groups=inspection_groups(doc.clean.text))


def outline_records(doc: Document) -> list[dict]:
    """Every numbered heading and item, in document order: path, title, original-text span."""
    out = []
    for item in doc.items():
        a, b = doc.clean.to_original(item.start, item.end)
        out.append({"path": item.path, "title": item.title, "span": [a, b]})
    return out


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


LINE_BREAK = re.compile(r"\s*\n\s*")


def task_mapped(doc: Document, ts: TaskSpan) -> tuple[MappedText, dict[str, tuple[int, int]]]:
    """The task's clean text without its outline number, lines joined (a table row: its cells
    joined by spaces), as a `MappedText` of `doc.clean` so that every character of it maps to
    the original file; with, for a table row, the span of the first cell of each column kind.

    Why mapped: the extractors report offsets in this text, and the document view highlights
    their evidence in the original.
    """
    if ts.cells:
        parts = [(kind, doc.clean.slice(a, b)) for kind, (a, b) in ts.cells if kind != "number"]
        mt = MappedText.join(" ", [p for _, p in parts], doc.clean.original)
        where: dict[str, tuple[int, int]] = {}
        pos = 0
        for kind, part in parts:
            where.setdefault(kind, (pos, pos + len(part)))
            pos += len(part) + 1
        return mt, where
    mt = doc.clean.slice(ts.start, ts.end)
    if ts.item is not None and ts.start == ts.item.start and ts.item.style != "shi":
        hit = match_marker(mt.text)  # the item's own number (一是 is a word of the text, kept)
        if hit:
            mt = mt.slice(hit[3], len(mt))
    return mt.strip().sub(LINE_BREAK, heading_break(mt.strip().text)).strip(), {}


def heading_break(text: str):
    """The joiner of a task's lines: a wrapped line joins the next with nothing, but a short
    heading line with no closing punctuation ("落实单位责任,强化消防管控" over "各社会单位…须")
    ends its sentence there, so that the body's subject opens a clause."""
    first, _, rest = text.partition("\n")
    first = first.strip()
    # (a long heading too when the line under it opens with its own subject: "一、突出…主题,推动学习…
    # 走深走实" over "各地区、各有关部门和单位要…")
    heading = "\n" in text and not re.search(r"[。;:,!?、]$", first) \
        and (len(first) <= 30 or opens_with_subject(rest.strip(), Jurisdiction.of(None, None))) \
        and not parse_names(first, strict=True)  # "辽阳市政府\n对全市…": a subject broken from its verb

    def joiner(m: re.Match[str]) -> str:
        if heading and m.start() == len(text.split("\n", 1)[0].rstrip()):
            return "。"
        before = text[:m.start()].rstrip()
        if before and before[-1] not in "。;!?:,、" and (opens_with_bodies_role(text[m.end():])
                                                      or FIELD_LINE.match(text, m.end())):
            return "。"  # "…地面验证\n省自然资源厅牵头,…": a responsibility line under the item;
            # "责任单位:…供电所\n检查范围:…": a field of its own
        return ""
    return joiner


def task_text(doc: Document, ts: TaskSpan) -> str:
    """The task's clean text without its outline number, lines joined (a table row: its cells)."""
    return task_mapped(doc, ts)[0].text


def quote_for(doc: Document, ts: TaskSpan, text_start: int) -> str:
    """A verbatim excerpt (original script) unique to this task: the start of its body."""
    original = doc.raw.text
    a, b = doc.clean.to_original(ts.start, ts.end)
    chunk = original[a:b]
    first_line = chunk.split("\n", 1)[0]
    body = _QUOTE_FOR_RX1.sub("", first_line)
    for length in (24, 32, 48):
        q = body[:length].strip()
        if len(q) >= 8 and original.count(q) == 1:
            return q
    return body[:48].strip()


def task_record(doc: Document, ctx: DocContext, ts: TaskSpan, task_id: str,
                inherited: list[Actor] | None = None) -> dict:
    """One task's record; `inherited`: the parties of the sentence introducing the task's list
    (各乡镇…要…: 一是… 二是…), for a task that names nobody."""
    mapped, cells = task_mapped(doc, ts)
    text = mapped.text
    columns = {k: text[a:b] for k, (a, b) in cells.items()} if cells else None
    sdoc = analyse(text, ctx, ts.title, columns, cells or None, inherited)
    a, b = doc.clean.to_original(ts.start, ts.end)
    found = sdoc._  # one accessor: spaCy builds a new one on each `sdoc._`
    return {
        "id": task_id,
        "path": ts.path,
        "title": ts.title,
        "text": text,
        "quote": quote_for(doc, ts, ts.start),
        "span": [a, b],
        "actors": found.actors,
        "recipients": found.recipients,
        "deadlines": [d for d in found.deadlines if not undated(d)],
        "undated_deadlines": [d for d in found.deadlines if undated(d)],
        "sectors": found.sectors,
        "targets": found.targets,
        "marks": original_marks(mapped, found.marks or []),
    }


def undated(deadline: dict) -> bool:
    """A calendar limit whose year nothing in the document gives (no date, no period, no year
    in the text): SCHEMA deadlines are normalised, so it is kept apart."""
    return deadline.get("type") == "date" and not deadline.get("date")


def original_marks(mapped: MappedText, marks: list[dict]) -> list[dict]:
    """The extractors' evidence (offsets in the task text) as offsets in the original text,
    in text order, each once."""
    out: list[dict] = []
    seen: set[tuple] = set()
    for m in marks:
        if not 0 <= m["start"] < m["end"] <= len(mapped):
            continue
        a, b = mapped.to_original(m["start"], m["end"])
        key = (m["kind"], m["label"], a, b)
        if a < b and key not in seen:
            seen.add(key)
            out.append({"kind": m["kind"], "label": m["label"], "start": a, "end": b})
    out.sort(key=lambda m: (m["start"], -m["end"]))
    return out


def shared_chain(chains: list[list]) -> list:
    """The regions every chain starts with (省, then 市…): where a roundup of them all stands."""
    out = []
    for level in zip(*chains):
        if any(r is not level[0] for r in level):
            break
        out.append(level[0])
    return out


def practice_record(doc: Document, section) -> dict:
    body = doc.clean.text[section.start:section.end]
    flat = re.sub(r"\s*\n\s*", "", body)
    a, b = doc.clean.to_original(section.start, section.end)
    quote = doc.raw.text[a:b].strip().split("\n", 1)[0].strip()[:30]
    return {
        "region": section.name(),  # 湖南省长沙市, 四川省雅安市雨城区大兴街道
        "quote": quote,
        "span": [a, b],
        "mechanisms": mechanisms_of(flat),
        "figures": [t.to_record() for t in find_targets(flat, mode="figures")],
    }
