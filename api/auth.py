"""Who may write (upload, delete): whoever holds the write token.

The design (README "Uploading"): `policykg serve` (and so `make run`) uses
`POLICYKG_API_TOKEN` when it is set; otherwise it keeps a token in the data folder
(`$POLICYKG_DATA/api-token`, created at the first start with mode 0600, so only the user
running the service can read it) and prints a ready link `http://127.0.0.1:8000/#token=…`
once, when it creates it. The page takes the token from the link's #fragment (never sent to
the server, so not in any access log), keeps it in the browser's localStorage and sends it
as `Authorization: Bearer …`. `policykg token` prints the link again, for the person who can
read the file.

Why a token and not "writes from loopback": behind a reverse proxy on the same machine
every request comes from loopback, any local user could write, and a web page open in the
user's browser could post a form to 127.0.0.1 (a cross-site request needs no preflight for
a plain multipart form, but does for an Authorization header).
"""

from __future__ import annotations

import contextlib
import hmac
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

ENV = "POLICYKG_API_TOKEN"
TOKEN_FILE = "api-token"


class WriteRefused(Exception):
    """A write without the right token: 403 when no token is configured, 401 when it is wrong."""

    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status = status
        self.detail = detail


def token_path(data: Path) -> Path:
    return Path(data) / TOKEN_FILE


def ensure_token(data: Path) -> tuple[str, bool]:
    """The data folder's token, created (0600) when there is none: (token, created now)."""
    path = token_path(data)
    existing = read_token(path)
    if existing:
        return existing, False
    Path(data).mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(24)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()  # an empty or unreadable leftover
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first: use theirs
        return read_token(path) or token, False
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(token + "\n")
    return token, True


def read_token(path: Path) -> str | None:
    """The token in `path`, tightening its mode to 0600 if someone loosened it."""
    try:
        mode = path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            with contextlib.suppress(OSError):
                os.chmod(path, 0o600)
        return path.read_text(encoding="ascii").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def link(token: str, host: str = "127.0.0.1", port: int = 8000) -> str:
    """The page's address carrying the token in its #fragment (the page stores it and drops it)."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    return f"http://{shown}:{port}/#token={token}"


@dataclass
class WriteAuth:
    """The token a write must carry: `POLICYKG_API_TOKEN` when set (read at each request, so
    a test or an operator can change it), else the data folder's token file, else none (every
    write refused)."""

    token_file: Path | None = None

    def expected(self) -> str | None:
        env = os.environ.get(ENV)
        if env:
            return env
        return read_token(self.token_file) if self.token_file else None

    def check(self, authorization: str | None) -> None:
        expected = self.expected()
        if not expected:
            raise WriteRefused(403, "writes are disabled: start the server with `policykg serve` "
                                    "(it creates a write token) or set POLICYKG_API_TOKEN")
        if not hmac.compare_digest(bearer_token(authorization).encode(), expected.encode()):
            raise WriteRefused(401, "missing or wrong API token")


def bearer_token(authorization: str | None) -> str:
    """The token of an `Authorization: Bearer <token>` header, "" for anything else.

    RFC 6750 (via RFC 7235): the scheme is required and case-insensitive (`bearer`, `BEARER`),
    separated from the token by whitespace. A bare token used to be accepted while `bearer
    <token>` was refused (issue 15 item 8)."""
    scheme, _, token = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer":
        return ""
    return token.strip()
