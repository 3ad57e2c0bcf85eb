"""The `meta:` block at the top of each `content/<locale>/ui.yaml`: what the language is called
in its own words, which way it reads, which locale a regional variant builds on, how its
numbers are written and whether a native speaker has signed it off.

    meta:
      language_name: Português (Portugal)   # the language in its own name, for the menu
      direction: ltr                        # ltr or rtl (a variant without it reads as its parent)
      parent: pt                            # regional variants only: missing texts come from pt
      numbers: latn                         # latn (0-9) or arab (٠-٩) digits in prose
      region: PT                            # whose date conventions apply when the visitor's
                                            # country gives none (English: GB, "4 December")
      review: {status: needs-native-review}  # or {status: signed-off, by: Alias, date: 2026-12-04}

Meta is not a text anyone reads and is never inherited from English (a locale without a
language name would otherwise call itself "English" in the menu). No `telegram` import.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bot.content.problems import Problem

ReviewStatus = Literal["needs-native-review", "signed-off"]
Direction = Literal["ltr", "rtl"]
Digits = Literal["latn", "arab"]


class Review(BaseModel):
    """Whether a native speaker has read the whole locale and signed it off, by alias and day."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    status: ReviewStatus
    by: str | None = Field(default=None, min_length=1, max_length=40)
    date: dt.date | None = None

    @model_validator(mode="after")
    def _signed_off_says_who_and_when(self) -> Review:
        if self.status == "signed-off" and (self.by is None or self.date is None):
            raise ValueError("signed-off needs the reviewer's alias (by) and the date")
        if self.status == "needs-native-review" and (self.by or self.date):
            raise ValueError("by and date go with signed-off only")
        return self


class LocaleMeta(BaseModel):
    """A locale's `meta:` block, as written (a variant's gaps are filled by `resolved`)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    language_name: str = Field(min_length=1, max_length=40)
    direction: Direction | None = None
    parent: str | None = Field(default=None, min_length=2, max_length=12)
    numbers: Digits | None = None
    region: str | None = Field(default=None, pattern=r"^([A-Z]{2}|[0-9]{3})$")
    review: Review | None = None

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    def resolved(self, parent: LocaleMeta | None) -> LocaleMeta:
        """Direction and digits default to the parent's, then to left-to-right Latin digits."""
        return self.model_copy(
            update={
                "direction": self.direction or (parent.direction if parent else None) or "ltr",
                "numbers": self.numbers or (parent.numbers if parent else None) or "latn",
                "region": self.region or (parent.region if parent else None),
            }
        )


def parse_meta(code: str, data: Any, file: str, problems: list[Problem]) -> LocaleMeta:
    """The locale's meta block; a missing or broken one is reported and replaced by the code."""
    if data is None:
        problems.append(
            Problem(file, "meta", "no meta block (language_name, direction, review)", "incomplete")
        )
        return LocaleMeta(language_name=code)
    try:
        meta = LocaleMeta.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            key = ".".join(["meta", *(str(part) for part in err["loc"])])
            problems.append(Problem(file, key, err["msg"]))
        return LocaleMeta(language_name=code)
    if meta.parent == code:
        problems.append(Problem(file, "meta.parent", "a locale cannot be its own parent"))
    return meta


def review_problems(code: str, meta: LocaleMeta, file: str, base: str) -> list[Problem]:
    """A translation that no native speaker has signed off yet is a warning (never blocking)."""
    if code == base:
        return []  # the source language: its review is the two-admin content review itself
    if meta.review is None:
        return [Problem(file, "meta.review", "no review status yet", "incomplete")]
    if meta.review.status == "needs-native-review":
        return [Problem(file, "meta.review", "needs native review before launch", "warning")]
    return []
