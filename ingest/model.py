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
    """A file that cannot become a document; the message names the file and the reason.

    `code` is a stable short word for the kind of failure (`encrypted`, `corrupt`, `empty`,
    `too_large`, `unsupported`, `no_text`, `ocr_missing`, `converter_missing`, ...) so the
    API and the page can translate or count failures without parsing English text; None
    where a reader did not classify it.
    """

    def __init__(self, path: str | Path, reason: str, code: str | None = None):
        self.path = str(path)
        self.reason = reason
        self.code = code
        super().__init__(f"{self.path}: {reason}")

    def __reduce__(self):
        # rebuilt from its fields, so it crosses process boundaries (parallel ingest workers)
        return (IngestError, (self.path, self.reason, self.code))


Span = tuple[int, int]


@dataclass
class RawTable:
    """A table as the file itself declares it (docx/html/xlsx/xls/pdf/ofd tables).

    Why declared and not inferred from separators: a reader knows where its cells are; the
    layers after it must not re-guess that from tab characters. Each cell is a span of
    `RawDocument.text`. A merged cell is repeated into every row/column it covers by giving
    those cells the same span (its text is written once). An empty cell is an empty span at
    the place it would be. `header_rows` leading rows are headers (0 when the file does not
    say; the block reader then looks for a header itself).
    """

    rows: list[list[Span]]
    header_rows: int = 0
    name: str | None = None  # sheet name, table caption


@dataclass
class OcrPage:
    """A page whose text came from OCR, with the recogniser's mean confidence (0..1)."""

    page: int  # 1-based
    span: Span  # of RawDocument.text
    confidence: float
    engine: str


@dataclass
class RawDocument:
    """Text as read from a file, before any cleaning.

    `text` is the reference for all offsets: for .txt it is the decoded file byte for byte
    (newlines untouched); for other formats it is the text layer the reader extracted, with
    each declared table written row by row (one row a line) and listed in `tables`.
    """

    path: str
    text: str
    encoding: str | None
    fmt: str  # txt | html | docx | pdf | doc | wps | xls | xlsx | et | ofd ...
    sha256: str  # of the file's bytes: the document's identity
    tables: list[RawTable] = field(default_factory=list)
    ocr: list[OcrPage] = field(default_factory=list)  # pages read by OCR (empty: none)
    attachments: list[str] = field(default_factory=list)  # attachment names/links the file lists
    props: dict[str, str] = field(default_factory=dict)  # the format's own metadata (title, author, created)


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
    blocks: list = field(default_factory=list)  # ingest.blocks.Paragraph | Table, in text order

    @property
    def id(self) -> str:
        return self.raw.sha256[:16]

    @property
    def name(self) -> str:
        return Path(self.raw.path).name

    def items(self):
        for top in self.outline:
            yield from top.walk()
