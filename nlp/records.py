"""Typed extraction records: what nlp produces and graph and api consume.

The JSON form is the record of ../shared/gold/SCHEMA.md (the scorer reads it), plus what the
graph needs for evidence: the document's content-hash `id`, `original_text`, each task's
`span` in it and each finding's `marks`. Beyond the schema, every actor carries the `rule`
that recognised it and the text it was `written` as, so a wrong actor can be traced.

`extraction.schema.json` (next to this package's data) is generated from these models
(`python -m policykg.nlp.records`) and a test keeps it in step.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Role(str, Enum):
    """How a body takes part in a task (SCHEMA.md, actors)."""

    LEAD = "lead"  # 牵头 / 负责 beside participants / 主办
    PARTICIPANT = "participant"  # 配合 / 参与 / 协办
    RESPONSIBLE = "responsible"  # the subject of an obligation with no lead/participant split

    @property
    def rank(self) -> int:
        """Strength when one body is named twice in a task: lead > participant > responsible."""
        return {"lead": 0, "participant": 1, "responsible": 2}[self.value]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class Actor(Record):
    name: str = Field(description="canonical name (simplified, full, with the jurisdiction prefixed)")
    role: Role
    explicit: bool = Field(description="named in the task's text; false when inferred")
    rule: str | None = Field(None, description="what recognised it: labelled, allocation, by, subject, partner, "
                                               "list, cell, inherited, issuer, addressees")
    written: str | None = Field(None, description="the name as the text writes it (simplified)")


class Deadline(Record):
    text: str
    type: Literal["date", "relative", "recurring"]
    date: str | None = None
    anchor: str | None = None
    duration: str | None = None
    business_days: bool | None = None
    freq: str | None = None
    rrule: str | None = None


class Target(Record):
    text: str
    value: float | int
    unit: str


class Mark(Record):
    kind: Literal["actor", "recipient", "deadline", "sector", "target"]
    label: str
    start: int = Field(description="offset into original_text")
    end: int


class Task(Record):
    id: str
    path: list[str]
    title: str
    text: str
    quote: str
    span: list[int] = Field(description="[start, end) of the task in original_text")
    actors: list[Actor] = []
    recipients: list[str] = []
    deadlines: list[Deadline] = []
    # calendar limits the text states but the document gives no year for ("4月底前" on an
    # undated page): kept as written for the breakdown table, never given a guessed date
    undated_deadlines: list[Deadline] = []
    sectors: list[str] = []
    targets: list[Target] = []
    marks: list[Mark] = []


class Period(Record):
    start: str | None
    end: str | None


class Meta(Record):
    title: str | None = None
    doc_number: str | None = None
    issuers: list[str] = []
    date: str | None = None
    province: str | None = None
    locality: str | None = None
    period: Period | None = None
    addressees: list[str] = []
    citations: list[str] = []


class Figure(Record):
    text: str
    value: float | int
    unit: str


class Practice(Record):
    region: str
    quote: str
    span: list[int]
    mechanisms: list[str] = []
    figures: list[Figure] = []


class OutlineEntry(Record):
    path: list[str]
    title: str
    span: list[int]


class OcrNote(Record):
    page: int
    confidence: float
    engine: str


class ExtractionRecord(Record):
    doc: str = Field(description="file name of the source document")
    id: str = Field(description="content hash of the file (first 16 hex digits of its SHA-256)")
    source_path: str
    format: str
    encoding: str | None
    script: Literal["simplified", "traditional"]
    meta: Meta
    tasks: list[Task]
    practices: list[Practice] = []
    outline: list[OutlineEntry] = []
    ocr: list[OcrNote] = []
    attachments: list[str] = []
    original_text: str

    def to_json(self) -> dict[str, Any]:
        """The JSON-ready dict (enums as their values, no unset optional noise in deadlines)."""
        out = self.model_dump(mode="json")
        for task in out["tasks"]:
            for key in ("deadlines", "undated_deadlines"):
                task[key] = [{k: v for k, v in d.items() if v is not None or k == "date"} if key == "undated_deadlines"
                             else {k: v for k, v in d.items() if v is not None} for d in task[key]]
            for a in task["actors"]:
                for k in ("rule", "written"):
                    if a.get(k) is None:
                        a.pop(k, None)
        return out


SCHEMA_PATH = Path(__file__).parent / "data" / "extraction.schema.json"


def json_schema() -> dict[str, Any]:
    return ExtractionRecord.model_json_schema()


def write_schema(path: Path = SCHEMA_PATH) -> None:
    path.write_text(json.dumps(json_schema(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_schema()
    print(SCHEMA_PATH)
