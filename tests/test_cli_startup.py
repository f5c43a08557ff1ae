"""CLI read commands start fast: they import neither the embedding model's stack (torch,
sentence-transformers) nor the extraction pipeline (spaCy)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = """
import sys
from typer.testing import CliRunner
from policykg.cli import app
result = CliRunner().invoke(app, sys.argv[1:])
heavy = sorted(m for m in ("torch", "sentence_transformers", "spacy") if m in sys.modules)
print("RESULT", result.exit_code, ",".join(heavy))
"""


def run(tmp_path, *args: str) -> tuple[int, list[str]]:
    env = {**os.environ, "POLICYKG_DATA": str(tmp_path / "data")}
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True, timeout=120)
    line = next(x for x in proc.stdout.splitlines() if x.startswith("RESULT"))
    _, code, heavy = line.split(" ", 2) + [""][: 3 - len(line.split(" ", 2))]
    return int(code), [h for h in heavy.strip().split(",") if h]


def test_read_commands_import_no_model_or_pipeline(tmp_path):
    from policykg.graph.embedded import stop_embedded

    try:
        # `who` starts the embedded store; `status` then reports it (a stopped store is exit 3)
        for args in (["who", "--region", "云南", "--json"], ["who", "--body", "应急管理局"], ["status"]):
            code, heavy = run(tmp_path, *args)
            assert code == 0 and heavy == [], (args, code, heavy)
    finally:
        stop_embedded(tmp_path / "data")
