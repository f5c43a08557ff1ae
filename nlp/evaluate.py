"""Measure extraction against gold records (the shape of ../shared/gold/SCHEMA.md).

Why the project has its own: a bureau or researcher with annotated circulars of their own
must be able to measure policykg on them (`policykg eval GOLD_DIR DOCS…`). The rules are
those of the maintainers' scorer (../shared/eval/score.py), so both give the same figures:
tasks pair by locating each gold `quote` in a predicted task's text (compared without
script, width, whitespace, punctuation or pinyin notes); fields are then compared on the
pairs, and the fields of missed and unpaired tasks count as misses and false alarms.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

PINYIN = re.compile(r"\([a-zA-Züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ]+\)")
KEEP = re.compile(r"[\u4e00-\u9fff0-9A-Za-z%]")
PLACE = re.compile(r"^(?:[\u4e00-\u9fff]{2,8}?(?:省|自治区|市|县|区|州|盟))+")
FIELDS = ("tasks", "actors", "actors_lenient", "actors_role", "actors_explicit", "recipients", "deadlines",
          "sectors", "targets", "regions", "mechanisms", "figures")
META_EXACT = ("title", "doc_number", "date", "province", "locality")
META_SETS = ("issuers", "addressees", "citations")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s").convert


def fold(s: str | None) -> str:
    """Comparable form of a text: NFKC, simplified, pinyin notes and punctuation removed."""
    if not s:
        return ""
    s = unicodedata.normalize("NFKC", s)
    s = PINYIN.sub("", s)
    return "".join(KEEP.findall(_t2s()(s)))


def fold_name(s: str | None, lenient: bool = False) -> str:
    s = fold(re.sub(r"\([^)]*\)|（[^）]*）", "", s or ""))
    if lenient:
        s = PLACE.sub("", s) or s
    return s


@dataclass
class Counts:
    """True positives, false alarms and misses of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: Iterable, pred: Iterable) -> None:
        g, p = Counter(gold), Counter(pred)
        hit = sum((g & p).values())
        self.tp += hit
        self.fp += sum(p.values()) - hit
        self.fn += sum(g.values()) - hit

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> dict[str, float | int]:
        return {"p": round(self.precision, 3), "r": round(self.recall, 3), "f1": round(self.f1, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Report:
    fields: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in FIELDS})
    meta_right: Counter = field(default_factory=Counter)
    meta_sets: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in META_SETS})
    docs: int = 0
    misses: list[str] = field(default_factory=list)  # readable lines for --verbose

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: v.row() for k, v in self.fields.items()}
        n = self.docs or 1
        meta = {k: round(self.meta_right[k] / n, 3) for k in (*META_EXACT, "period")}
        meta.update({k: v.row()["f1"] for k, v in self.meta_sets.items()})
        out["meta"] = meta
        out["docs"] = self.docs
        return out


def deadline_key(d: dict) -> tuple:
    t = d.get("type")
    if t == "date":
        return ("date", d.get("date"))
    if t == "relative":
        return ("relative", d.get("duration"))
    if t == "recurring":
        return ("recurring", d.get("freq"))
    return ("other", json.dumps(d, sort_keys=True, ensure_ascii=False))


def target_key(x: dict) -> tuple:
    v = x.get("value")
    try:
        v = float(v)
    except (TypeError, ValueError):
        pass
    return (v, fold(x.get("unit") or ""))


def pair_tasks(gold_tasks: list[dict], pred_tasks: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict]]:
    """Each gold task with the shortest unpaired predicted task whose text holds its quote."""
    texts = [fold(p.get("text") or p.get("quote") or "") for p in pred_tasks]
    used: set[int] = set()
    pairs, missed = [], []
    for g in gold_tasks:
        q = fold(g.get("quote"))
        cands = [i for i, t in enumerate(texts) if q and q in t and i not in used]
        if not cands:
            missed.append(g)
            continue
        i = min(cands, key=lambda i: len(texts[i]))
        used.add(i)
        pairs.append((g, pred_tasks[i]))
    return pairs, missed


