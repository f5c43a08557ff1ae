"""MappedText keeps every character's place in the original through any edit (property tests)."""

import re

from hypothesis import given, settings, strategies as st

from policykg.ingest.clean import clean_text
from policykg.ingest.textmap import MappedText

TEXTS = st.text(alphabet=st.sampled_from(list("監(jiān)管一、(一)1.\n 。執法ab,:;全角ＡＢ（）") + ["\u3000"]), max_size=120)
PATTERNS = [r"\([a-zāīǎ]+\)", r"\s+", r"一", r"[()]", r"\n", r"ab"]


def check_invariants(mt: MappedText) -> None:
    n = len(mt.text)
    assert len(mt.starts) == len(mt.ends) == n
    for i in range(n):
        assert 0 <= mt.starts[i] <= mt.ends[i] <= len(mt.original)
        if i:
            assert mt.starts[i - 1] <= mt.starts[i] and mt.ends[i - 1] <= mt.ends[i]


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.lists(st.tuples(st.sampled_from(PATTERNS), st.sampled_from(["", "X", "YY"])), max_size=4))
def test_sub_sequences_keep_the_map(text, edits):
    mt = MappedText.identity(text)
    for pattern, repl in edits:
        mt = mt.sub(pattern, repl)
    check_invariants(mt)
    # characters no edit produced still map to themselves
    for i, ch in enumerate(mt.text):
        a, b = mt.to_original(i, i + 1)
        if b - a == 1 and ch not in "XY":
            assert text[a] == ch


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.integers(0, 200), st.integers(0, 200))
def test_any_span_maps_back_within_the_original(text, i, j):
    mt = MappedText.identity(text).sub(r"\([a-zāīǎ]+\)", "").sub(r"\s+", " ")
    a, b = sorted((min(i, len(mt.text)), min(j, len(mt.text))))
    oa, ob = mt.to_original(a, b)
    assert 0 <= oa <= ob <= len(text)


def test_translate_realigns_changed_length():
    mt = MappedText.identity("甲乙丙\n丁戊").translate(lambda s: s.replace("乙", "XY"))
    assert mt.text == "甲XY丙\n丁戊"
    assert mt.original_slice(1, 3) == "乙"
    assert mt.original_slice(3, 4) == "丙"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_clean_text_never_raises_and_keeps_the_map(text):
    result = clean_text(text)
    check_invariants(result.mapped)
    assert result.script in {"traditional", "simplified"}
