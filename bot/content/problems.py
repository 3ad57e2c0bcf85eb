"""A problem found in the content: what `content check` and `/reload` list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, named by file and key."""

    file: str
    key: str
    message: str
    severity: Literal["error", "incomplete", "warning"] = "error"

    def __str__(self) -> str:
        return f"{self.severity}: {self.file}: {self.key}: {self.message}"
