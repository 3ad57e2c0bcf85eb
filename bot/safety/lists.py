"""Loading the safety lists of every locale, and the checks an editor can act on."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import ValidationError

from bot.content import strict_yaml
from bot.safety import cjk, kept, together
from bot.safety.detector import RiskDetector
from bot.safety.kept import KEPT, Kept, read
from bot.safety.model import SHIPPED_NAME, RiskModel
from bot.safety.normalize import ELISION, WORD, phrase_tokens, tokens
from bot.safety.schema import (
    BASE_LOCALE,
    CATEGORY_NAME,
    CLASS_REF,
    EMOJI_CATEGORY,
    FILE_NAME,
    MAX_EXPANSION,
    RANK,
    SafetyLists,
    expand,
    expansion_size,
)

if TYPE_CHECKING:
    from bot.content.checked import ContentFiles

# --------------------------------------------------------------------------- loading & checks

SafetyProblem = tuple[str, str, str]  # (file relative to the content folder's parent, key, message)
DETECTOR = "risk detector"  # its name in a content record (bot/content/checked.py)


def load_safety(
    content_dir: Path,
    files: ContentFiles | None = None,
    *,
    model: bool = False,
    readier: bool = False,
) -> tuple[RiskDetector | None, list[SafetyProblem]]:
    """Read every `content/<locale>/safety.yaml`, check them, and build one merged detector.

    A locale without the file is fine (English phrases still apply to it); English without it is
    a problem. Returns no detector when there is any problem: the caller should keep the
    previous detector (on reload) or refuse to start, never run without one. With `files`
    vouched for by a record of a full check (`files.checked`), the editor's checks are skipped:
    they found nothing in these very bytes with this very code. Lists this process already
    found sound, byte for byte, are not built and checked again (`bot.safety.kept`). With
    `model`, the shipped statistical model (`bot.safety.model`) stands beside the lists, on a
    copy (the bot and `python -m bot risk`); without, the lists alone decide (their checks,
    their tests). With `readier` too, the model's readier thresholds (`RISK_MODEL=on`, the
    bot's default: `RiskModel.readier`; without, its own: `RISK_MODEL=careful`).
    """
    detector, problems = _load(content_dir, files)
    if model and detector is not None:
        # a damaged or missing model is refused like content, in one line: never the lists
        # alone without a word
        try:
            shipped = RiskModel.for_bot(readier)
        except ValueError as error:
            return None, [(SHIPPED_NAME, "-", str(error))]
        detector = KEPT.beside(detector.with_model(shipped), detector)
    return detector, problems


def _load(
    content_dir: Path, files: ContentFiles | None
) -> tuple[RiskDetector | None, list[SafetyProblem]]:
    if not content_dir.is_dir():
        return None, [(str(content_dir), "-", "content folder not found")]
    folders = sorted(p for p in content_dir.iterdir() if p.is_dir())
    state = files.built(DETECTOR) if files is not None else None
    raw = {folder: read(folder / FILE_NAME, files) for folder in folders}
    key = Kept.key_of(content_dir, raw, state)
    detector = KEPT.get(key)
    if detector is not None:
        if files is not None:
            if files.recording:  # the record written next keeps every file as parsed
                for folder in folders:
                    if isinstance(raw[folder], bytes):
                        files.parse(folder / FILE_NAME)
            files.remember(DETECTOR, partial(kept.dumps, detector))
        return detector, []
    detector, problems = _build(content_dir, folders, raw, state, files)
    if detector is not None:
        KEPT.put(key, detector)
    return detector, problems


def _build(
    content_dir: Path,
    folders: list[Path],
    raw: dict[Path, bytes | OSError | None],
    state: bytes | None,
    files: ContentFiles | None,
) -> tuple[RiskDetector | None, list[SafetyProblem]]:
    """`load_safety` in full: parse, build (or restore from the record) and check."""
    problems: list[SafetyProblem] = []
    parsed: list[tuple[str, SafetyLists]] = []
    for folder in folders:
        path = folder / FILE_NAME
        rel = _rel(path, content_dir)
        if raw[folder] is None:
            if folder.name == BASE_LOCALE:
                problems.append((rel, "-", "required file missing"))
            continue
        lists = _parse(path, rel, problems, files, raw[folder])
        if lists is not None:
            parsed.append((rel, lists))
    if not (content_dir / BASE_LOCALE).is_dir():
        problems.append(
            (_rel(content_dir / BASE_LOCALE / FILE_NAME, content_dir), "-", "required file missing")
        )
    # the very lists, read by the very code, at the last full check
    detector = kept.loads(state) if state is not None else None
    if detector is None:
        english = [lists for rel, lists in parsed if Path(rel).parent.name == BASE_LOCALE]
        detector = RiskDetector.from_lists(
            (lists for _, lists in parsed), typo_words=_words(english)
        )
    if files is not None:
        files.remember(DETECTOR, partial(kept.dumps, detector))
    if files is None or not files.checked:
        _check(parsed, detector, problems)
    if problems:
        return None, problems
    return detector, problems


def _words(files: Iterable[SafetyLists]) -> set[str]:
    """Every word of the risk phrases and `together` parts of `files`, normalised."""
    words: set[str] = set()
    for lists in files:
        groups = (lists.high, lists.elevated, lists.together.high, lists.together.elevated)
        for group in groups:
            for lines in group.values():
                for line in lines:
                    for part in together.parts(line):
                        for phrase in expand(part, lists.classes):
                            words.update(phrase_tokens(phrase))
    return words


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root.parent).as_posix()
    except ValueError:
        return str(path)


def _parse(
    path: Path,
    rel: str,
    problems: list[SafetyProblem],
    files: ContentFiles | None,
    raw: bytes | OSError | None,
) -> SafetyLists | None:
    try:  # libyaml (C), anchors and deep nesting refused: as every content file
        if isinstance(raw, OSError):
            raise raw
        data: Any = files.parse(path) if files else strict_yaml.load(_text(raw or b""))
    except strict_yaml.StrictYamlError as exc:
        problems.append((rel, "-", str(exc)))
        return None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        problems.append((rel, "-", f"not valid YAML: {exc}"))
        return None
    except OSError as exc:
        problems.append((rel, "-", f"cannot read: {exc.strerror or exc}"))
        return None
    try:
        return SafetyLists.model_validate({} if data is None else data)
    except ValidationError as exc:
        for err in exc.errors():
            key = ".".join(str(part) for part in err["loc"]) or "-"
            problems.append((rel, key, err["msg"]))
        return None


def _text(raw: bytes) -> str:
    """The bytes as `Path.read_text(encoding="utf-8")` reads them (newlines made "\\n")."""
    return raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def _entries(lists: SafetyLists) -> Iterable[tuple[str, str, bool]]:
    """(key, phrase, is_emoji) for every risk phrase of a file, in file order."""
    for level, groups in (("high", lists.high), ("elevated", lists.elevated)):
        for category, phrases in groups.items():
            for i, phrase in enumerate(phrases):
                yield f"{level}.{category}.{i}", phrase, False
    for level, emojis in (("high", lists.emoji.high), ("elevated", lists.emoji.elevated)):
        for i, emoji in enumerate(emojis):
            yield f"emoji.{level}.{i}", emoji, True


def _level_of(key: str) -> str:
    """ "high.intent.3" -> "high"; "emoji.elevated.0" -> "elevated"."""
    parts = key.split(".")
    return parts[1] if parts[0] == "emoji" else parts[0]


def _check(
    parsed: list[tuple[str, SafetyLists]], probe: RiskDetector, problems: list[SafetyProblem]
) -> None:
    """Problems an editor can fix: names, empties, duplicates, phrases an exclusion swallows,
    phrases that never reach their own level when written alone.

    Phrases are compared as the detector reads them (match keys: "killing myself" is a
    duplicate of "kill myself"), using `probe`, the detector built from these very lists
    (the one the bot then uses)."""

    def read_as(phrase: str, split: Callable[[str], tuple[str, ...]] = tokens) -> tuple[str, ...]:
        return tuple(probe.key(tok) for tok in split(phrase))

    all_excludes: dict[tuple[str, ...], str] = {}
    for rel, lists in parsed:
        for i, phrase in enumerate(lists.exclude):
            for text in (phrase, ELISION.sub(" ", phrase)):  # both readings
                all_excludes.setdefault(read_as(text), f"{rel}: exclude.{i}")
    for rel, lists in parsed:
        for level, groups in (("high", lists.high), ("elevated", lists.elevated)):
            for category in groups:
                if not CATEGORY_NAME.match(category) or category == EMOJI_CATEGORY:
                    problems.append(
                        (
                            rel,
                            f"{level}.{category}",
                            "category names are short lowercase words like 'intent'",
                        )
                    )
        _check_classes(rel, lists, read_as, problems)
        seen: dict[tuple[str, ...], str] = {}
        for key, line, is_emoji in _entries(lists):
            if not _classes_known(rel, key, line, lists, problems):
                continue
            own: set[tuple[str, ...]] = set()  # a line's own phrases (two class words alike)
            for phrase in [line] if is_emoji else expand(line, lists.classes):
                seq = read_as(phrase, phrase_tokens)
                if not seq:
                    problems.append((rel, key, f"empty after normalisation{_as(phrase, line)}"))
                    break
                if seq in own:
                    continue
                own.add(seq)
                if seq in seen:
                    said = _as(phrase, line)
                    problems.append(
                        (rel, key, f"duplicate of {seen[seq]}{said} after normalisation")
                    )
                    break
                seen[seq] = key
                if is_emoji and WORD.search(" ".join(seq)):
                    problems.append((rel, key, "not an emoji: words belong under high or elevated"))
                if seq in all_excludes:
                    said = _as(phrase, line)
                    problems.append(
                        (rel, key, f"never matches{said}: the same as {all_excludes[seq]}")
                    )
                    break
                if RANK[probe.assess(phrase).level] < RANK[_level_of(key)]:
                    problems.append(
                        (
                            rel,
                            key,
                            f"never reaches its level written alone{_as(phrase, line)}: an "
                            "exclusion or a negation or third-person word of the lists lowers it",
                        )
                    )
                    break
        _check_together(rel, lists, probe, read_as, problems)
        seen_excludes: dict[tuple[str, ...], str] = {}
        for i, line in enumerate(lists.exclude):
            key = f"exclude.{i}"
            if not _classes_known(rel, key, line, lists, problems):
                continue
            if cjk.GAP_MARK in line:
                problems.append((rel, key, "an exclusion is matched as written: no '*' in it"))
                continue
            for phrase in expand(line, lists.classes):
                seq = read_as(phrase)
                if not seq:
                    problems.append((rel, key, "empty after normalisation"))
                    break
                if seen_excludes.get(seq, key) != key:
                    said = _as(phrase, line)
                    problems.append(
                        (rel, key, f"duplicate of {seen_excludes[seq]}{said} after normalisation")
                    )
                    break
                seen_excludes[seq] = key


def _check_together(
    rel: str,
    lists: SafetyLists,
    probe: RiskDetector,
    read_as: Callable[[str], tuple[str, ...]],
    problems: list[SafetyProblem],
) -> None:
    """Each `together` rule: two to four parts, each naming known classes and no empty phrase,
    no rule twice, and the rule reaches its level when its parts are written side by side."""
    seen: dict[tuple[tuple[str, ...], ...], str] = {}
    for level, groups in (("high", lists.together.high), ("elevated", lists.together.elevated)):
        for category, lines in groups.items():
            if not CATEGORY_NAME.match(category) or category == EMOJI_CATEGORY:
                problems.append(
                    (
                        rel,
                        f"together.{level}.{category}",
                        "category names are short lowercase words like 'plan'",
                    )
                )
            for i, line in enumerate(lines):
                key = f"together.{level}.{category}.{i}"
                found = together.parts(line)
                if not together.MIN_PARTS <= len(found) <= together.MAX_PARTS or not all(found):
                    problems.append(
                        (rel, key, "a rule is two to four parts joined by '+': '{means} + {ready}'")
                    )
                    continue
                if not all(_classes_known(rel, key, part, lists, problems) for part in found):
                    continue
                phrases = [expand(part, lists.classes) for part in found]
                starred = [p for ps in phrases for p in ps if cjk.GAP_MARK in p]
                if starred:  # a part is matched as written: its `*` would never let a word in
                    problems.append(
                        (
                            rel,
                            key,
                            f"no '*' inside a part of a rule (as {starred[0]!r}): a part is "
                            "matched exactly as written; make the words two parts, or a phrase",
                        )
                    )
                    continue
                empty = [p for ps in phrases for p in ps if not read_as(p, phrase_tokens)]
                if empty:
                    problems.append((rel, key, f"empty after normalisation (as {empty[0]!r})"))
                    continue
                order = tuple(sorted(tuple(read_as(p, phrase_tokens)) for p in found))
                if order in seen:
                    problems.append((rel, key, f"duplicate of {seen[order]}"))
                    continue
                seen[order] = key
                example = " ".join(ps[0] for ps in phrases)
                if RANK[probe.assess(example).level] < RANK[level]:
                    problems.append(
                        (
                            rel,
                            key,
                            f"never reaches its level written as {example!r}: the parts are "
                            f"more than {together.SPAN} words ({together.CJK_SPAN} characters in "
                            "Chinese or Japanese), or an exclusion, a negation or a "
                            "third-person word of the lists lowers it",
                        )
                    )


def _as(phrase: str, line: str) -> str:
    """How a problem names one of the phrases a line with word classes stands for."""
    return "" if phrase == line else f" (as {phrase!r})"


def _check_classes(
    rel: str,
    lists: SafetyLists,
    read_as: Callable[[str], tuple[str, ...]],
    problems: list[SafetyProblem],
) -> None:
    """Each word class: a short lowercase name, words that are words (no class inside)."""
    for name, words in lists.classes.items():
        key = f"classes.{name}"
        if not CATEGORY_NAME.match(name):
            problems.append((rel, key, "class names are short lowercase words like 'family'"))
        if not words:
            problems.append((rel, key, "a class needs at least one word"))
        for i, word in enumerate(words):
            if CLASS_REF.search(word) or "{" in word or "}" in word:
                problems.append((rel, f"{key}.{i}", "a class word cannot name a class"))
            elif not read_as(word):
                problems.append((rel, f"{key}.{i}", "empty after normalisation"))


def _classes_known(
    rel: str, key: str, line: str, lists: SafetyLists, problems: list[SafetyProblem]
) -> bool:
    """A line names only classes of its own file, and stands for at most MAX_EXPANSION
    phrases; said by key when not."""
    unknown = [name for name in CLASS_REF.findall(line) if name not in lists.classes]
    if unknown:
        names = ", ".join("{" + name + "}" for name in unknown)
        problems.append((rel, key, f"no class {names} in this file (see `classes:`)"))
        return False
    if expansion_size(line, lists.classes) > MAX_EXPANSION:
        problems.append(
            (rel, key, f"stands for more than {MAX_EXPANSION} phrases: split it in two")
        )
        return False
    return True