def score_document(gold: dict, pred: dict | None, report: Report) -> None:
    pred = pred or {}
    gm, pm = gold.get("meta", {}), pred.get("meta", {}) or {}
    name = gold.get("doc", "?")
    for k in META_EXACT:
        g, p = gm.get(k), pm.get(k)
        ok = (fold(g) == fold(p)) if (g or p) else True
        report.meta_right[k] += int(ok)
        if not ok:
            report.misses.append(f"{name} meta.{k}: gold {g!r} pred {p!r}")
    gp, pp = gm.get("period") or {}, pm.get("period") or {}
    report.meta_right["period"] += int(gp.get("end") == pp.get("end"))
    for k in META_SETS:
        report.meta_sets[k].add([fold_name(x) for x in gm.get(k) or []], [fold_name(x) for x in pm.get(k) or []])
    report.docs += 1
    gt, pt = gold.get("tasks", []), pred.get("tasks", []) or []
    pairs, missed = pair_tasks(gt, pt)
    f = report.fields
    f["tasks"].tp += len(pairs)
    f["tasks"].fn += len(missed)
    f["tasks"].fp += len(pt) - len(pairs)
    for g in missed:
        report.misses.append(f"{name} missed task {g.get('id')} {g.get('path')}: {g.get('quote')}")
    paired = {id(p) for _, p in pairs}
    everything = pairs + [(g, {}) for g in missed] + [({}, p) for p in pt if id(p) not in paired]
    for g, p in everything:
        ga, pa = g.get("actors", []) or [], p.get("actors", []) or []
        f["actors"].add([fold_name(a["name"]) for a in ga], [fold_name(a.get("name")) for a in pa])
        f["actors_lenient"].add([fold_name(a["name"], True) for a in ga], [fold_name(a.get("name"), True) for a in pa])
        f["actors_role"].add([(fold_name(a["name"]), a.get("role")) for a in ga],
                             [(fold_name(a.get("name")), a.get("role")) for a in pa])
        f["actors_explicit"].add([fold_name(a["name"]) for a in ga if a.get("explicit")],
                                 [fold_name(a.get("name")) for a in pa if a.get("explicit")])
        f["recipients"].add([fold_name(x) for x in g.get("recipients", [])],
                            [fold_name(x) for x in p.get("recipients", []) or []])
        f["deadlines"].add([deadline_key(d) for d in g.get("deadlines", [])],
                           [deadline_key(d) for d in p.get("deadlines", []) or []])
        f["sectors"].add(g.get("sectors", []), p.get("sectors", []) or [])
        f["targets"].add([target_key(x) for x in g.get("targets", [])], [target_key(x) for x in p.get("targets", []) or []])
        if g and p:
            for label, gv, pv in (("actors", sorted((a["name"], a["role"]) for a in ga),
                                   sorted((a.get("name"), a.get("role")) for a in pa)),
                                  ("deadlines", sorted(map(str, map(deadline_key, g.get("deadlines", [])))),
                                   sorted(map(str, map(deadline_key, p.get("deadlines", []) or [])))),
                                  ("sectors", sorted(g.get("sectors", [])), sorted(p.get("sectors", []) or []))):
                if gv != pv:
                    report.misses.append(f"{name} {g.get('id')} {label}: gold {gv} pred {pv}")
    gpr = {fold(x["region"]): x for x in gold.get("practices", [])}
    ppr = {fold(x.get("region")): x for x in pred.get("practices", []) or []}
    f["regions"].add(list(gpr), list(ppr))
    for r, g in gpr.items():
        p = ppr.get(r, {})
        f["mechanisms"].add(g.get("mechanisms", []), p.get("mechanisms", []) or [])
        f["figures"].add([target_key(x) for x in g.get("figures", [])], [target_key(x) for x in p.get("figures", []) or []])


def score_folder(gold_dir: Path, predictions: dict[str, dict]) -> Report:
    """Score every GOLD_DIR/<stem>.json against `predictions[stem]` (a missing one scores zero)."""
    report = Report()
    for path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        score_document(gold, predictions.get(path.stem), report)
    return report


def render(report: Report) -> str:
    d = report.as_dict()
    lines = [f"{'field':18} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn"]
    for k in FIELDS:
        v = d[k]
        lines.append(f"{k:18} {v['p']:6.3f} {v['r']:6.3f} {v['f1']:6.3f}   {v['tp']}/{v['fp']}/{v['fn']}")
    lines.append("meta (share right): " + ", ".join(f"{k} {v}" for k, v in d["meta"].items()))
    lines.append(f"documents: {d['docs']}")
    return "\n".join(lines)
