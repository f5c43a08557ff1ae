"""Scanned pages saved as images (PNG, JPEG, TIFF; a multi-page TIFF page by page): OCR only."""

from __future__ import annotations

import io

from ..model import IngestError, OcrPage, RawDocument
from .builder import TextBuilder
from .limits import Limits, too_large


def read_image(data: bytes, where: str, limits: Limits) -> RawDocument:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    from .ocr import OCR_INSTALL_HINT, get_engine

    try:
        img = Image.open(io.BytesIO(data))
        w, h = img.size  # read from the header: nothing decoded yet
    except (UnidentifiedImageError, OSError, ValueError):
        raise IngestError(where, "binary content: an image file (PNG/JPEG/TIFF header) that cannot be decoded",
                          code="corrupt")
    if w * h > limits.max_pixels:
        raise too_large(where, f"an image of {w:,} x {h:,} pixels (limit {limits.max_pixels:,})")
    engine = get_engine()
    if engine is None:
        raise IngestError(where, f"an image of a page needs OCR and no OCR engine is available; {OCR_INSTALL_HINT}",
                          code="ocr_missing")
    b = TextBuilder(where, limits)
    for n, frame in enumerate(ImageSequence.Iterator(img), start=1):
        if n > limits.ocr_max_pages:
            break
        if frame.size[0] * frame.size[1] > limits.max_pixels:
            raise too_large(where, f"page {n} is {frame.size[0]:,} x {frame.size[1]:,} pixels")
        try:
            result = engine.read(frame.convert("L"))
        except (OSError, ValueError) as exc:
            raise IngestError(where, f"not a readable image ({exc})", code="corrupt")
        start = b.pos
        for line in result.lines:
            if line.strip():
                b.line(line)
        if b.pos > start:
            b.ocr.append(OcrPage(page=n, span=(start, b.pos - 1), confidence=result.confidence, engine=engine.name))
    return RawDocument(path=where, text=b.text(), encoding=None, fmt="image", sha256="", ocr=b.ocr)
