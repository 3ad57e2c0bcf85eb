"""The machine-readable Bot API description (api.json) as a request checker and parser.

Why read the spec at run time instead of hard-coding parameters: the bot must only use
methods and parameters the real API has. Every call is checked against the official
description, so a typo'd parameter or a method PTB does not know about shows up in
``spec_violations`` instead of silently working against a lenient fake.

The same field types also decide how form values are decoded: PTB sends every value as a
string and JSON-encodes non-strings, so a ``String`` field must stay raw (a text "123" is
text), while ``Integer``/``Boolean``/object fields are JSON-decoded.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "TEXT_FIELDS",
    "ApiSpec",
    "FieldSpec",
    "MethodSpec",
    "Upload",
    "load_spec",
    "matches_type",
]

# Fields that hold free text; without a spec they are never JSON-decoded.
TEXT_FIELDS = frozenset(
    {
        "text", "caption", "query", "description", "short_description", "title", "data",
        "name", "first_name", "last_name", "phone_number", "vcard", "address", "question",
        "explanation", "url", "callback_query_id", "inline_message_id", "file_id",
        "parse_mode", "language_code", "action", "emoji", "message_effect_id",
        "business_connection_id", "secret_token", "sticker", "photo", "document",
        "voice", "audio", "video", "animation", "video_note",
    }
)  # fmt: skip
_JSONISH = re.compile(r"^\s*(?:[\[{]|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\s*$|true$|false$)")
_MISSING_MESSAGES = {
    "chat_id": "chat_id is empty",
    "text": "message text is empty",
    "message_id": "message identifier is not specified",
    "message_ids": "message identifiers are not specified",
    "callback_query_id": "query_id is empty",
}


_SPEC_CACHE: dict[tuple[str, int, int], ApiSpec] = {}


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart request (the bot uploaded bytes instead of a file_id)."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class FieldSpec:
    """One parameter of a method: its name, allowed types and whether it is required."""

    name: str
    types: tuple[str, ...]
    required: bool


@dataclass(frozen=True)
class MethodSpec:
    """A Bot API method: canonical name, return types and parameters by name."""

    name: str
    returns: tuple[str, ...]
    fields: Mapping[str, FieldSpec]


def load_spec(path: Path | str | None) -> dict[str, Any] | None:
    """Read api.json; ``None`` if no path was given or the file does not exist."""
    if path is None:
        return None
    spec_path = Path(path)
    if not spec_path.is_file():
        return None
    with spec_path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def matches_type(value: Any, type_name: str) -> bool:
    """Whether a decoded value fits one api.json type name (objects are dicts)."""
    if type_name == "String":
        return isinstance(value, str)
    if type_name == "Integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if type_name == "Float":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if type_name == "Boolean":
        return isinstance(value, bool)
    if type_name == "InputFile":
        return isinstance(value, Upload | str)
    if type_name.startswith("Array of "):
        return isinstance(value, list)
    # Any other name is an object type (ReplyParameters, InlineKeyboardMarkup, ...).
    return isinstance(value, dict)


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class ApiSpec:
    """Lookup, decoding and validation of requests against api.json."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.version: str = str(data.get("version", "unknown"))
        self.methods: dict[str, MethodSpec] = {}
        for name, raw in data.get("methods", {}).items():
            fields = {
                f["name"]: FieldSpec(f["name"], tuple(f.get("types", ())), bool(f.get("required")))
                for f in raw.get("fields", ()) or ()
            }
            self.methods[name] = MethodSpec(name, tuple(raw.get("returns", ())), fields)
        # Telegram matches method names case-insensitively.
        self._by_lower = {name.lower(): name for name in self.methods}
        update_type = data.get("types", {}).get("Update", {})
        self.update_types: tuple[str, ...] = tuple(
            f["name"] for f in update_type.get("fields", ()) if f["name"] != "update_id"
        )

    @classmethod
    def from_path(cls, path: Path | str | None) -> ApiSpec | None:
        """Parsed spec for ``path``, cached per file version.

        Parsing the ~1 MB file costs more than a whole test, and benchmarks create many
        stand-ins, so each file version is parsed once per process.
        """
        if path is None:
            return None
        spec_path = Path(path).resolve()
        if not spec_path.is_file():
            return None
        stat = spec_path.stat()
        key = (str(spec_path), stat.st_mtime_ns, stat.st_size)
        cached = _SPEC_CACHE.get(key)
        if cached is None:
            data = load_spec(spec_path)
            if data is None:
                return None
            cached = _SPEC_CACHE[key] = cls(data)
        return cached

    def resolve(self, method: str) -> MethodSpec | None:
        """The method's spec, matched case-insensitively like the real server."""
        canonical = self._by_lower.get(method.lower())
        return self.methods[canonical] if canonical else None

    def decode(self, method: MethodSpec | None, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Turn transport strings into typed values using the field's declared types."""
        params: dict[str, Any] = {}
        for key, value in raw.items():
            field = method.fields.get(key) if method else None
            if not isinstance(value, str):
                params[key] = value
            elif field is None:
                params[key] = decode_untyped(key, value)
            elif field.types == ("String",):
                params[key] = value
            else:
                params[key] = _try_json(value)
        return params

    def check(self, requested: str, params: Mapping[str, Any]) -> tuple[list[str], list[str]]:
        """Return (violations, missing required fields) for a call to ``requested``."""
        method = self.resolve(requested)
        if method is None:
            return [f"{requested}: unknown method (not in {self.version})"], []
        violations: list[str] = []
        if method.name != requested:
            violations.append(
                f"{requested}: method name case differs from the spec's {method.name!r}"
            )
        attached = {
            value[len("attach://") :]
            for value in params.values()
            if isinstance(value, str) and value.startswith("attach://")
        }
        for key, value in params.items():
            field = method.fields.get(key)
            if field is None:
                if key not in attached and not isinstance(value, Upload):
                    violations.append(f"{method.name}: unknown parameter {key!r}")
                continue
            if field.types and not any(matches_type(value, t) for t in field.types):
                violations.append(
                    f"{method.name}: parameter {key!r} should be {' or '.join(field.types)}, "
                    f"got {_describe(value)}"
                )
        missing = [
            name for name, field in method.fields.items() if field.required and name not in params
        ]
        violations.extend(f"{method.name}: missing required parameter {name!r}" for name in missing)
        return violations, missing


def missing_parameter_message(name: str) -> str:
    """Telegram's wording for a missing required parameter (without "Bad Request: ")."""
    return _MISSING_MESSAGES.get(name, f'parameter "{name}" is required')


def _try_json(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value


def decode_untyped(key: str, value: str) -> Any:
    """Best-effort decoding when no field type is known (no spec, or an unknown field)."""
    if key in TEXT_FIELDS or not _JSONISH.match(value):
        return value
    return _try_json(value)
