"""The spaCy pipeline, assembled from `pipeline.cfg`, with jieba taught policykg's terms.

Why a user dictionary: jieba splits body names and domain terms it has never seen
(`应急管理厅`, `危险化学品`), so spans would not align to tokens. Every body name, department
short form, sector and mechanism wording from the data files is added to jieba — which is the
global jieba instance spaCy's Chinese tokenizer uses (see shared/PLATFORM.md).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib import resources

import spacy
from spacy.tokens import Doc

from ..ingest.model import Meta
from . import components  # noqa: F401  (registers the components)
from .actors import COMMITTEE_FULL, departments
from .vocab import read_table


def domain_terms() -> set[str]:
    terms: set[str] = set()
    for d in departments():
        terms.update(d.shorts)
        terms.update({d.province_name, d.local_name, d.county_name})
    terms.update(COMMITTEE_FULL)
    terms.update(COMMITTEE_FULL.values())
    for table in ("sectors.tsv", "mechanisms.tsv"):
        for label, syns in read_table(table).items():
            terms.add(label)
            terms.update(syns)
    return {t for t in terms if len(t) >= 2}


@lru_cache(maxsize=1)
def load_pipeline() -> spacy.language.Language:
    import jieba

    jieba.setLogLevel(60)
    for term in sorted(domain_terms()):
        jieba.add_word(term, freq=50000)
    cfg_text = resources.files(__package__).joinpath("pipeline.cfg").read_text(encoding="utf-8")
    config = spacy.util.load_config_from_str(cfg_text)
    return spacy.util.load_model_from_config(config, auto_fill=True, validate=True)


def analyse(text: str, meta: Meta, title: str = "", doc_date: dt.date | None = None,
            period: tuple[dt.date, dt.date] | None = None, columns: dict[str, str] | None = None,
            cells: dict[str, tuple[int, int]] | None = None) -> Doc:
    """Run the pipeline over one task's text with its document context.

    `columns` are a table row's cells by column kind and `cells` their spans in `text`, so
    that evidence found in a cell gets offsets in the text like any other.
    """
    nlp = load_pipeline()
    doc = nlp.make_doc(text)
    doc.user_data["policykg"] = {"meta": meta, "title": title, "doc_date": doc_date, "period": period,
                                 "columns": columns, "cells": cells}
    # spaCy's tokenizers are non-destructive (Doc.text == text), and rebuilding Doc.text from
    # the tokens costs as much as a component: hand the components the string itself
    doc.user_data["policykg_text"] = text
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc
