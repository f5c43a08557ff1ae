"""Numbers as circulars write them: Arabic, full-width, or Chinese numerals.

Both `deadlines` (二〇二一年三月二十三日) and `targets` (举办一期…, 成立十六个…) need the
value of a numeral without ever raising on odd input, so this module parses the small
grammar of Chinese numerals itself (cn2an raises on input it does not expect and is
used as the reference in the tests instead).
"""

from __future__ import annotations

import re

DIGITS: dict[str, int] = {
    "〇": 0, "○": 0, "零": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}

#: characters that may appear in a Chinese numeral (used to build regexes elsewhere)
CN_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)

_ARABIC = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_FULLWIDTH = str.maketrans("０１２３４５６７８９％．", "0123456789%.")


def to_halfwidth(text: str) -> str:
    """Full-width digits, % and . to ASCII; one character for one, so offsets survive."""
    return text.translate(_FULLWIDTH)


def cn_to_int(s: str) -> int | None:
    """Value of a Chinese numeral (十六, 一百五十, 两千, 二〇二一, 三万五千); None if not one.

    A string of bare digits without unit characters (二〇二一) is read digit by digit, as
    years are written.
    """
    if not s:
        return None
    if any(ch not in DIGITS and ch not in SMALL_UNITS and ch not in BIG_UNITS for ch in s):
        return None
    if all(ch in DIGITS for ch in s):
        value = 0
        for ch in s:
            value = value * 10 + DIGITS[ch]
        return value
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in DIGITS:
            if digit is not None and DIGITS[ch] != 0 and digit != 0:
                return None  # two digits in a row inside a unit numeral (一二十) is not a number
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        else:  # 万 / 亿
            section += digit or 0
            if section == 0 and total == 0:
                return None
            total = (total + section) * BIG_UNITS[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_number(s: str) -> float | int | None:
    """Value of an Arabic (full- or half-width, maybe decimal) or Chinese numeral, else None."""
    s = to_halfwidth(s.strip())
    if not s:
        return None
    if not _ARABIC.fullmatch(s):
        return cn_to_int(s)
    value = float(s)
    return int(value) if value.is_integer() else value
