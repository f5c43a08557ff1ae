"""The extraction record's JSON schema is generated from the typed records (nlp/records.py) and
kept in the repository (nlp/data/extraction.schema.json) for users who consume our JSON
without Python. It must be current, and real records must satisfy it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from policykg.nlp.records import SCHEMA_PATH, json_schema

SHARED = Path(__file__).resolve().parents[2] / "shared"


def test_the_kept_schema_is_the_generated_one():
    kept = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert kept == json_schema(), "run `python -m policykg.nlp.records` to regenerate nlp/data/extraction.schema.json"


@pytest.mark.parametrize("path", [
    Path(__file__).resolve().parents[1] / "corpus" / "002_c5ef4229b791ba39.txt",  # a county plan
    SHARED / "devset" / "docs" / "d05.txt",  # a table with undated limits
    SHARED / "devset" / "docs" / "d23.txt",  # a letter with inferred actors
])
def test_real_records_satisfy_the_schema(path):
    if not path.exists():
        pytest.skip(f"{path} not beside the repository")
    from policykg.nlp.extract import extract_path

    jsonschema.validate(extract_path(path), json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
