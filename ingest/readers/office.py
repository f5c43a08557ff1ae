"""Binary Office and WPS files (.doc .wps .xls .et, also .rtf .odt .ods) through LibreOffice.

Why a converter and not a byte parser: Word 97 and WPS red-head circulars keep their tables
(risk matrices, scoring tables) in structures antiword/catdoc flatten into runs of text;
measured on the real files, LibreOffice headless turns them into DOCX/XLSX with tables,
merged cells and document properties intact in about one second each, and our DOCX/XLSX
readers take it from there. Each conversion runs in its own temporary folder with its own
LibreOffice profile (`-env:UserInstallation`), so parallel workers never share a profile
lock, under a timeout; the folder is removed afterwards whatever happens.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..model import IngestError, RawDocument
from .limits import Limits

TEXT_FORMATS = {"doc", "wps", "rtf", "odt"}
SHEET_FORMATS = {"xls", "et", "ods"}
INSTALL_HINT = "install LibreOffice (Debian: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui; " \
               "`make run` / `make test` do it)"


def soffice() -> str | None:
    """The LibreOffice binary, or None. `POLICYKG_SOFFICE` overrides (an empty value disables)."""
    if "POLICYKG_SOFFICE" in os.environ:
        return os.environ["POLICYKG_SOFFICE"] or None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def read_office(data: bytes, where: str, fmt: str, limits: Limits) -> RawDocument:
    """Convert to DOCX or XLSX with LibreOffice, then read that; `fmt` stays the original's."""
    binary = soffice()
    if binary is None:
        raise IngestError(where, f"cannot read .{fmt} files: LibreOffice is not installed; {INSTALL_HINT}",
                          code="converter_missing")
    target = "xlsx" if fmt in SHEET_FORMATS else "docx"
    converted = convert(data, fmt, target, where, binary, limits)
    if target == "xlsx":
        from .sheet import read_xlsx

        raw = read_xlsx(converted, where, limits, fmt=fmt)
    else:
        from .docx import read_docx

        raw = read_docx(converted, where, limits)
        raw.fmt = fmt
    raw.props.setdefault("converted_by", "LibreOffice")
    return raw


def convert(data: bytes, fmt: str, target: str, where: str, binary: str, limits: Limits) -> bytes:
    with tempfile.TemporaryDirectory(prefix="policykg-soffice-") as tmp:
        tmpdir = Path(tmp)
        src = tmpdir / f"in.{fmt}"
        src.write_bytes(data)
        out = tmpdir / "out"
        cmd = [binary, f"-env:UserInstallation=file://{tmpdir / 'profile'}", "--headless", "--norestore",
               "--nologo", "--nodefault", "--nolockcheck", "--convert-to", target, "--outdir", str(out), str(src)]
        env = {**os.environ, "HOME": str(tmpdir), "SAL_USE_VCLPLUGIN": "svp"}
        try:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                    start_new_session=True, cwd=tmpdir)
        except OSError as exc:
            raise IngestError(where, f"cannot start LibreOffice ({exc}); {INSTALL_HINT}", code="converter_missing")
        try:
            _, err = proc.communicate(timeout=limits.convert_timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # its own session: soffice.bin and any helper go too
            proc.communicate()
            raise IngestError(where, f"LibreOffice did not finish converting the .{fmt} file within "
                                     f"{limits.convert_timeout} s (POLICYKG_CONVERT_TIMEOUT)", code="timeout")
        result = out / f"in.{target}"
        if proc.returncode != 0 or not result.exists() or result.stat().st_size == 0:
            detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] if err else []
            raise IngestError(where, f"LibreOffice could not convert the .{fmt} file: damaged, password-protected "
                                     f"or not really .{fmt}" + (f" ({detail[0][:200]})" if detail else ""),
                              code="corrupt")
        return result.read_bytes()


def ole_encrypted(data: bytes) -> bool:
    """Is an OLE Word or Excel file password-protected? Word: the FIB's fEncrypted bit;
    Excel: a FILEPASS record among the first records of the Workbook stream."""
    import io
    import struct

    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - not OLE (rtf, odt): nothing to tell
        return False
    try:
        if ole.exists("WordDocument"):
            fib = ole.openstream("WordDocument").read(12)
            return len(fib) >= 12 and bool(struct.unpack("<H", fib[10:12])[0] & 0x0100)
        for name in ("Workbook", "Book"):
            if ole.exists(name):
                s = ole.openstream(name).read(8192)
                pos = 0
                for _ in range(64):
                    if pos + 4 > len(s):
                        break
                    typ, ln = struct.unpack("<HH", s[pos:pos + 4])
                    if typ == 0x002F:
                        return True
                    pos += 4 + ln
        return False
    except Exception:  # noqa: BLE001
        return False
    finally:
        ole.close()
