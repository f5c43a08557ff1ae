"""The Chinese wording users read, from one data file shared with the web page.

Why a data file and not constants here: the page (api/static/app.js) must show the same
messages as the CLI and the exports, and it cannot import Python. `static/messages.json` is
served with the page and read here; nothing user-facing is spelt out anywhere else.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def messages() -> dict[str, Any]:
    """The whole message table (api/static/messages.json)."""
    return json.loads(resources.files(__package__).joinpath("static", "messages.json").read_text("utf-8"))


def msg(key: str, /, **values: Any) -> Any:
    """The message at a dotted `key` ("errors.503", "cli.bad_choice"), its {placeholders} filled."""
    node: Any = messages()
    for part in key.split("."):
        node = node[part]
    return node.format(**values) if isinstance(node, str) and values else node


def role_zh(role: str | None) -> str:
    """lead -> 牵头; an unknown role is shown as it is."""
    return messages()["roles"].get(role or "", role or "")


def cadence_zh(freq: str | None) -> str | None:
    """quarterly -> 每季度; None for no or an unknown cadence."""
    return messages()["cadences"].get(freq or "")
