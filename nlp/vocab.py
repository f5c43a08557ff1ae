"""Synonym tables from `nlp/data/*.tsv`, compiled into longest-match-first finders.

Why a shared finder: sectors and mechanisms are both "canonical label ← many wordings";
matching the longest wording first and never letting two matches overlap keeps 非煤矿山
from also counting as 矿山, and 城镇燃气 from also counting as a bare 燃气.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# 要 as a duty word (各地要…), not inside 主要/重要/纲要/提要/概要/需要 nor 要点/要求/要素/要闻: one fragment for
# every reader of duty words (tasks.DUTY_WORD, preamble.DUTY, practices.DUTY, extract.ASKED)
DUTY_YAO = r"(?<![主重纲提概需])要(?![点求素闻])"


@dataclass(frozen=True)
class Hit:
    label: str
    text: str
    start: int
    end: int


class SynonymFinder:
    def __init__(self, table: dict[str, list[str]]):
        pairs = sorted(((syn, label) for label, syns in table.items() for syn in syns), key=lambda p: -len(p[0]))
        self.label_of = {syn: label for syn, label in reversed(pairs)}  # longest synonym keeps its own label
        self.labels = list(table)
        self.rx = re.compile("|".join(re.escape(s) for s, _ in pairs)) if pairs else None

    def find(self, text: str) -> list[Hit]:
        """Non-overlapping matches, leftmost-longest (the alternation is ordered longest first)."""
        if self.rx is None:
            return []
        return [Hit(self.label_of[m.group(0)], m.group(0), m.start(), m.end()) for m in self.rx.finditer(text)]

    def labels_in(self, text: str) -> list[str]:
        seen: list[str] = []
        for h in self.find(text):
            if h.label not in seen:
                seen.append(h.label)
        return seen


def read_table(name: str) -> dict[str, list[str]]:
    """`label<TAB>syn syn …` lines; `#` starts a comment line."""
    table: dict[str, list[str]] = {}
    text = resources.files(__package__).joinpath(f"data/{name}").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, _, syns = line.partition("\t")
        table.setdefault(label.strip(), []).extend(syns.split() or [label.strip()])
    return table


@lru_cache(maxsize=None)
def finder(name: str) -> SynonymFinder:
    return SynonymFinder(read_table(name))
