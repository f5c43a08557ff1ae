"""Shapes of real circulars outside ../shared: public pages of the fresh batches s and t of the
sixth session, cited by address; a few lines each, not the documents."""

from __future__ import annotations

import hashlib

from policykg.ingest.model import RawDocument
from policykg.ingest.pipeline import structure
from policykg.nlp.extract import extract_document


def extract_text(text: str, name: str = "page.txt") -> dict:
    raw = RawDocument(name, text, "utf-8", "txt", hashlib.sha256(text.encode()).hexdigest())
    return extract_document(structure(raw))


# 延庆区人民政府 2025 森林防火命令 (wxredian.com/art?id=9d2329ce19ca695628fd133da8179602): the
# opening sentence is boilerplate to its end ("…命令如下:") yet carries dates; it crashed the
# extractor (IndexError in nlp/preamble.region_tasks) and with it the whole CLI batch
YANQING = ("北京市延庆区人民政府森林防火命令\n"
           "为有效预防森林火灾发生,确保森林资源和人民生命财产安全,根据《森林防火条例》《北京市森林防火办法》有关规定,"
           "延庆区人民政府决定于2025年1月1日至2025年4月30日森林高火险期内,禁止在高火险区域野外用火,命令如下:\n"
           "一、森林防火区内禁止吸烟、烧纸、烧香、燃放烟花爆竹。\n")


def test_an_opening_that_is_boilerplate_to_its_end_sets_no_task_and_does_not_crash():
    rec = extract_text(YANQING)
    assert [t["path"] for t in rec["tasks"]] == [["一"]]


def test_one_failing_file_does_not_end_the_cli_batch(tmp_path, monkeypatch):
    """An extractor bug on one file is that file's error: the others are still written (as in
    `policykg ingest`), and the exit code says one failed."""
    from typer.testing import CliRunner

    import policykg.nlp.extract as extract_mod
    from policykg.cli import app

    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(YANQING, encoding="utf-8")
    bad.write_text(YANQING.replace("延庆区", "怀柔区"), encoding="utf-8")
    real = extract_mod.extract_path

    def failing(path):
        if str(path).endswith("bad.txt"):
            raise IndexError("list index out of range")
        return real(path)

    monkeypatch.setattr(extract_mod, "extract_path", failing)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["extract", str(good), str(bad), "--format", "json", "--out", str(out)])
    assert result.exit_code == 1
    assert (out / "good.json").exists() and not (out / "bad.json").exists()
    assert "internal error: IndexError" in result.output
