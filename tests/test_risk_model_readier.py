"""The model's readier thresholds (`RiskModel.readier`), the bot's by default since session 17
(`RISK_MODEL=on`; `RISK_MODEL=careful` keeps the file's own pair): chosen by the training within
looser bounds on its own false alarms, never above the file's own pair, so `on` raises
everything `careful` raises, and more. From the setting through the content load to a
visitor's answer."""

from __future__ import annotations

import gzip
import io
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.risk_model_train import operating_point
from bot import cli
from bot.config import SettingsError, load_settings
from bot.content import apart
from bot.content.checked import CheckedRecord
from bot.content.loader import Content, load_content
from bot.harness import Harness
from bot.safety import lists, load_safety
from bot.safety.model import RiskModel, encode
from bot.safety.schema import RANK
from tests.conftest import detectors_apart, running_harness
from tests.test_config import GOOD
from tests.test_memory_m4 import children, small  # noqa: F401 (fixtures)
from tests.test_relay import en, onboard, queue_visitor
from tests.test_safety_flows import say

ROOT = Path(__file__).resolve().parent.parent
# A message the shipped model raises only with its readier thresholds: a near miss of the lists
# (a part of some rule found), scored 2.11, between the readier threshold (1.47) and the
# file's own (2.91, `careful`)
ONLY_MORE = "i'm done trying"
# ... and one the shipped model raises with either pair (the lists alone: none)
MODEL_TOO = "no one would even notice"


def test_the_readier_pair_travels_in_the_file_and_shares_the_weights():
    model = RiskModel.from_bytes(gzip.decompress(encode(0.5, 2.0, {3: 0.25}, 3.0, more=(1.0, 1.5))))
    assert (model.threshold, model.far, model.more) == (2.0, 3.0, (1.0, 1.5))
    ready = model.readier()
    assert (ready.threshold, ready.far, ready.more, ready.bias) == (1.0, 1.5, None, 0.5)
    assert ready.weights is model.weights  # no second copy of 2 MB of weights
    plain = RiskModel.from_bytes(gzip.decompress(encode(0.5, 2.0, {3: 0.25}, 3.0)))
    assert plain.more is None
    with pytest.raises(ValueError, match="no readier thresholds"):
        plain.readier()


@pytest.mark.parametrize(
    "more",
    [
        *([1.0], [1.0, 2.0, 3.0], "1,2", [1.0, None], [1.0, math.nan], None),
        *([5.0, 6.0], [2.5, 2.8], [1.0, 1e300]),  # above the file's own pair (2.0, 3.0)
    ],
)
def test_a_damaged_readier_pair_is_refused_as_damaged(more):
    blob = gzip.decompress(encode(0.5, 2.0, {3: 0.25}, 3.0))
    head, _, body = blob.partition(b"\n")
    meta = {**json.loads(head), "more": more}
    with pytest.raises(ValueError, match="damaged"):
        RiskModel.from_bytes(json.dumps(meta).encode() + b"\n" + body)


def test_the_readier_pair_is_chosen_under_the_shipped_one():
    """Chosen within looser bounds, the best pair could put one tier higher than the file's own
    pair: the search never goes above it (`cap`), so `on` raises a superset of `careful`, and
    the pair is still one the rule chose (review v17: not two thresholds of different pairs)."""
    risk = ([1.0, 2.0, 5.0], [1.0, 2.0, 5.0])  # three risk lines' scores at each tier
    benign = {"team": ([4.5, -math.inf], [-math.inf, 2.5], 0.5)}  # one of two may pass
    assert operating_point(risk, benign) == (-math.inf, 4.5)  # ties prefer the surer far
    assert operating_point(risk, benign, cap=(3.0, 3.0)) == (-math.inf, 3.0)
    assert operating_point(risk, {}, cap=(3.0, 3.0)) == (3.0, 3.0)


def test_the_shipped_model_has_a_readier_pair_below_its_own():
    model = RiskModel.load()
    assert model is not None and model.more is not None
    near, far = model.more
    assert near <= model.threshold and far <= model.far and near <= far
    assert (near, far) != (model.threshold, model.far)  # a pair of its own, not a copy


