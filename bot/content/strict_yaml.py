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


# libyaml (C) when PyYAML has it: ten times faster than the pure-Python loader, which made
# every start and /reload slower by about 0.3 s for the shipped content.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _refuse_what_content_never_needs(text: str) -> None:
    """Walk the event stream (no node is built yet): any anchor or alias, or nesting deeper
    than `MAX_DEPTH`, is refused before a composer could expand or recurse into it."""
    try:
        _walk(text)
    except yaml.YAMLError as exc:
        if "nesting depth" in str(exc):  # libyaml's own limit, met before ours
            raise StrictYamlError(f"nested more than {MAX_DEPTH} levels deep") from None
        raise


def _walk(text: str) -> None:
    # one frame a collection: for a mapping, the keys seen and whether a key comes next
    frames: list[tuple[set[str], list[bool]] | None] = []
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            mark = event.start_mark
            raise StrictYamlError(
                f"line {mark.line + 1}: anchors and aliases (& and *) are not allowed in content"
            )
        top = frames[-1] if frames else None
        if isinstance(event, _CLOSE):
            frames.pop()
            _value_done(frames)
            continue
        if top is not None and top[1][0]:  # a key of a mapping
            key = event.value if isinstance(event, yaml.ScalarEvent) else None
            if key is not None and key in top[0]:
                raise StrictYamlError(
                    f"line {event.start_mark.line + 1}: {key!r} appears twice in one place; "
                    "the second would silently replace the first: merge them"
                )
            if key is not None:
                top[0].add(key)
            top[1][0] = False
            if not isinstance(event, _OPEN):
                continue
        if isinstance(event, _OPEN):
            frames.append((set(), [True]) if isinstance(event, yaml.MappingStartEvent) else None)
            if len(frames) > MAX_DEPTH:
                raise StrictYamlError(f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, yaml.ScalarEvent):
            _value_done(frames)


def _value_done(frames: list[tuple[set[str], list[bool]] | None]) -> None:
    """A value of the innermost collection ended: in a mapping, a key comes next."""
    if frames and frames[-1] is not None:
        frames[-1][1][0] = True


def load(text: str) -> Any:
    """Parse one content file. Raises `StrictYamlError` or `yaml.YAMLError`."""
    _refuse_what_content_never_needs(text)
    return yaml.load(text, Loader=_Loader)  # a safe loader (C or Python), checked above
