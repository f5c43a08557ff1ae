"""Imported by the extraction fork server (`sandbox.ExtractPool`): loads the extractor and
runs it once on a short circular, so the dictionaries and pipelines it builds lazily
(jieba's dictionary, the spaCy pipeline, the gazetteer: ≈2 s) are in the server's memory
and every forked worker starts with them instead of paying for them on its first file."""

from __future__ import annotations

import contextlib
import os
import tempfile

from ..nlp.extract import extract_path

SAMPLE = (
    "关于做好2024年安全生产工作的通知\n各县(市、区)应急管理局:\n"
    "一、各地要于2024年6月30日前完成隐患排查,由市应急管理局牵头,市消防救援支队配合。\n"
)


def warm() -> None:
    fd, path = tempfile.mkstemp(suffix=".txt", prefix="policykg-warm-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(SAMPLE)
        with contextlib.suppress(Exception):  # a warm-up failure only costs time later
            extract_path(path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)


warm()