def test_only_the_readier_model_raises_the_example_and_never_lowers_anything():
    shipped, problems = load_safety(ROOT / "content", model=True)
    more, _ = load_safety(ROOT / "content", model=True, readier=True)
    assert problems == [] and shipped is not None and more is not None
    assert shipped.model is not None and more.model is not None
    assert more.model.weights is shipped.model.weights
    assert (more.model.threshold, more.model.far) == shipped.model.more
    assert shipped.assess(ONLY_MORE).level == "none"
    assert more.assess(ONLY_MORE).level == "elevated"
    lines = (ROOT / "benchmarks" / "risk_sets" / "issue9.tsv").read_text(encoding="utf-8")
    lines += (ROOT / "benchmarks" / "risk_sets" / "lookalikes.tsv").read_text(encoding="utf-8")
    for line in lines.splitlines():
        text = line.split("\t", 2)[-1]
        default, readier_ = shipped.assess(text), more.assess(text)
        assert RANK[readier_.level] >= RANK[default.level], text  # never lowers a verdict
        if default.at_risk:
            assert readier_.categories >= default.categories, text


def test_the_setting_takes_on_careful_or_off():
    on = load_settings(GOOD, env_file=None)
    assert on.risk_model and on.risk_model_readier  # the readier pair by default
    assert load_settings({**GOOD, "RISK_MODEL": "on"}, None) == on
    careful = load_settings({**GOOD, "RISK_MODEL": "Careful"}, None)
    assert careful.risk_model and not careful.risk_model_readier
    off = load_settings({**GOOD, "RISK_MODEL": "off"}, None)
    assert not off.risk_model
    with pytest.raises(SettingsError, match="RISK_MODEL must be on, careful or off"):
        load_settings({**GOOD, "RISK_MODEL": "more"}, None)


def test_a_load_with_the_readier_model_is_never_taken_for_the_default_one(record):
    """A start a record vouches for is kept in this process by what made it; the readier
    model is part of that, so a start with `RISK_MODEL=careful` after one with `on` (or the
    other way round) gets the thresholds it asked for."""
    content = ROOT / "content"
    first, problems = load_content(content, record=record, model=True)
    assert first is not None, problems
    vouched, _ = load_content(content, record=record, model=True)
    ready, _ = load_content(content, record=record, model=True, readier=True)
    again, _ = load_content(content, record=record, model=True)
    assert vouched is not None and ready is not None and again is not None
    assert vouched.risk is not None and ready.risk is not None and again.risk is not None
    model, ready_model = vouched.risk.model, ready.risk.model
    assert model is not None and ready_model is not None
    assert (ready_model.threshold, ready_model.far) == model.more
    assert again.risk.model is not None and again.risk.model.threshold == model.threshold


def test_a_model_file_without_the_pair_stops_a_bot_that_asks_for_it(monkeypatch):
    blob = gzip.decompress(encode(0.5, 2.0, {3: 0.25}, 3.0))
    monkeypatch.setattr(RiskModel, "shipped", classmethod(lambda cls: RiskModel.from_bytes(blob)))
    detector, problems = load_safety(ROOT / "content", model=True, readier=True)
    assert detector is None
    assert [(f, m.split(":")[0]) for f, _, m in problems] == [
        (
            "bot/safety/risk_model.bin.gz",
            "the model file has no readier thresholds for RISK_MODEL=on",
        )
    ]
    assert "set RISK_MODEL=careful" in problems[0][2]  # which still runs on this file
    fine, problems = load_safety(ROOT / "content", model=True)
    assert fine is not None and problems == []


def test_the_risk_command_reads_as_the_bot_of_its_settings_or_its_flags(monkeypatch, tmp_path):
    """`python -m bot risk` reads as the bot of `RISK_MODEL` reads (environment or .env, on by
    default); `--careful` and `--lists-only` say otherwise (review v17: an admin whose bot ran
    another pair saw the default's verdicts)."""
    lines = f"{ONLY_MORE}\nI want to die\n"
    ran = subprocess.run(
        [sys.executable, "-m", "bot", "risk"],
        input=lines,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env={**os.environ, "RISK_MODEL": "careful"},
    )
    assert ran.stdout == f"none\t{ONLY_MORE}\nhigh\tI want to die\n"

    def run(*args: str, setting: str | None = None) -> tuple[int, str]:
        monkeypatch.chdir(tmp_path)  # no .env here, until the end
        monkeypatch.setenv("CONTENT_DIR", str(ROOT / "content"))
        if setting is None:
            monkeypatch.delenv("RISK_MODEL", raising=False)
        else:
            monkeypatch.setenv("RISK_MODEL", setting)
        monkeypatch.setattr(sys, "stdin", io.StringIO(f"{ONLY_MORE}\n{MODEL_TOO}\n"))
        out = io.StringIO()
        monkeypatch.setattr(sys, "stdout", out)
        code = cli.main(["risk", *args])
        return code, " ".join(line.split("\t")[0] for line in out.getvalue().splitlines())

    assert run() == (0, "elevated elevated")
    assert run(setting="on") == (0, "elevated elevated")
    assert run("--careful") == (0, "none elevated")
    assert run(setting="careful") == (0, "none elevated")
    assert run(setting="off") == (0, "none none")
    assert run("--lists-only", setting="careful") == (0, "none none")
    assert run(setting=" Careful ") == (0, "none elevated")  # read as the bot reads it
    assert run(setting="more") == (2, "")
    (tmp_path / ".env").write_text("RISK_MODEL=careful\n", encoding="utf-8")
    assert run() == (0, "none elevated")  # the .env file, when the environment has nothing
    assert run(setting="") == (0, "elevated elevated")  # set but empty: the default, as the bot
    assert run("--careful", "--lists-only") == (2, "")


