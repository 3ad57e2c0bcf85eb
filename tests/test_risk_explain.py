"""`python -m bot risk --explain`: an editor of the lists sees, after each line, which phrase,
`together` rule or exclusion of the shipped lists was found in it, in the line's own words, and
what became of it (`bot.safety.explain`). The verdict line is the bot's own."""

from __future__ import annotations

import io
import math
import subprocess
import sys
from array import array
from pathlib import Path

import pytest

from bot.safety import load_safety, run_risk_cli
from bot.safety.explain import Finding, findings
from bot.safety.model import BUCKETS, RiskModel

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


@pytest.fixture(scope="module")
def lists():
    detector, problems = load_safety(CONTENT)
    assert detector is not None, problems
    return detector


def _explained(text: str, *, lists_only: bool = True) -> str:
    out = io.StringIO()
    assert run_risk_cli(CONTENT, io.StringIO(text), out, None, lists_only, True) == 0
    return out.getvalue()


def test_each_line_is_followed_by_what_fired_in_its_own_words() -> None:
    assert _explained("I want to fucking die\nhello there\n") == (
        "high\tI want to fucking die\n"
        "  phrase high intent: want to fucking die (words inserted)\n"
        "none\thello there\n"
    )


def test_an_exclusion_and_the_phrase_it_silences_are_both_shown() -> None:
    assert _explained("kill myself laughing\n") == (
        "none\tkill myself laughing\n"
        "  exclusion: kill myself laughing\n"
        "  phrase high intent: kill myself (inside an exclusion: ignored)\n"
    )


def test_a_rule_shows_its_parts_a_cancelled_rule_and_a_lowered_phrase_say_so(lists) -> None:
    rule = findings(lists, "the rope is in my backpack")
    assert Finding("rule", "high", "plan", "the rope | in my backpack", "") in rule
    lowered = findings(lists, "I dont want to die")
    assert [f.note for f in lowered if f.kind == "phrase"] == [
        "lowered to elevated: a negation or a third person next to it"
    ]
    cancelled = findings(lists, "the rope is not in my backpack")
    note = "cancelled: a negation before a part"
    assert Finding("rule", "high", "plan", "the rope | in my backpack", note) in cancelled
    assert lists.assess("the rope is not in my backpack").level == "none"
    emoji = findings(lists, "RIP my phone battery 🪦")
    assert [f.kind for f in emoji] == ["phrase"] and "ignored" in emoji[0].note


def test_a_line_the_model_raised_says_the_model_names_no_words(monkeypatch) -> None:
    near = RiskModel(array("f", bytes(4 * BUCKETS)), 0.0, -math.inf, math.inf)
    monkeypatch.setattr(RiskModel, "shipped", classmethod(lambda cls: near))
    text = _explained("I have pills\n", lists_only=False)
    assert text.startswith("elevated\tI have pills\n")
    assert text.endswith("  model: the statistical model raised it (it names no words)\n")


@pytest.mark.parametrize(
    "text",
    [
        "my dad will kill me if he finds out",
        "i've had enough, goodbye everyone",
        "je veux mourir",
        "بدي موت",
        "もう死にたい",
        "我不想活了",
        "",
        "\u200b\u200b",
        "a " * 3000,
    ],
)
def test_the_verdict_line_is_the_detectors_and_nothing_crashes(lists, text) -> None:
    first = _explained(text + "\n").split("\n", 1)[0]
    assert first == f"{lists.assess(text).level}\t{text}"
    for finding in findings(lists, text):
        assert finding.kind in {"phrase", "rule", "exclusion"}


def test_the_command_line_takes_explain() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "risk", "--lists-only", "--explain"],
        input="kill myself laughing\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert done.stdout.splitlines()[1] == "  exclusion: kill myself laughing"
