"""YAML for content files, with the parts an attacker can use to freeze the bot refused.

`yaml.safe_load` builds no objects, but it still follows anchors and aliases: 18 KB of
nested aliases expands to a million keys that every later check walks (an "alias bomb"), and
a deeply nested file exhausts the composer's recursion. Content never needs either, so a
content file with an anchor, an alias or nesting deeper than `MAX_DEPTH` is refused outright,
before anything walks it. No `telegram` import.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_DEPTH = 32  # content is at most five levels deep; this leaves room and stops recursion


class StrictYamlError(ValueError):
    """The file uses something content files may not (the message says what, for the admin)."""


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors, aliases and deep nesting while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            mark = event.start_mark
            raise StrictYamlError(
                f"line {mark.line + 1}: anchors and aliases (& and *) are not allowed in content"
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise StrictYamlError(f"nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load(text: str) -> Any:
    """Parse one content file. Raises `StrictYamlError` or `yaml.YAMLError`."""
    loader = _StrictLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