async def test_the_bot_answers_what_only_the_readier_model_finds(harness: Harness) -> None:
    """The whole way, as the bot runs by default (`RISK_MODEL=on`): the setting, the content
    load, the visitor's answer and queue place."""
    h = harness
    assert h.settings.risk_model_readier  # the default
    detector = h.core.content.current.risk
    assert detector is not None and detector.model is not None
    shipped = RiskModel.load()
    assert shipped is not None and (detector.model.threshold, detector.model.far) == (shipped.more)
    await onboard(h, "River Song")  # on duty: visitors wait for them
    await queue_visitor(h)
    second = await queue_visitor(h)
    msg = await say(h, second, ONLY_MORE)
    assert en(h, "safety.elevated").split("\n")[0] in msg["text"]
    assert ONLY_MORE not in msg["text"]  # never echoed back
    place = await h.core.relay.place(h.core.visitors.pseudonym(second.id))
    assert place.position == 1 and place.urgent


def test_every_way_the_bot_loads_content_keeps_the_readier_model(
    small: Path,  # noqa: F811 (the fixture of tests/test_memory_m4.py)
    tmp_path: Path,
    children: list[list[str]],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A first start and a /reload (a child checks), a restart (the record), a full check of
    lists this process holds (here), and a check the child could not make (here): each gives
    the model the settings asked for (review v17)."""
    shipped = RiskModel.load()
    assert shipped is not None and shipped.more is not None
    record = CheckedRecord(tmp_path / "data" / "bot.sqlite3.content-checked", os.urandom(32))

    def pair(content: Content | None) -> tuple[float, float]:
        assert content is not None and content.risk is not None and content.risk.model is not None
        return content.risk.model.threshold, content.risk.model.far

    first, _ = apart.load(small, "en", record, model=True, readier=True)  # in a child
    assert len(children) == 1 and pair(first) == shipped.more
    restart, _ = apart.load(small, "en", record, model=True, readier=True)
    assert len(children) == 1 and pair(restart) == shipped.more
    default, _ = apart.load(small, "en", record, model=True)
    assert pair(default) == (shipped.threshold, shipped.far)
    reload, _ = apart.load(small, "en", record, model=True, readier=True, full=True)
    assert len(children) == 2 and pair(reload) == shipped.more
    held, _ = load_content(small)  # lists this process checked itself: a full check runs here
    assert held is not None and lists.KEPT.holds(small)
    here, _ = apart.load(small, "en", record, model=True, readier=True, full=True)
    assert len(children) == 2 and pair(here) == shipped.more
    detectors_apart(monkeypatch)  # a new process: nothing held
    monkeypatch.setattr(apart, "_in_child", lambda *args: None)  # the child could not say
    fallback, _ = apart.load(small, "en", record, model=True, readier=True, full=True)
    assert len(children) == 2 and pair(fallback) == shipped.more


async def test_a_careful_bot_leaves_it_to_its_own_pair(tmp_path, clock, log_output) -> None:
    """`RISK_MODEL=careful`: the model with the file's own pair (fewer false alarms, more
    misses): the same message gets the ordinary answer."""
    async with running_harness(tmp_path, clock, rate_limit=False, risk_model_readier=False) as h:
        detector = h.core.content.current.risk
        shipped = RiskModel.load()
        assert detector is not None and detector.model is not None and shipped is not None
        assert (detector.model.threshold, detector.model.far) == (shipped.threshold, shipped.far)
        msg = await say(h, h.standin.user(), ONLY_MORE)
        assert en(h, "safety.elevated").split("\n")[0] not in msg["text"]
