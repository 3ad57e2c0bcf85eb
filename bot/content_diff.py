"""What a content change changes, as old -> new values a second admin can check.

A second admin can only catch a swapped number if they see it: every changed value is shown
with its old and new text, a long text trimmed to the part that differs (with some context),
list items (the safety phrase lists) one by one. When the whole would not fit in a few chat
messages, the rest is counted, never silently dropped. No `telegram` import; no words a person
reads beyond keys, values and the signs `+ ~ - →`.
"""

from __future__ import annotations

import json

CONTEXT = 40  # characters kept either side of what differs in a long text
SHORT = 200  # texts shorter than this (old and new together) are shown whole
VALUE_MAX = 1500  # longest stretch of one value shown; the rest is counted


def flatten(data: object, prefix: str = "") -> dict[str, object]:
    """Every leaf by dotted key; list items by their `id` when they have one, else by place
    (a contact's `reach.0.value`); a list of plain values (a phrase list) is one leaf."""
    out: dict[str, object] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            out.update(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(data, list) and all(isinstance(i, dict) and "id" in i for i in data) and data:
        for item in data:
            out.update(flatten(item, f"{prefix}.{item['id']}"))
    elif isinstance(data, list) and any(isinstance(i, dict | list) for i in data):
        for i, item in enumerate(data):
            out.update(flatten(item, f"{prefix}.{i}"))
    else:
        out[prefix] = data
    return out


def _quote(value: object) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    if len(text) > VALUE_MAX:
        text = f"{text[:VALUE_MAX]}…(+{len(text) - VALUE_MAX})"
    return f'"{text}"' if isinstance(value, str) else text


def _common(a: str, b: str) -> int:
    """How many leading characters two texts share."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _trimmed(old: str, new: str) -> tuple[str, str]:
    """The part of two long texts that differs, with CONTEXT characters around it."""
    if len(old) + len(new) <= SHORT:
        return old, new
    head = _common(old, new)
    tail = _common(old[head:][::-1], new[head:][::-1])
    start = max(0, head - CONTEXT)

    def cut(text: str) -> str:
        end = len(text) - max(0, tail - CONTEXT)
        return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")

    return cut(old), cut(new)


def _scalars(value: object) -> bool:
    return isinstance(value, list) and all(not isinstance(i, dict | list) for i in value)


def _items(value: object) -> set[str]:
    return {str(i) for i in value}  # type: ignore[attr-defined]


def diff_lines(old: dict[str, object], new: dict[str, object]) -> list[str]:
    """`+ key: new`, `~ key: old → new`, `- key: old`, by key; list items one by one."""
    lines: list[str] = []
    for key in sorted(set(old) | set(new)):
        if key not in new:
            gone = old[key]
            items = gone if _scalars(gone) and gone else [gone]
            lines += [f"- {key}: {_quote(i)}" for i in items]  # type: ignore[attr-defined]
        elif key not in old:
            came = new[key]
            items = came if _scalars(came) and came else [came]
            lines += [f"+ {key}: {_quote(i)}" for i in items]  # type: ignore[attr-defined]
        elif old[key] != new[key]:
            before, after = old[key], new[key]
            if (
                _scalars(before)
                and _scalars(after)
                and set(map(str, before)) != set(map(str, after))
            ):
                gone = [i for i in before if i not in after]  # type: ignore[union-attr]
                came = [i for i in after if i not in before]  # type: ignore[union-attr]
                lines += [f"- {key}: {_quote(i)}" for i in gone]
                lines += [f"+ {key}: {_quote(i)}" for i in came]
            elif isinstance(before, str) and isinstance(after, str):
                a, b = _trimmed(before, after)
                lines.append(f"~ {key}: {_quote(a)} → {_quote(b)}")
            else:
                lines.append(f"~ {key}: {_quote(before)} → {_quote(after)}")
    return lines


def fit(lines: list[str], budget: int) -> tuple[str, int]:
    """As many whole lines as fit in `budget` characters, and how many did not fit."""
    shown: list[str] = []
    used = 0
    for i, line in enumerate(lines):
        if used + len(line) + 1 > budget:
            return "\n".join(shown), len(lines) - i
        shown.append(line)
        used += len(line) + 1
    return "\n".join(shown), 0
