"""Shared fixtures: the seed corpus in the repo and the shared gold/scorer beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


def seed(prefix: str) -> Path:
    """The corpus file whose name starts with `prefix` (e.g. "001")."""
    return next(CORPUS.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="session")
def seed_path():
    return seed


@pytest.fixture(scope="session")
def seed_records():
    """Extraction records of the five seeds, computed once per test session."""
    from policykg.nlp.extract import extract_path

    return {p.name[:3]: extract_path(p) for p in sorted(CORPUS.glob("*.txt"))}
