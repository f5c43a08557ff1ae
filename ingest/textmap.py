"""Text that remembers where every character came from.

Cleaning a scraped circular deletes navigation lines, joins broken lines, strips pinyin
notes and converts traditional script to simplified. Users still need to see *where in the
original file* an obligation was written, so every edit goes through `MappedText`, which
keeps, for each character of the current text, the half-open span of the original text it
was derived from. Any span of the cleaned text maps back with `to_original`.

Invariants (checked by tests/test_textmap.py with hypothesis):
- `starts` and `ends` are non-decreasing, `starts[i] <= ends[i]`, all within the original;
- a character that no edit touched maps to exactly itself in the original.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Callable, Iterable

import numpy as np

Edit = tuple[int, int, str]  # replace current text[start:end] with the string


@dataclass(frozen=True)
class MappedText:
    """A derived text plus, per character, the original span `[starts[i], ends[i])`."""

    text: str
    original: str
    starts: np.ndarray
    ends: np.ndarray

    @classmethod
    def identity(cls, original: str) -> "MappedText":
        idx = np.arange(len(original), dtype=np.int64)
        return cls(original, original, idx, idx + 1)

    def __len__(self) -> int:
        return len(self.text)

    # ------------------------------------------------------------------ mapping back
    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original span covering the current span `[start, end)`.

        An empty span maps to an empty span at the position where it would be.
        """
        n = len(self.text)
        if not 0 <= start <= end <= n:
            raise IndexError(f"span {start}:{end} outside text of length {n}")
        if start == end:
            pos = int(self.starts[start]) if start < n else (int(self.ends[-1]) if n else 0)
            return pos, pos
        return int(self.starts[start]), int(self.ends[end - 1])

    def from_original(self, start: int, end: int) -> tuple[int, int]:
        """Current span covering the original span `[start, end)`: the characters derived from
        it (an empty span when everything in it was deleted, at the place it would be)."""
        a = int(np.searchsorted(self.ends, start, side="right"))
        b = int(np.searchsorted(self.starts, end, side="left"))
        return (a, max(a, b))

    def original_slice(self, start: int, end: int) -> str:
        a, b = self.to_original(start, end)
        return self.original[a:b]

    # ------------------------------------------------------------------ edits
    def apply(self, edits: Iterable[Edit]) -> "MappedText":
        """Apply non-overlapping edits given in current-text coordinates.

        Inserted characters inherit the original span of what they replace; a pure
        insertion (start == end) is pinned to the position of the following character.
        """
        edits = sorted(edits, key=lambda e: (e[0], e[1]))
        if not edits:
            return self
        pieces: list[str] = []
        s_parts: list[np.ndarray] = []
        e_parts: list[np.ndarray] = []
        pos = 0
        n = len(self.text)
        for start, end, repl in edits:
            if start < pos or end < start or end > n:
                raise ValueError(f"overlapping or invalid edit {start}:{end}")
            pieces.append(self.text[pos:start])
            s_parts.append(self.starts[pos:start])
            e_parts.append(self.ends[pos:start])
            if repl:
                a, b = self._span_for(start, end)
                pieces.append(repl)
                s_parts.append(np.full(len(repl), a, dtype=np.int64))
                e_parts.append(np.full(len(repl), b, dtype=np.int64))
            pos = end
        pieces.append(self.text[pos:])
        s_parts.append(self.starts[pos:])
        e_parts.append(self.ends[pos:])
        return MappedText("".join(pieces), self.original, np.concatenate(s_parts), np.concatenate(e_parts))

    def _span_for(self, start: int, end: int) -> tuple[int, int]:
        if start < end:
            return int(self.starts[start]), int(self.ends[end - 1])
        return self.to_original(start, start)

    def sub(self, pattern: str | re.Pattern[str], repl: str | Callable[[re.Match[str]], str],
            flags: int = 0, count: int = 0) -> "MappedText":
        """`re.sub` that keeps the mapping: each match's replacement maps to the match.

        `count` limits the number of matches replaced, as in `re.sub` (0 = all).
        """
        rx = re.compile(pattern, flags) if isinstance(pattern, str) else pattern
        edits: list[Edit] = []
        literal = isinstance(repl, str) and "\\" not in repl  # no group references to expand
        for i, m in enumerate(rx.finditer(self.text)):
            if count and i >= count:
                break
            new = repl if literal else m.expand(repl) if isinstance(repl, str) else repl(m)
            if new != m.group(0):
                edits.append((m.start(), m.end(), new))
        return self.apply(edits)

    def delete_spans(self, spans: Iterable[tuple[int, int]]) -> "MappedText":
        return self.apply((a, b, "") for a, b in spans)

    def slice(self, start: int, end: int) -> "MappedText":
        """The sub-text `[start, end)`, still mapped to the same original."""
        return MappedText(self.text[start:end], self.original, self.starts[start:end], self.ends[start:end])

    def strip(self) -> "MappedText":
        """`str.strip()` on the text (same whitespace definition), keeping the map."""
        text = self.text
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        return self.slice(start, max(start, end))

    @classmethod
    def join(cls, sep: str, parts: "list[MappedText]", original: str | None = None) -> "MappedText":
        """`sep.join` of texts derived from one original, keeping every part's map.

        A separator maps to the stretch of original between the parts it separates (the tab
        or `|` between two table cells), so a span across it still maps to one original span.
        `original` is needed only when `parts` is empty.
        """
        if not parts:
            if original is None:
                raise ValueError("join of no parts needs the original")
            empty = np.zeros(0, dtype=np.int64)
            return cls("", original, empty, empty)
        orig = parts[0].original
        if any(p.original is not orig and p.original != orig for p in parts):
            raise ValueError("parts map to different originals")
        pieces: list[str] = []
        s_parts: list[np.ndarray] = []
        e_parts: list[np.ndarray] = []
        prev_end: int | None = None  # original end of the last non-empty part so far
        for i, p in enumerate(parts):
            if i and sep:
                nxt = int(p.starts[0]) if len(p) else None
                a = prev_end if prev_end is not None else (nxt if nxt is not None else 0)
                b = max(a, nxt) if nxt is not None else a
                pieces.append(sep)
                s_parts.append(np.full(len(sep), a, dtype=np.int64))
                e_parts.append(np.full(len(sep), b, dtype=np.int64))
            pieces.append(p.text)
            s_parts.append(p.starts)
            e_parts.append(p.ends)
            if len(p):
                prev_end = int(p.ends[-1])
        return cls("".join(pieces), orig, np.concatenate(s_parts), np.concatenate(e_parts))

    def translate(self, convert: Callable[[str], str], chunk_lines: bool = True) -> "MappedText":
        """Apply a whole-text conversion (e.g. OpenCC) and realign character by character.

        Converters like OpenCC are nearly always length-preserving per line; where a line
        changes length, difflib aligns old and new so unchanged characters keep their map.
        """
        new_text = convert(self.text)
        if len(new_text) == len(self.text):
            return MappedText(new_text, self.original, self.starts, self.ends)
        edits: list[Edit] = []
        old_lines = self.text.splitlines(keepends=True)
        new_lines = new_text.splitlines(keepends=True)
        if chunk_lines and len(old_lines) == len(new_lines):
            pos = 0
            for old, new in zip(old_lines, new_lines):
                if old != new:
                    edits.extend((pos + a, pos + b, r) for a, b, r in _diff_edits(old, new))
                pos += len(old)
        else:
            edits = _diff_edits(self.text, new_text)
        out = self.apply(edits)
        assert out.text == new_text
        return out


def _diff_edits(old: str, new: str) -> list[Edit]:
    sm = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [(i1, i2, new[j1:j2]) for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal"]
