"""The shipped embedding model: loads offline like any sentence-transformers model, gives
normalised vectors that put synonyms together, can be swapped by env, and rebuilds identically."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from policykg.nlp import embedding
from policykg.nlp.embedding import ENV_VAR, dimension, embed, model_fingerprint, model_path, shipped_model_path

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.delenv(ENV_VAR, raising=False)


def build_script():
    spec = importlib.util.spec_from_file_location("build_embedding_model", ROOT / "scripts" / "build_embedding_model.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses need the module registered
    spec.loader.exec_module(mod)
    return mod


def cos(a: str, b: str) -> float:
    va, vb = embed([a, b])
    return float(va @ vb)


def test_shipped_model_loads_through_sentence_transformers():
    from sentence_transformers import SentenceTransformer

    path = Path(shipped_model_path())
    assert path.is_dir() and (path / "model.safetensors").is_file() and (path / "README.md").is_file()
    assert model_path() == str(path)
    model = SentenceTransformer(str(path), device="cpu")
    vec = model.encode(["危险化学品安全综合治理"])
    assert vec.shape == (1, dimension())
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    assert size < 8 * 1024 * 1024, f"model folder is {size / 1e6:.1f} MB"


def test_vectors_are_normalised_float32_of_the_model_dimension():
    vecs = embed(["事故调查处理", "森林草原防火", "汛期值班"])
    assert vecs.dtype == np.float32
    assert vecs.shape == (3, dimension())
    assert 128 <= dimension() <= 256
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


def test_empty_input_and_unknown_text():
    assert embed([]).shape == (0, dimension())
    vecs = embed(["", "!!! ???", "qwerty 123"])
    assert np.all(np.isfinite(vecs))
    assert np.allclose(vecs, 0.0), "no known token must give a zero row, not noise or NaN"


def test_synonyms_are_closer_than_unrelated_terms():
    assert cos("危化品", "危险化学品") > cos("危化品", "森林防火")
    assert cos("化工", "危险化学品") > cos("化工", "森林防火")
    assert cos("民爆", "民用爆炸物品") > cos("民爆", "城镇燃气")
    assert cos("汛前", "汛期") > cos("汛前", "烟花爆竹")


def test_unseen_words_fall_back_to_characters():
    # 危化企业 is not a vocabulary entry: its characters still place it near 危险化学品企业
    assert cos("危化企业", "危险化学品企业") > cos("危化企业", "森林草原防火")


def test_traditional_script_embeds_like_simplified():
    trad, simp = embed(["應急預案修訂和演練", "应急预案修订和演练"])
    assert np.allclose(trad, simp, atol=1e-6)


def make_tiny_model(folder: Path, dim: int = 16) -> None:
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import StaticEmbedding
    from tokenizers import Tokenizer, models, pre_tokenizers

    vocab = {"[UNK]": 0, "安": 1, "全": 2, "生": 3, "产": 4}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Split("", behavior="isolated")
    weights = np.random.default_rng(0).normal(size=(len(vocab), dim)).astype(np.float32)
    SentenceTransformer(modules=[StaticEmbedding(tok, embedding_weights=weights)], device="cpu").save(str(folder))


def test_env_model_changes_fingerprint_and_dimension(tmp_path, monkeypatch):
    shipped = model_fingerprint()
    shipped_dim = dimension()
    make_tiny_model(tmp_path / "tiny")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "tiny"))
    assert model_path() == str(tmp_path / "tiny")
    assert model_fingerprint() != shipped
    assert dimension() == 16 != shipped_dim
    assert embed(["安全生产"]).shape == (1, 16)
    monkeypatch.setenv(ENV_VAR, "BAAI/bge-small-zh-v1.5")  # a hub name: identified by name, nothing loaded
    assert model_fingerprint() == "hub:BAAI/bge-small-zh-v1.5"


def test_fingerprint_follows_the_weights_not_the_readme(tmp_path, monkeypatch):
    make_tiny_model(tmp_path / "m")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "m"))
    before = model_fingerprint()
    (tmp_path / "m" / "README.md").write_text("notes", encoding="utf-8")
    assert model_fingerprint() == before
    weights = tmp_path / "m" / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 0xFF
    weights.write_bytes(bytes(data))
    assert model_fingerprint() != before
    assert embedding.text_fingerprint("甲") != embedding.text_fingerprint("乙")


def test_build_is_deterministic(tmp_path):
    build = build_script()
    params = build.Params(dim=16, svd_iter=4)
    facts_a = build.build(tmp_path / "a", params)
    facts_b = build.build(tmp_path / "b", build.Params(dim=16, svd_iter=4))
    assert facts_a == facts_b
    for name in ("model.safetensors", "tokenizer.json", "modules.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    readme = (tmp_path / "a" / "README.md").read_text(encoding="utf-8")
    assert "Retrofitting" in readme and '"dim": 16' in readme
