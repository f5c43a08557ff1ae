"""The spaCy pipeline, assembled from `pipeline.cfg`, with jieba taught policykg's terms.

The Doc's tokens are characters (components.CharTokenizer); jieba segments words where word
boundaries matter (the left edge of a body's name in nlp/parties.py, part of speech in
ingest/names.py). Why a user dictionary: jieba splits body names and domain terms it has never
seen (`应急管理厅`, `危险化学品`), so a name's edge would fall inside a word. Every body name,
department short form, sector and mechanism wording from the data files is added to the global
jieba instance (see shared/PLATFORM.md).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import spacy
from spacy.tokens import Doc

from ..ingest.lexicon import lexicon
from . import components  # noqa: F401  (registers the components)
from .actors import DocContext
from .records import Actor
from .vocab import read_table


def domain_terms() -> set[str]:
    lex = lexicon()
    terms: set[str] = set()
    for d in lex.departments:
        terms.update(d.stems)
        terms.update(d.names.values())
    terms.update(lex.abbreviations)
    terms.update(lex.abbreviations.values())
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


def analyse(text: str, ctx: DocContext, title: str = "", columns: dict[str, str] | None = None,
            cells: dict[str, tuple[int, int]] | None = None, inherited: list[Actor] | None = None) -> Doc:
    """Run the pipeline over one task's text with its document context.

    `columns` are a table row's cells by column kind and `cells` their spans in `text`, so
    that evidence found in a cell gets offsets in the text like any other; `inherited` are
    the actors of the sentence that introduces the task's list, for a task naming nobody.
    """
    nlp = load_pipeline()
    doc = nlp.make_doc(text)
    doc.user_data["policykg"] = {"ctx": ctx, "title": title, "columns": columns, "cells": cells,
                                 "inherited": inherited}
    # spaCy's tokenizers are non-destructive (Doc.text == text), and rebuilding Doc.text from
    # the tokens costs as much as a component: hand the components the string itself
    doc.user_data["policykg_text"] = text
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc
