"""A text filter's candidates from the search index (issue 13): the postings name a
superset of the tasks holding the text, the store's CONTAINS decides, and the page is the
one a scan of the whole key range gives."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.graph import queries as Q
from policykg.nlp.lexical import STOPWORD_CHARS, containment_bigrams, tokenize

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def seed_text() -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))


def seed_alphabet() -> list[str]:
    """The characters of the seed circulars, with every stopword character among them:
    the runs the index breaks at are the risky part."""
    return sorted({c for c in seed_text() if "\u4e00" <= c <= "\u9fff"} | STOPWORD_CHARS)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_every_sure_bigram_of_a_substring_is_among_the_texts_tokens(data):
    alphabet = seed_alphabet()
    text = data.draw(st.text(alphabet=st.sampled_from(alphabet + ["，", "。", "1", "a", "\n"]), min_size=2, max_size=60))
    start = data.draw(st.integers(0, len(text) - 2))
    end = data.draw(st.integers(start + 2, len(text)))
    sure = containment_bigrams(text[start:end])
    if sure is not None:
        assert set(sure) <= set(tokenize(text))


def test_sure_bigrams_of_real_task_phrases():
    """In the seed circulars: every phrase's sure bigrams are among the tokens of each line
    holding it (phrases of 2–8 characters taken at random places of real lines)."""
    rng = random.Random(13)
    lines = [ln for ln in seed_text().splitlines() if len(ln) > 20]
    checked = 0
    for line in rng.sample(lines, min(200, len(lines))):
        i = rng.randrange(0, len(line) - 8)
        phrase = line[i:i + rng.randint(2, 8)]
        sure = containment_bigrams(phrase)
        if sure is None:
            continue
        checked += 1
        assert set(sure) <= set(tokenize(line)), phrase
    assert checked > 60


def test_no_sure_bigram_without_two_safe_characters():
    assert containment_bigrams("的") is None
    assert containment_bigrams("工作") is None  # both characters belong to stopwords
    assert containment_bigrams("監督") is None  # simplifying would change it
    assert containment_bigrams("事故调查") == ["b:事故", "b:故调", "b:调查"]


def _phrases(records: dict) -> list[str]:
    """Phrases of the seed tasks' own texts (one form only: no short form to write out)."""
    from policykg.api.shortforms import variants

    rng = random.Random(7)
    out = []
    for rec in records.values():
        for task in rec["tasks"]:
            text = task.get("text") or ""
            if len(text) > 12:
                i = rng.randrange(0, len(text) - 6)
                phrase = text[i:i + rng.randint(3, 6)]
                if len(variants(phrase)) == 1 and containment_bigrams(phrase):
                    out.append(phrase)
    return out[:40]


def test_a_text_filter_by_candidates_gives_the_scans_page(corpus_service, seed_records):
    """The service's page (candidates by id, then CONTAINS) equals the store's own scan of
    the key range, rows and totals, for phrases of the seed tasks."""
    corpus_service.search_index()
    phrases = _phrases(seed_records)
    assert len(phrases) >= 20
    for q in phrases:
        candidates = corpus_service.text_candidates([q])
        assert candidates is not None
        page = corpus_service.obligations({"q": q}, 500, 0)
        scan = Q.obligations_page(corpus_service.store, corpus_service.filters({"q": q}), 500, 0)
        assert [(r["task_id"], r["body_id"], r["role"]) for r in page["items"]] == \
            [(r["task_id"], r["body_id"], r["role"]) for r in scan.rows], q
        assert page["total"] == scan.total, q
        assert page["items"], q  # the phrase is some task's own text


def stale_service(corpus_service):
    """A service of the seed graph holding an index of an earlier version of it (its own: the
    shared service's background builder may replace an index set on it at any moment)."""
    from policykg.api.service import Service

    svc = Service(corpus_service.store, None)
    svc._search = dataclasses.replace(corpus_service.search_index(), key=("stale",))
    return svc


