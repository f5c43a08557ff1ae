"""Shared fixtures: the seed corpus in the repo and the shared gold/scorer beside it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# the tests' own helper modules (page_text, readers_util, servers) import by name: tests run
# with --import-mode=importlib, which puts no test folder on the path
sys.path.insert(0, str(Path(__file__).parent))

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


# --- graph stores (graph/embedded.py, graph/falkor_store.py, graph/neo4j_store.py) --------
# Real stores only: one embedded FalkorDB per test session in a temp folder (stopped at the
# end), and Neo4j when NEO4J_URI is set (its database must start empty: tests wipe it).
# FalkorDB gives each use its own graph (policykg_test, policykg_corpus); Neo4j Community has
# one user database, shared by the `store` tests (which wipe it) and the seed corpus (which
# is re-loaded whenever a test finds it gone: see `corpus_store`).


@pytest.fixture(scope="session")
def falkor_data(tmp_path_factory):
    """Data folder of the session's embedded FalkorDB; the server is stopped at the end."""
    from policykg.graph.embedded import stop_embedded

    data = tmp_path_factory.mktemp("falkordb")
    yield data
    stop_embedded(data)


@pytest.fixture(scope="session")
def falkor_store(falkor_data):
    """A FalkorStore on the session's embedded server (started on first use)."""
    from policykg.graph.falkor_store import FalkorStore

    store = FalkorStore.embedded(falkor_data, graph="policykg_test")
    yield store
    store.close()


@pytest.fixture(scope="session")
def neo4j_store():
    """A Neo4jStore from NEO4J_* env vars, or skip. Refuses a non-empty database, since
    the `store` fixture deletes every node between tests."""
    import os

    if not os.environ.get("NEO4J_URI"):
        pytest.skip("NEO4J_URI is not set (start one with docker compose up -d)")
    from policykg.graph.neo4j_store import Neo4jStore

    store = Neo4jStore.from_env()
    if store.read("MATCH (n) RETURN count(n) AS c")[0]["c"]:
        store.close()
        pytest.skip("the NEO4J_URI database holds data; point NEO4J_DATABASE at an empty one")
    yield store
    store.write("MATCH (n) DETACH DELETE n")
    store.close()


@pytest.fixture(params=["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request):
    """Each real GraphStore in turn, emptied before the test (indexes and constraints stay)."""
    backend = request.getfixturevalue({"falkordb": "falkor_store", "neo4j": "neo4j_store"}[request.param])
    if request.param == "neo4j":
        # the one Neo4j database also holds the seed corpus: it is about to be wiped (and
        # the vector index may get another dimension), so corpus tests must re-load it
        _NEO4J_CORPUS["valid"] = False
    backend.write("MATCH (n) DETACH DELETE n")
    return backend


# --- the seed corpus in a graph, and the API over it ----------------------------------------
# One graph per store holding the five seeds, written once per session through the real
# writer with the shipped embedding model; API tests read it and never write to it.


@pytest.fixture(scope="session")
def embedder():
    from policykg.graph.ingest import ModelEmbedder

    return ModelEmbedder()


def _load_corpus(store, seed_records, embedder):
    from policykg.graph.writer import write_record

    store.write("MATCH (n) DETACH DELETE n")
    store.ensure_schema(vector_dim=embedder.dimension)
    for rec in seed_records.values():
        write_record(store, rec, embedder)
    return store


@pytest.fixture(scope="session")
def falkor_corpus(falkor_data, seed_records, embedder):
    from policykg.graph.falkor_store import FalkorStore

    store = FalkorStore.embedded(falkor_data, graph="policykg_corpus")
    yield _load_corpus(store, seed_records, embedder)
    store.close()


# Whether the Neo4j database still holds the seed corpus as `neo4j_corpus` wrote it: `valid`
# is cleared by the `store` fixture (it wipes the database); `fingerprint` is what the
# database looked like right after loading, compared before each corpus test in case
# anything else wrote to it.
_NEO4J_CORPUS: dict = {"valid": False, "fingerprint": None}


def _neo4j_fingerprint(store) -> tuple:
    """Cheap summary of the Neo4j database: node and relationship counts (from Neo4j's count
    store), Tasks carrying an embedding, Document ids, and the vector index's options."""
    from policykg.graph import dialect

    def one(query: str) -> int:
        return store.read(query)[0]["c"]

    return (
        one("MATCH (n) RETURN count(n) AS c"),
        one("MATCH ()-[r]->() RETURN count(r) AS c"),
        one("MATCH (t:Task) WHERE t.embedding IS NOT NULL RETURN count(t) AS c"),
        tuple(sorted(r["id"] for r in store.read("MATCH (d:Document) RETURN d.id AS id"))),
        repr(store.read(dialect.NEO4J_VECTOR_INDEX_INFO)),
    )


def _ensure_neo4j_corpus(store, seed_records, embedder):
    """(Re-)load the seeds into the shared Neo4j database unless it still holds them."""
    state = _NEO4J_CORPUS
    if not state["valid"] or _neo4j_fingerprint(store) != state["fingerprint"]:
        _load_corpus(store, seed_records, embedder)
        state["fingerprint"] = _neo4j_fingerprint(store)
        state["valid"] = True
    return store


@pytest.fixture(scope="session")
def neo4j_corpus(seed_records, embedder, request):
    """The Neo4j store with the seeds loaded once; `corpus_store` re-loads them when a
    `store` test has wiped the shared database since."""
    store = request.getfixturevalue("neo4j_store")
    _NEO4J_CORPUS["valid"] = False
    yield _ensure_neo4j_corpus(store, seed_records, embedder)
    _NEO4J_CORPUS["valid"] = False
    store.write("MATCH (n) DETACH DELETE n")


@pytest.fixture(params=["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def corpus_store(request, seed_records, embedder):
    """Each real store holding the five seeds (read-only for tests). Function-scoped so the
    Neo4j branch checks, before each test, that the shared database still holds the seeds
    (`store` tests wipe it) and re-loads them if not; FalkorDB keeps its own graph."""
    if request.param == "falkordb":
        return request.getfixturevalue("falkor_corpus")
    return _ensure_neo4j_corpus(request.getfixturevalue("neo4j_corpus"), seed_records, embedder)


@pytest.fixture(scope="session")
def corpus_service(falkor_corpus, embedder):
    from policykg.api.service import Service

    return Service(falkor_corpus, embedder)


@pytest.fixture(scope="session")
def api_client(corpus_service):
    """A FastAPI TestClient over the seed corpus on the embedded store."""
    from fastapi.testclient import TestClient

    from policykg.api.app import create_app

    with TestClient(create_app(corpus_service)) as client:
        yield client


@pytest.fixture(scope="session")
def live_server(corpus_service):
    """The API and web page served by uvicorn on a free loopback port; yields the base URL."""
    import socket
    import threading
    import time

    import uvicorn

    from policykg.api.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(corpus_service), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
