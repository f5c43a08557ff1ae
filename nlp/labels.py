"""One-string labels of extracted values, shared by the spaCy components (span labels) and the
graph (node labels). Kept apart from nlp/components.py so that reading the graph imports no
spaCy (the CLI's read commands start in well under a second)."""

from __future__ import annotations


def deadline_label(rec: dict) -> str:
    """A deadline's normalised value as one string: a date, `anchor+duration`, or a frequency."""
    if rec["type"] == "date":
        return rec.get("date") or rec["text"]
    if rec["type"] == "relative":
        return f"{rec.get('anchor') or ''}+{rec.get('duration') or ''}"
    return rec.get("freq") or rec["text"]


def target_label(rec: dict) -> str:
    """A target's value with its unit ("4个", "60%")."""
    value = rec["value"]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value}{rec['unit']}"
