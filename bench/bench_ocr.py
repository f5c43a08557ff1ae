"""OCR engines on real page images: character accuracy against the text layer, seconds per page.

Pages are rendered at 200 dpi (greyscale) from the real text-layer circular f10.pdf (5 pages) and
from f10-scanned.pdf (its pages 1-2 as a simulated scan: rotated, noisy, blurred, JPEG q55); each
page's OCR text is compared with f10.pdf's text layer of the same page, whitespace removed:
accuracy = 1 - edit distance / length of the reference ("raw": before the one correction the
reader applies, 〔〕 of a document number misread as ]】[). Every installed engine is measured
(RapidOCR = PyPI rapidocr-onnxruntime 1.4.4, PP-OCRv4 models inside the wheel; Tesseract 5
chi_sim from Debian); model loading is timed apart from the per-page cost.
usage: python bench/bench_ocr.py [--threads 2]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

REAL = Path(__file__).resolve().parents[2] / "shared" / "realfiles"


def accuracy(got: str, ref: str) -> float:
    from policykg.ingest.readers.ocr import character_accuracy

    return character_accuracy(got, ref)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", default="2", help="threads per recognition (POLICYKG_OCR_THREADS)")
    args = ap.parse_args()
    os.environ["POLICYKG_OCR_THREADS"] = args.threads
    if not (REAL / "f10.pdf").exists():
        print(f"bench_ocr: {REAL} not present; nothing to measure")
        return
    import pypdfium2 as pdfium
    from pypdf import PdfReader

    from policykg.ingest.readers.ocr import RENDER_DPI, RapidOcrEngine, TesseractEngine

    refs = [p.extract_text() for p in PdfReader(REAL / "f10.pdf").pages]
    pages = []
    for name, n in (("f10.pdf", 5), ("f10-scanned.pdf", 2)):
        doc = pdfium.PdfDocument(str(REAL / name))
        for i in range(n):
            pages.append((name, i + 1, doc[i].render(scale=RENDER_DPI / 72, grayscale=True).to_pil(), refs[i]))
    print(f"OCR benchmark: {len(pages)} pages at {RENDER_DPI} dpi, {args.threads} thread(s) per recognition")
    print(f"{'engine':<10} {'file':<16} {'page':>4} {'accuracy':>9} {'raw':>7} {'s/page':>7} {'conf':>5}")
    summary = []
    for cls in (RapidOcrEngine, TesseractEngine):
        t = time.perf_counter()
        try:
            engine = cls()
        except Exception as exc:  # noqa: BLE001 - an engine not installed is reported, not fatal
            print(f"{cls.name:<10} not available ({type(exc).__name__}: {exc})")
            continue
        load = time.perf_counter() - t
        engine.read(pages[0][2])  # warm-up (first inference allocates)
        accs: dict[str, list[float]] = {}
        secs = []
        for name, page, image, ref in pages:
            t = time.perf_counter()
            result = engine.read(image)
            dt = time.perf_counter() - t
            acc = accuracy("\n".join(result.lines), ref)
            raw = accuracy("\n".join(result.raw_lines or result.lines), ref)
            accs.setdefault(name, []).append(acc)
            secs.append(dt)
            print(f"{engine.name:<10} {name:<16} {page:>4} {acc:>9.4f} {raw:>7.4f} {dt:>7.2f} {result.confidence:>5.2f}")
        summary.append((engine.name, load, accs, sum(secs) / len(secs)))
    print()
    for name, load, accs, sp in summary:
        per_file = ", ".join(f"{f} {min(a):.3f}-{max(a):.3f} (mean {sum(a) / len(a):.3f})" for f, a in accs.items())
        print(f"{name}: accuracy {per_file}; {sp:.2f} s/page; model load {load:.1f} s")
    print("target: accuracy >= 0.95 on every page")


if __name__ == "__main__":
    main()
