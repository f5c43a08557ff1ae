"""Schemathesis against the API's own OpenAPI description (issue 5).

Every operation the app publishes in /openapi.json is fuzzed in-process (ASGI) over the
session's seed-corpus graph. Why each check:

* `not_a_server_error`: no generated request, valid or not, may crash the server (5xx);
* `status_code_conformance`: every status the app answers is documented, so clients can
  rely on the description (404 unknown id, 422 bad filter, 503 store down, ...);
* `response_schema_conformance`: bodies match the declared schemas, notably the JSON error
  bodies, which must keep FastAPI's `{"detail": ...}` shape.

The corpus graph is shared read-only by the other API tests, so writes are only ever sent
without a configured token or with a wrong one: they must be refused (403/401) and leave
the graph exactly as it was. A valid token is never sent.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from policykg.api.app import create_app

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

# Kept small: the module runs on a 2-core machine next to other suites; derandomize makes
# each run generate the same cases, so CI failures reproduce and the suite cannot flake.
# POLICYKG_FUZZ_EXAMPLES raises the budget for a deeper local hunt (e.g. 500).
EXAMPLES = int(os.environ.get("POLICYKG_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))
WRITES = settings(max_examples=10, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))


# The server's token in the wrong-token test: random, so no generated header can hold it.
TOKEN = secrets.token_hex(16)


class _DescriptionOnly:
    """Stands in for `Service` in the app that only serves /openapi.json at import time.

    Schemathesis needs the schema when pytest collects this module, before any fixture
    exists; the description does not depend on the service, and every generated request
    is sent to the fixtures' app (`api_client.app`), so using this object is a bug.
    """

    def __getattr__(self, name: str) -> Any:
        raise RuntimeError(f"the description-only app was called (Service.{name})")


# `schemathesis.pytest.from_fixture` would load it from a fixture, but its lazy runner
# does not work under pytest 9 (it reads `Function._nodeid`), hence the import-time load.
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(_DescriptionOnly()))  # type: ignore[arg-type]


# Ids of the seed corpus by path-parameter name, filled by `known_ids` before any case is drawn.
KNOWN_IDS: dict[str, list[str]] = {}


@schema.hook
def flatmap_path_parameters(context: schemathesis.HookContext,
                            path_parameters: dict[str, Any] | None) -> st.SearchStrategy:
    """Half the drawn ids are real ones: random ids only ever reach the 404 branch, so the
    document, breakdown, body, similar-task and refused-delete paths would go unfuzzed."""
    known = {name: KNOWN_IDS[name] for name in path_parameters or {} if KNOWN_IDS.get(name)}
    if not known:
        return st.just(path_parameters)
    real = st.fixed_dictionaries({name: st.sampled_from(ids) for name, ids in known.items()})
    return st.one_of(st.just(path_parameters), real.map(lambda ids: {**path_parameters, **ids}))


@pytest.fixture(scope="module", autouse=True)
def known_ids(corpus_service) -> Iterator[None]:
    rows = corpus_service.obligations({}, limit=500)["items"]
    KNOWN_IDS.update(doc_id=sorted({r["document_id"] for r in rows}), task_id=sorted({r["task_id"] for r in rows}),
                     body_id=sorted({r["body_id"] for r in rows}))
    assert all(KNOWN_IDS.values()), KNOWN_IDS
    yield
    KNOWN_IDS.clear()


@pytest.fixture(scope="module")
def app(api_client) -> Any:
    """The ASGI app the session fixtures built over the seed corpus (tests/conftest.py)."""
    return api_client.app


def test_the_fuzzed_description_is_the_served_one(api_client) -> None:
    assert api_client.get("/openapi.json").json() == schema.raw_schema


def test_every_operation_is_fuzzed() -> None:
    """The tests below select operations by method: a new PUT or PATCH must get its own."""
    methods = {result.ok().method.upper() for result in schema.get_all_operations()}
    assert methods == {"GET", "POST", "DELETE"}


@schema.include(method="GET").parametrize()
@FUZZ
def test_reads_never_fail_and_match_the_description(case: schemathesis.Case, app) -> None:
    case.call_and_validate(checks=CHECKS, app=app)


def corpus_state(service: Any) -> tuple[int, list[str], dict[str, dict[str, int]]]:
    """Document count, document ids and node/relationship counts of the graph."""
    docs = service.documents(limit=1000)
    return docs["total"], sorted(d["id"] for d in docs["items"]), service.counts()


@pytest.fixture
def corpus_unchanged(corpus_service) -> Iterator[None]:
    """Fails the test if a refused write changed the shared corpus graph in any way."""
    before = corpus_state(corpus_service)
    yield
    assert corpus_state(corpus_service) == before, "a refused write modified the corpus graph"


def refused(case: schemathesis.Case, response: Any, status: int) -> None:
    """The write was refused with `status` and a message, as the description says; the
    coverage phase also probes undeclared methods on the path, which must answer 405."""
    if case.method.upper() != case.operation.method.upper():
        assert response.status_code == 405, response.text
    else:
        assert response.status_code == status, response.text
        assert response.json()["detail"]
    case.validate_response(response, checks=CHECKS)


@schema.include(method=["POST", "DELETE"]).parametrize()
@WRITES
def test_writes_without_token_are_refused(case: schemathesis.Case, monkeypatch, corpus_unchanged, app) -> None:
    monkeypatch.delenv("POLICYKG_API_TOKEN", raising=False)
    refused(case, case.call(headers={"Authorization": "Bearer anything"}, app=app), 403)


@schema.include(method=["POST", "DELETE"]).parametrize()
@WRITES
def test_writes_with_a_wrong_token_are_refused(case: schemathesis.Case, monkeypatch, corpus_unchanged, app) -> None:
    monkeypatch.setenv("POLICYKG_API_TOKEN", TOKEN)
    refused(case, case.call(app=app), 401)
