"""The ingest layer's output: a clean, structured document that remembers its original.

These dataclasses are the contract between `ingest/` and `nlp/`: readers produce a
`RawDocument`, cleaning produces a `MappedText`, the outline parser produces `OutlineItem`s
and the metadata parser a `Meta`; `ingest.pipeline.load_document` bundles them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .textmap import MappedText


class IngestError(Exception):
    """A file that cannot become a document; the message names the file and the reason."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass
class RawDocument:
    """Text as read from a file, before any cleaning.

    `text` is the reference for all offsets: for .txt it is the decoded file byte for byte
    (newlines untouched); for .html/.docx/.pdf it is the text layer the reader extracted.
    """

    path: str
    text: str
    encoding: str | None
    fmt: str  # txt | html | docx | pdf
    sha256: str  # of the file's bytes: the document's identity


@dataclass
class OutlineItem:
    """One numbered item of a circular's outline (一、 / (一) / 1. / (1) / ①)."""

    marker: str  # the number as written, simplified, without punctuation but keeping (): "一", "(一)", "1"
    style: str  # cn | paren_cn | arabic | paren_arabic | circled
    level: int  # depth in this document's outline, 0 = outermost
    path: list[str]  # markers from the outermost heading inward
    start: int  # span of the whole item in the clean text, including its children
    end: int
    head_end: int  # end of the item's own text (before its first child)
    title: str  # lead sentence up to the first 。 without the number
    children: list["OutlineItem"] = field(default_factory=list)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass
class Meta:
    title: str | None = None
    doc_number: str | None = None
    issuers: list[str] = field(default_factory=list)
    date: str | None = None  # ISO
    province: str | None = None
    locality: str | None = None
    period: dict | None = None  # {"start": ISO, "end": ISO}
    addressees: list[str] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "title": self.title,
            "doc_number": self.doc_number,
            "issuers": list(self.issuers),
            "date": self.date,
            "province": self.province,
            "locality": self.locality,
            "period": self.period,
            "addressees": list(self.addressees),
            "citations": list(self.citations),
        }


@dataclass
class Document:
    """A cleaned, parsed circular. `clean.text` is simplified script with normalised punctuation."""

    raw: RawDocument
    clean: MappedText
    script: str  # "traditional" | "simplified" (of the original)
    meta: Meta
    outline: list[OutlineItem]
    body_start: int = 0  # where the work-points body (after the cover notice) begins in clean text

    @property
    def id(self) -> str:
        return self.raw.sha256[:16]

    @property
    def name(self) -> str:
        return Path(self.raw.path).name

    def items(self):
        for top in self.outline:
            yield from top.walk()