def test_a_stale_index_names_no_candidates(corpus_service):
    """An index of an earlier graph would miss the tasks written since: not used."""
    assert stale_service(corpus_service).text_candidates(["事故调查"]) is None


def test_a_text_in_two_written_forms_pages_alike_with_and_without_candidates(corpus_service):
    """危化品 is also written 危险化学品 (seed 001): by candidates (looked up by id) or, when the
    index cannot name them, by a scan checking any form (it was a CONTAINS over every task
    to collect ids: 372 ms at 10,000 documents for a common text), the same page."""
    corpus_service.search_index()
    by_candidates = corpus_service.obligations({"q": "危化品"}, 500, 0)
    svc = stale_service(corpus_service)
    f = svc.written_out(svc.filters({"q": "危化品"}))
    assert f.q is None and f.task_ids is None and "危险化学品" in f.q_forms
    by_scan = Q.obligations_page(corpus_service.store, f, 500, 0)
    assert by_candidates["items"] and by_candidates["total"] == by_scan.total
    assert [(r["task_id"], r["body_id"]) for r in by_candidates["items"]] == \
        [(r["task_id"], r["body_id"]) for r in by_scan.rows]


def test_first_holders_are_the_first_of_all_holders(corpus_service):
    """`LexicalIndex.first_holding` (postings read a chunk at a time from a position) finds
    the same holders as intersecting whole postings, in order, complete below its bound."""
    import numpy as np

    index = corpus_service.search_index()
    lexical = index.lexical
    rng = random.Random(5)
    vocab = sorted(t for t in lexical.vocab if t.startswith("b:"))
    n = len(lexical.ids)
    for _ in range(200):
        tokens = rng.sample(vocab, rng.randint(1, 2))
        start = rng.randrange(0, n)
        end = rng.randrange(start, n + 1)
        want = rng.randint(1, 40)
        every = lexical.holding_all(tokens)
        every = every[(every >= start) & (every < end)]
        first, known = lexical.first_holding(tokens, start, end, want)
        assert list(first) == list(every[: len(first)])
        assert list(every[every < known]) == list(first[first < known])
        assert len(first) >= min(want, len(every)) or known == end
        assert np.all(np.diff(first) > 0)


def test_the_search_index_is_in_the_lists_order(corpus_service):
    """Positions follow the obligations' sort key: a text's first holders come first."""
    import numpy as np

    keys = corpus_service.search_index().sort_keys
    assert len(keys) == len(corpus_service.search_index().ids) and np.all(np.diff(keys) >= 0)


def test_a_text_filters_pages_from_holders_a_few_at_a_time_are_the_scans(corpus_service, seed_records):
    """Pages of 5 (offsets 0, 5, 10, 40) of a text filter, with holders handed over three at a
    time so that the page is filled over many rounds, equal the store's scan; the total is
    exact once every holder was checked."""
    index = corpus_service.search_index()
    for q in ["事故调查", "应急管理", "隐患排查", "监督检查", *_phrases(seed_records)[:8]]:
        scan = Q.obligations_page(corpus_service.store, corpus_service.filters({"q": q}), 500, 0)
        for offset in (0, 5, 10, 40):
            source = lambda lo, hi, want: index.first_holding([q], lo, hi, min(want, 3))
            page = Q.obligations_page(corpus_service.store, corpus_service.filters({"q": q}), 5, offset,
                                      holders=source)
            assert [(r["task_id"], r["body_id"], r["role"]) for r in page.rows] == \
                [(r["task_id"], r["body_id"], r["role"]) for r in scan.rows[offset:offset + 5]], (q, offset)
            assert page.total <= scan.total and (page.total == scan.total or not page.total_exact), (q, offset)
        whole = Q.obligations_page(corpus_service.store, corpus_service.filters({"q": q}), 500, 0,
                                   holders=lambda lo, hi, want: index.first_holding([q], lo, hi, want))
        assert (whole.total, whole.total_exact) == (scan.total, True), q
