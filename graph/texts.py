"""Documents' original text beside the embedded graph, not in it: `DATA/texts/`.

Why (issue 13): the graph lives in the FalkorDB server's memory, and a document's text,
even compressed (`textpack`), was 7 KB of the ≈ 95 KB a document took there, while no
query looks inside it: it is only ever read whole, for one document at a time. On disk
it costs nothing to hold. Neo4j keeps its graph on disk, so there the text stays a
property (`original_text_z`) and this module is not used.

Each text is one file, `texts/<graph>/<2 hex of its id's hash>/<id's hash>.z` (zlib of the
UTF-8),
written and fsynced before the statement that writes its document: when that write is
acknowledged the text is durable too. A document that is not written (refused, a crash
before its statement) leaves a file that `sweep` removes later; deleting a document
removes its file after the statement. Reading a document written before this (its text
in the graph) still works: the text is read from wherever it is.
"""

from __future__ import annotations

import base64
import errno
import hashlib
import os
import re
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterable

from . import diskspace

FOLDER = "texts"
SWEEP_AGE = 3600.0  # seconds: a younger file may belong to a write in flight


class TextStore:
    def __init__(self, data: Path, graph: str):
        self.data = Path(data)
        # one folder per graph: two graphs of one server may hold the same document
        self.root = self.data / FOLDER / (re.sub(r"[^A-Za-z0-9_.-]", "_", graph).lstrip(".") or "_")

    def path(self, doc_id: str) -> Path:
        h = hashlib.sha256(doc_id.encode("utf-8")).hexdigest()
        return self.root / h[:2] / f"{h}.z"

    def put_packed(self, packed: dict[str, str]) -> None:
        """Store texts given as `textpack.pack_text` gives them (id -> base64 of zlib),
        durably (files and folders fsynced, in parallel: one journal commit, not one each)."""
        if not packed:
            return
        blobs = {doc_id: base64.b64decode(z) for doc_id, z in packed.items()}
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        diskspace.check_room(self.data, sum(len(b) for b in blobs.values()))
        try:
            with ThreadPoolExecutor(max_workers=min(8, len(blobs))) as pool:
                folders = set(pool.map(self._write, blobs.items()))
            for folder in folders | {self.root, self.root.parent}:
                _fsync_dir(folder)
        except OSError as e:
            if e.errno in (errno.ENOSPC, errno.EDQUOT):
                raise diskspace.DiskFull(
                    f"the disk holding the graph data ({self.data}) is full ({e}); nothing was "
                    "stored. Free some space and retry") from e
            raise

    def _write(self, item: tuple[str, bytes]) -> Path:
        doc_id, blob = item
        path = self.path(doc_id)
        path.parent.mkdir(mode=0o700, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.{id(item)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, blob)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        return path.parent

    def get(self, doc_id: str) -> str | None:
        try:
            return zlib.decompress(self.path(doc_id).read_bytes()).decode("utf-8")
        except FileNotFoundError:
            return None

    def has(self, doc_id: str) -> bool:
        return self.path(doc_id).is_file()

    def delete(self, doc_ids: Iterable[str]) -> None:
        for doc_id in doc_ids:
            try:
                self.path(doc_id).unlink()
            except FileNotFoundError:
                pass

    def sweep(self, live_ids: Iterable[str], min_age: float = SWEEP_AGE) -> int:
        """Remove the files of documents that are not in the graph (a write refused or cut
        short), older than `min_age` seconds; returns how many."""
        if not self.root.is_dir():
            return 0
        keep = {self.path(i).name for i in live_ids}
        cutoff = time.time() - min_age
        removed = 0
        for folder in self.root.iterdir():
            if not folder.is_dir():
                continue
            for f in folder.iterdir():
                if f.name in keep:
                    continue
                try:
                    if f.stat().st_mtime < cutoff:
                        f.unlink()
                        removed += 1
                except FileNotFoundError:
                    pass
        return removed


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
