"""Neo4j's own Cypher linter, run offline through Node, to check Neo4j statements without
a Neo4j server (none can be installed here; FalkorDB accepts things Neo4j does not and
the other way round).

`tools/cypherlint/lint.mjs` wraps `lintCypherQuery` from `@neo4j-cypher/language-support`;
`scripts/bootstrap.sh --test` runs `npm install` there. Node takes about a second to load
the parser, so `lint` sends the whole batch in one run.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

TOOL_DIR = Path(__file__).resolve().parent.parent / "tools" / "cypherlint"
SCRIPT = TOOL_DIR / "lint.mjs"
PACKAGE = TOOL_DIR / "node_modules" / "@neo4j-cypher" / "language-support"
TIMEOUT = 120.0  # seconds for one batch


class LintUnavailable(RuntimeError):
    """Node or the linter package is missing; `reason()` says which and how to fix it."""


def reason() -> str | None:
    """Why the linter cannot run, or None when it can."""
    if shutil.which("node") is None:
        return "node is not installed (the Neo4j Cypher linter runs on Node.js)"
    if not SCRIPT.exists():
        return f"{SCRIPT} is missing"
    if not PACKAGE.exists():
        return f"the linter package is not installed: run `npm install` in {TOOL_DIR} (or scripts/bootstrap.sh --test)"
    return None


def available() -> bool:
    """Whether node and the installed linter package are present."""
    return reason() is None


def lint(queries: list[str]) -> list[list[dict[str, Any]]]:
    """Diagnostics for each query (same order), each a dict with severity
    ("error"/"warning"/…), message, line, column (1-based), start/end offsets.
    Undeclared-parameter diagnostics are left out. Raises LintUnavailable."""
    why = reason()
    if why:
        raise LintUnavailable(why)
    if not queries:
        return []
    try:
        proc = subprocess.run(
            ["node", str(SCRIPT)],
            input=json.dumps(list(queries)),
            capture_output=True,
            text=True,
            cwd=TOOL_DIR,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired as e:
        raise RuntimeError(f"the Cypher linter ran over {TIMEOUT:.0f} s") from e
    if proc.returncode != 0:
        raise RuntimeError(f"the Cypher linter failed (exit {proc.returncode}): {proc.stderr.strip()}")
    result = json.loads(proc.stdout)
    if len(result) != len(queries):
        raise RuntimeError("the Cypher linter returned a different number of results")
    return result


def errors(queries: list[str], warnings: bool = False) -> dict[str, list[str]]:
    """Only the problems, keyed by query: what a test asserts is empty.
    `warnings=True` counts warnings (e.g. deprecations) as problems too."""
    bad = {"error"} | ({"warning"} if warnings else set())
    out: dict[str, list[str]] = {}
    for query, diags in zip(queries, lint(queries)):
        msgs = [f"{d['line']}:{d['column']} {d['message']}" for d in diags if d["severity"] in bad]
        if msgs:
            out[query] = msgs
    return out


def assert_clean(queries: list[str], warnings: bool = False) -> None:
    """For tests: fail with every offending statement and message, or skip (pytest) when
    the linter is not installed. Import it from any test that holds Neo4j statements."""
    why = reason()
    if why:
        import pytest

        pytest.skip(f"Neo4j Cypher linter unavailable: {why}")
    problems = errors(queries, warnings=warnings)
    if problems:
        lines = [f"{q}\n    " + "\n    ".join(m) for q, m in problems.items()]
        raise AssertionError("Neo4j's linter rejects:\n" + "\n".join(lines))
