"""Offline OCR of page images, per page, with the recogniser's confidence.

Engine choice (measured by `bench/bench_ocr.py` on pages rendered from the real text-layer
circular f10.pdf and on its simulated scan, against the text layer): RapidOCR (PyPI
`rapidocr-onnxruntime`, whose wheel ships the PP-OCRv4 Chinese detection and recognition
models, so nothing is downloaded at run time) reads 0.98–1.00 of the characters; Tesseract 5
`chi_sim` 0.85–0.98. RapidOCR is the default; Tesseract is used when it is asked for
(`POLICYKG_OCR_ENGINE=tesseract`) or when RapidOCR is not installed but `tesseract` is.
`POLICYKG_OCR_ENGINE=off` turns OCR off (image-only pages are then refused with a reason).
`POLICYKG_OCR_THREADS` (default 2) caps the threads one recognition uses.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

OCR_INSTALL_HINT = ("install an OCR engine (pip: rapidocr-onnxruntime==1.4.4, which `make run` / `make test` "
                    "install; or Debian: tesseract-ocr tesseract-ocr-chi-sim)")
RENDER_DPI = 200  # the resolution the accuracy figures were measured at


@dataclass
class OcrResult:
    lines: list[str]
    confidence: float  # mean over recognised characters, 0..1
    raw_lines: list[str] | None = None  # before `fix_line` (the benchmark reports both)


class OcrEngine(Protocol):
    name: str

    def read(self, image) -> OcrResult: ...


CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


def join_pieces(left: str, right: str) -> str:
    """Glue two pieces of one line: nothing between CJK text, one space between Latin words."""
    if not left or not right:
        return left + right
    if CJK.match(left[-1]) or CJK.match(right[0]) or left.endswith(" ") or right.startswith(" "):
        return left + right
    return left + " " + right


DOC_NO_BRACKETS = re.compile(r"[〔\[【［]\s*((?:19|20)\d{2})\s*[〕\]】］](?=\s*第?\s*\d{1,5}\s*号)")


def fix_line(s: str) -> str:
    """Undo the one systematic misreading measured: the hexagonal brackets of a document
    number (发改办财金规〔2019〕860号) read as ] 】 [ — only inside a doc-number pattern."""
    return DOC_NO_BRACKETS.sub(r"〔\1〕", s)


class RapidOcrEngine:
    name = "rapidocr"

    def __init__(self) -> None:
        from rapidocr_onnxruntime import RapidOCR

        threads = int(os.environ.get("POLICYKG_OCR_THREADS", "2") or 2)
        self._ocr = RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1)

    def read(self, image) -> OcrResult:
        import numpy as np

        result, _ = self._ocr(np.array(image.convert("RGB")))
        boxes = []
        for box, text, score in result or []:
            ys = [p[1] for p in box]
            xs = [p[0] for p in box]
            boxes.append((min(ys), max(ys), min(xs), text, float(score)))
        return group_lines(boxes)


def group_lines(boxes: list[tuple[float, float, float, str, float]]) -> OcrResult:
    """Boxes (top, bottom, left, text, score) into reading-order lines: a box joins the line whose
    vertical extent holds its centre; boxes of a line are read left to right."""
    lines: list[list] = []  # [top, bottom, [(left, text)]]
    chars = 0
    weighted = 0.0
    for top, bottom, left, text, score in sorted(boxes, key=lambda b: (b[0] + b[1]) / 2):
        centre = (top + bottom) / 2
        if lines and lines[-1][0] <= centre <= lines[-1][1]:
            lines[-1][2].append((left, text))
        else:
            lines.append([top, bottom, [(left, text)]])
        n = len(text.strip())
        chars += n
        weighted += score * n
    raw = []
    for _, _, pieces in lines:
        s = ""
        for _, text in sorted(pieces):
            s = join_pieces(s, text.strip())
        raw.append(s)
    return OcrResult(lines=[fix_line(s) for s in raw], confidence=round(weighted / chars, 4) if chars else 0.0,
                     raw_lines=raw)


class TesseractEngine:
    name = "tesseract"

    def __init__(self) -> None:
        self.binary = shutil.which("tesseract")
        if not self.binary:
            raise RuntimeError("tesseract not installed")
        self.lang = os.environ.get("POLICYKG_TESSERACT_LANG", "chi_sim")

    def read(self, image) -> OcrResult:
        with tempfile.TemporaryDirectory(prefix="policykg-ocr-") as tmp:
            path = os.path.join(tmp, "page.png")
            image.save(path)
            env = {**os.environ, "OMP_THREAD_LIMIT": os.environ.get("POLICYKG_OCR_THREADS", "2")}
            proc = subprocess.run([self.binary, path, "-", "-l", self.lang, "--psm", "3", "tsv"],
                                  capture_output=True, text=True, env=env, timeout=300)
        lines: dict[tuple, list[str]] = {}
        confs: list[tuple[float, int]] = []
        for row in proc.stdout.splitlines()[1:]:
            f = row.split("\t")
            if len(f) < 12 or f[0] != "5" or not f[11].strip():
                continue
            key = (int(f[2]), int(f[3]), int(f[4]))  # block, paragraph, line
            lines.setdefault(key, []).append(f[11].strip())
            if float(f[10]) >= 0:
                confs.append((float(f[10]) / 100, len(f[11].strip())))
        raw = []
        for key in sorted(lines):
            s = ""
            for w in lines[key]:
                s = join_pieces(s, w)
            raw.append(s)
        n = sum(c for _, c in confs)
        return OcrResult(lines=[fix_line(s) for s in raw],
                         confidence=round(sum(p * c for p, c in confs) / n, 4) if n else 0.0, raw_lines=raw)


@lru_cache(maxsize=4)
def _engine(choice: str) -> OcrEngine | None:
    order = {"auto": ["rapidocr", "tesseract"], "rapidocr": ["rapidocr"], "tesseract": ["tesseract"]}.get(choice, [])
    for name in order:
        try:
            return RapidOcrEngine() if name == "rapidocr" else TesseractEngine()
        except Exception:  # noqa: BLE001 - an engine that cannot start is an engine not installed
            continue
    return None


def get_engine() -> OcrEngine | None:
    """The configured OCR engine, loaded once per process; None when none is available/allowed."""
    return _engine(os.environ.get("POLICYKG_OCR_ENGINE", "auto").strip().lower() or "auto")


def character_accuracy(got: str, reference: str) -> float:
    """1 − edit distance / reference length, whitespace ignored: how OCR text is measured
    against a page's text layer (bench/bench_ocr.py and the reader tests use this one
    definition)."""
    a, b = re.sub(r"\s+", "", got), re.sub(r"\s+", "", reference)
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        prev = cur
    return 1 - prev[-1] / max(1, len(b))
