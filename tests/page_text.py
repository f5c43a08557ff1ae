"""The whole pipeline over a page's text, as the page-shape tests read the lines they cite."""

from __future__ import annotations

import hashlib

from policykg.ingest.model import RawDocument
from policykg.ingest.pipeline import structure
from policykg.nlp.extract import extract_document


def extract_text(text: str, name: str = "page.txt") -> dict:
    raw = RawDocument(name, text, "utf-8", "txt", hashlib.sha256(text.encode()).hexdigest())
    return extract_document(structure(raw))
