"""Short forms and full forms as one word for search: 危化品 = 危险化学品, 安委办 = 安全生产委员会办公室.

Why: a researcher types the short form circulars use in speech (危化品) while a task writes
it out (危险化学品), or the other way round; keyword search (a substring match in the graph)
and topic comparison (word coverage) found only the literal form. Body short forms come
from the body lexicon (ingest/data/lexicon.toml, read only); the domain terms below are the
short forms of hazards and schemes that circulars write both ways.
"""

from __future__ import annotations

import re
from functools import lru_cache

# domain short form -> full form (bodies come from the lexicon)
DOMAIN = {
    "危化品": "危险化学品",
    "危化": "危险化学品",
    "民爆": "民用爆炸物品",
    "民爆物品": "民用爆炸物品",
    "地灾": "地质灾害",
    "森防": "森林防火",
    "安责险": "安全生产责任保险",
    "非煤": "非煤矿山",
    "特设": "特种设备",
    "烟花": "烟花爆竹",
    "消安委": "消防安全委员会",
    "双重预防": "双重预防机制",
}

MAX_VARIANTS = 8


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """Every short form -> its full form, full forms -> themselves (so that a full form is
    never read as a short one inside it: 人民政府 stays, it is not 人民 + 政府)."""
    from ..ingest.lexicon import lexicon

    pairs = {**{k: v for k, v in lexicon().abbreviations.items() if k != v}, **DOMAIN}
    out = dict(pairs)
    for full in pairs.values():
        out.setdefault(full, full)
    return out


@lru_cache(maxsize=1)
def pattern() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(k) for k in sorted(table(), key=len, reverse=True)))


@lru_cache(maxsize=1)
def short_forms() -> dict[str, list[str]]:
    """full form -> its short forms."""
    out: dict[str, list[str]] = {}
    for short, full in table().items():
        if short != full:
            out.setdefault(full, []).append(short)
    return out


def canonical(text: str) -> str:
    """`text` with each short form written out (longest match first, left to right)."""
    return pattern().sub(lambda m: table()[m.group()], text or "")


def forms(term: str) -> list[str]:
    """A term and its other forms: 危化品 -> [危化品, 危险化学品, 危化]."""
    full = table().get(term, term)
    return list(dict.fromkeys([term, full, *short_forms().get(full, [])]))


def variants(q: str) -> list[str]:
    """The ways a query may be written: as typed, written out, and with each full form it
    holds in each of its short forms (at most MAX_VARIANTS, the typed form first)."""
    full = canonical(q)
    out = [q, full]
    for m in pattern().finditer(full):
        for short in short_forms().get(m.group(), []):
            out.append(full[:m.start()] + short + full[m.end():])
    return list(dict.fromkeys(out))[:MAX_VARIANTS]


def alternates(q: str) -> list[str]:
    """The other forms of the terms `q` holds (危化品企业搬迁 -> [危险化学品, 危化]): appended to
    a ranked query so both spellings count."""
    out: list[str] = []
    for m in pattern().finditer(q or ""):
        out += [f for f in forms(m.group()) if f != m.group()]
    return list(dict.fromkeys(out))
