"""Sentence embeddings for semantic search, through sentence-transformers.

Why one code path for every model: the model policykg ships (nlp/models/policykg-static-zh,
built by scripts/build_embedding_model.py from the project's own text) and a downloaded one
(e.g. BAAI/bge-small-zh-v1.5 for users with a model hub) are both loaded with
`SentenceTransformer(path, device="cpu")`; POLICYKG_EMBEDDING_MODEL picks the model.

Texts are converted to simplified script (OpenCC t2s) before encoding, so a query typed in
traditional script lands where its simplified form does. `model_fingerprint()` lets a caller
that stores embeddings (the graph's vector index) see that the model changed and re-embed.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

ENV_VAR = "POLICYKG_EMBEDDING_MODEL"
SHIPPED_MODEL = "policykg-static-zh"
BATCH_SIZE = 256


def shipped_model_path() -> str:
    """Folder of the model installed with the package (nlp/models/policykg-static-zh)."""
    return str(resources.files(__package__).joinpath("models", SHIPPED_MODEL))


def model_path() -> str:
    """The model to use: $POLICYKG_EMBEDDING_MODEL (a folder or a hub name), else the shipped one."""
    return os.environ.get(ENV_VAR, "").strip() or shipped_model_path()


@lru_cache(maxsize=4)
def _load(path: str):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(path, device="cpu")


def load_model():
    """The SentenceTransformer for `model_path()`, loaded once per path (the env may change in tests)."""
    return _load(model_path())


def dimension() -> int:
    """Length of the vectors `embed` returns for the current model."""
    model = load_model()
    getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    dim = getter()  # the method's name changed in sentence-transformers 6
    if dim is None:  # some modules cannot tell without encoding
        dim = int(model.encode(["维度"], convert_to_numpy=True).shape[1])
    return int(dim)


def to_simplified(texts: list[str]) -> list[str]:
    from ..ingest.clean import t2s

    convert = t2s()
    return [convert(t or "") for t in texts]


def embed(texts: list[str]) -> np.ndarray:
    """float32 (n, dim) L2-normalised vectors; a text with no known token gets a zero row.

    Normalising here (even when the model ends in a Normalize module) keeps cosine = dot
    product for any model a user plugs in; a zero row, not NaN, marks "no signal".
    """
    if not texts:
        return np.zeros((0, dimension()), dtype=np.float32)
    vecs = load_model().encode(to_simplified(list(texts)), batch_size=BATCH_SIZE, convert_to_numpy=True,
                               show_progress_bar=False, normalize_embeddings=False)
    vecs = np.nan_to_num(np.asarray(vecs, dtype=np.float32))
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    return np.divide(vecs, norms, out=np.zeros_like(vecs), where=norms > 1e-12)


# Files that define a model's behaviour; READMEs and model cards do not.
_SKIP_SUFFIXES = (".md",)


def _local_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.endswith(_SKIP_SUFFIXES)
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


@lru_cache(maxsize=16)
def _fingerprint(folder: str, stamp: tuple) -> str:
    h = hashlib.sha256()
    root = Path(folder)
    for p in _local_files(root):
        h.update(p.relative_to(root).as_posix().encode() + b"\0")
        with p.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        h.update(b"\0")
    return "sha256:" + h.hexdigest()


def model_fingerprint() -> str:
    """Identifies the model: sha256 over a local folder's config, tokenizer and weight files
    (cached while no file's size or mtime changes), or `hub:<name>` for a hub model name."""
    path = model_path()
    folder = Path(path)
    if not folder.is_dir():
        return f"hub:{path}"
    stamp = tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in _local_files(folder))
    return _fingerprint(str(folder.resolve()), stamp)


def text_fingerprint(text: str) -> str:
    """sha256 of a text together with the model fingerprint: a stored vector is stale when this changes."""
    return hashlib.sha256((model_fingerprint() + "\0" + (text or "")).encode("utf-8")).hexdigest()
