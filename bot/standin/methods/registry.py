"""The table of Bot API method implementations, filled by ``@handler("name")``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..state import StandInState

Handler = Callable[[StandInState, dict[str, Any]], Any]
HANDLERS: dict[str, Handler] = {}


def handler(name: str) -> Callable[[Handler], Handler]:
    """Register ``func`` as the implementation of Bot API method ``name``."""

    def register(func: Handler) -> Handler:
        HANDLERS[name] = func
        return func

    return register
