"""A problem found in the content: what `content check` and `/reload` list."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from bot.content import strict_yaml

if TYPE_CHECKING:
    from bot.content.checked import ContentFiles

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, named by file and key."""

    file: str
    key: str
    message: str
    severity: Literal["error", "incomplete", "warning"] = "error"

    def __str__(self) -> str:
        return f"{self.severity}: {self.file}: {self.key}: {self.message}"


def read_model(
    path: Path, rel: str, model: type[M], problems: list[Problem], files: ContentFiles | None = None
) -> M | None:
    """A content file read (strict YAML; through `files` when a load reads them) and validated
    against `model`; None, with the problems named by file and key, if it cannot be."""
    try:
        data: Any = (
            files.parse(path) if files else strict_yaml.load(path.read_text(encoding="utf-8"))
        )
    except (yaml.YAMLError, strict_yaml.StrictYamlError, UnicodeDecodeError, OSError) as exc:
        problems.append(Problem(rel, "-", f"not valid YAML: {exc}"))
        return None
    try:
        return model.model_validate(data or {})
    except ValidationError as exc:
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"]) or "-"
            problems.append(Problem(rel, where, err["msg"]))
        return None
