"""The statistical model beside the lists (`bot/safety/model.py`): it only ever raises a message
the lists leave at `none` to `elevated`, never where an exclusion matched, reads a bounded start
of a message, and is the same everywhere."""

from __future__ import annotations

import gzip
import io
import json
import math
import re
import subprocess
import sys
from array import array
from pathlib import Path

import pytest

from benchmarks.risk_model_fit import score, train
from benchmarks.risk_model_train import read
from bot.content.loader import load_content
from bot.crisis_reply import OTHERS, SELF, kinds
from bot.safety import OTHERS_CATEGORY, RiskDetector, load_safety, run_risk_cli
from bot.safety.model import (
    BUCKETS,
    MODEL_CATEGORY,
    READ_TOKENS,
    SHIPPED,
    RiskModel,
    buckets,
    encode,
    features,
    message_buckets,
)
from bot.safety.normalize import read_normalized, readings, tokens

ROOT = Path(__file__).resolve().parent.parent


def _model(
    threshold: float, weights: dict[str, float] | None = None, far: float = math.inf
) -> RiskModel:
    """A model whose score is the bias (0) plus the weights of the given features."""
    table = array("f", bytes(4 * BUCKETS))
    for feature, weight in (weights or {}).items():
        (bucket,) = buckets([feature])
        table[bucket] = weight
    return RiskModel(table, 0.0, threshold, far)


def _detector(model: RiskModel | None) -> RiskDetector:
    """Two phrases, an exclusion, and two rules (pills + tonight; my father + hits me, danger
    from others) whose one part is a near miss."""
    detector = RiskDetector(
        {tokens("want to die"): {("high", "intent")}, tokens("so tired"): {("elevated", "mood")}},
        [tokens("dying of laughter"), tokens("pills for my headache")],
        together=[
            ("high", "plan", [[tokens("pills")], [tokens("tonight")]]),
            ("high", "others", [[tokens("my father")], [tokens("hits me")]]),
        ],
    )
    detector.model = model
    return detector


def _toks(text: str) -> list[str]:
    return read_normalized(readings(text)[0])[0]


def test_the_model_raises_only_what_the_lists_leave_at_none_and_only_to_elevated():
    always = _detector(_model(-math.inf))  # a model that would raise anything
    near = always.assess("i have all the pills in my drawer")  # a part of the rule, not both
    assert (near.level, near.categories) == ("elevated", {MODEL_CATEGORY})
    assert always.assess("the pills, tonight").level == "high"  # the rule itself
    high = always.assess("i want to die, pills")
    assert (high.level, high.categories) == ("high", {"intent"})  # the lists' verdict stands
    elevated = always.assess("i am so tired of the pills")
    assert (elevated.level, elevated.categories) == ("elevated", {"mood"})
    never = _detector(_model(math.inf))  # a model that raises nothing lowers nothing either
    assert never.assess("i want to die").level == "high"
    assert never.assess("i have all the pills in my drawer").level == "none"


def test_where_no_part_of_a_rule_was_found_the_model_must_pass_its_far_threshold():
    """No part of any `together` rule in the message: the model speaks only above `far`, its
    higher threshold (a model without one speaks only on near misses)."""
    near_only = _detector(_model(-math.inf))
    assert near_only.assess("nobody would notice if i was gone").level == "none"
    assert near_only.assess("I've been waiting to tell someone").level == "none"
    weights = {"#<not": 1.0, "#<gon": 1.5}  # "notice", "gone"
    far = _detector(_model(0.5, weights, far=2.0))
    raised = far.assess("nobody would notice if i was gone")  # 2.5 > 2.0
    assert (raised.level, raised.categories) == ("elevated", {MODEL_CATEGORY})
    assert kinds(raised) == [SELF]  # no rule of danger from others near: one answer
    assert far.assess("I've been waiting to tell someone").level == "none"  # 0
    assert far.assess("gone fishing").level == "none"  # 1.5: above the near threshold only
    near = far.assess("gone, and the pills")  # a near miss: the near threshold (0.5) applies
    assert (near.level, near.categories) == ("elevated", {MODEL_CATEGORY})
    quiet = far.assess("gone, i was dying of laughter, notice")  # an exclusion: never asked
    assert quiet.level == "none"


def test_the_model_stays_quiet_where_an_exclusion_of_the_lists_matched():
    always = _detector(_model(-math.inf))
    assert always.assess("i was dying of laughter at the pills").level == "none"
    assert always.assess("i'm dying of laughter, pills").level == "none"  # in either reading
    assert always.assess("i took pills for my headache").level == "none"


def test_the_model_has_no_word_on_an_empty_or_symbol_only_message():
    always = _detector(_model(-math.inf))
    for text in ("", "   ", "\u200b\u200d", "...!!!"):
        assert always.assess(text).level == "none"


def test_the_score_is_its_features_weights_and_the_threshold_is_strict():
    model = _model(1.0, {"gone": 0.6, "#<gon": 0.5})
    toks = _toks("gone")
    assert model.score(toks) == pytest.approx(1.1)
    assert model.raises(toks)
    assert not _model(1.1 + 1e-6, {"gone": 0.6, "#<gon": 0.5}).raises(toks)


def test_without_a_model_the_lists_alone_decide():
    assert _detector(None).assess("i have all the pills in my drawer").level == "none"


def test_a_model_raise_gets_the_answer_for_a_risk_to_oneself():
    verdict = _detector(_model(-math.inf)).assess("i have all the pills in my drawer")
    assert kinds(verdict) == [SELF]


def test_a_model_raise_near_a_rule_of_danger_from_others_gets_both_answers():
    """The model cannot tell whose danger it is; the rule it stood near can: near a part of a
    danger-from-others rule, the visitor gets that answer too (after the one for a risk to
    oneself), and the volunteer sees the flag."""
    always = _detector(_model(-math.inf))
    verdict = always.assess("my father found out and now he locks the door")
    assert (verdict.level, verdict.categories) == ("elevated", {MODEL_CATEGORY, OTHERS_CATEGORY})
    assert kinds(verdict) == [SELF, OTHERS]
    mixed = always.assess("my father keeps the pills in the kitchen")
    assert mixed.categories == {MODEL_CATEGORY, OTHERS_CATEGORY}


@pytest.mark.parametrize(
    "text",
    [
        "I keep thinking nobody would notice if I was gone",
        "ya rab khalas ma3ad ba2dar",
        "لا أريد أن أستيقظ غداً",
        "我真的撑不下去了，想消失",
        "もう疲れた、消えたい",
        "👩‍❤️‍👩 🏳️‍🌈 I can't",
        "ZALGO t̷̢e̴x̸t̵ and zero\u200bwidth",
    ],
)
def test_the_buckets_per_message_are_those_of_the_features(text):
    toks = _toks(text)
    assert message_buckets(toks) == buckets(features(toks))


def test_a_long_message_is_read_only_from_its_start():
    toks = _toks("word " * 5000 + "gone")
    assert len(toks) > READ_TOKENS
    assert message_buckets(toks) == message_buckets(toks[:READ_TOKENS])


def test_buckets_are_the_same_in_every_process():
    """CRC-32, not Python's salted hash: the weights mean the same under any hash seed."""
    code = "from bot.safety.model import buckets; print(sorted(buckets(['gone', '#<gon', 'a b'])))"
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        for seed in ("0", "1", "12345")
    }
    assert len(outs) == 1


def test_the_shipped_model_loads_and_is_attached_for_the_bot_not_for_the_lists_checks():
    model = RiskModel.load()
    assert model is not None and len(model.weights) == BUCKETS
    assert math.isfinite(model.threshold) and math.isfinite(model.bias)
    assert model.threshold <= model.far < math.inf  # surer where the lists saw nothing
    assert 0 < sum(1 for w in model.weights if w) < BUCKETS
    with gzip.open(SHIPPED, "rb") as stream:
        trained_on = json.loads(stream.readline())["trained_on"]
    again = encode(
        model.bias, model.threshold, _sparse(model), model.far, trained_on, more=model.more
    )
    assert again == SHIPPED.read_bytes()
    with_model, problems = load_safety(ROOT / "content", model=True)
    assert problems == [] and with_model is not None and with_model.model is not None
    lists_only, _ = load_safety(ROOT / "content")
    assert lists_only is not None and lists_only.model is None


def _sparse(model: RiskModel) -> dict[int, float]:
    return {b: w for b, w in enumerate(model.weights) if w}


def test_with_model_is_a_copy_a_holder_of_the_lists_alone_never_sees_a_model():
    lists = _detector(None)
    both = lists.with_model(_model(-math.inf))
    assert lists.model is None and both.model is not None
    assert lists.assess("i have all the pills in my drawer").level == "none"
    assert both.assess("i have all the pills in my drawer").level == "elevated"
    assert RiskModel.shipped() is RiskModel.shipped()  # read once per process


def test_a_model_for_another_number_of_buckets_or_a_damaged_file_is_refused():
    blob = gzip.decompress(encode(0.5, 1.0, {3: 0.25, 70: -1.5}))
    assert RiskModel.from_bytes(blob).weights[70] == -1.5
    head, _, body = blob.partition(b"\n")
    other = json.dumps({**json.loads(head), "buckets": 1024}).encode()
    with pytest.raises(ValueError, match="buckets"):
        RiskModel.from_bytes(other + b"\n" + body)
    for cut in (body[:-3], body[:-4], body[:4], body + b"\0"):  # cut inside or between
        with pytest.raises(ValueError, match="damaged"):  # numbers, or something after
            RiskModel.from_bytes(head + b"\n" + cut)
    wrong = json.dumps({**json.loads(head), "count": 1}).encode()
    far = (BUCKETS + 5).to_bytes(4, "little") + array("f", [1.0]).tobytes()
    with pytest.raises(ValueError, match="damaged"):
        RiskModel.from_bytes(wrong + b"\n" + far)


def test_a_damaged_header_or_compression_is_refused_as_damaged(tmp_path):
    """Whatever is wrong with the file, the bot is told one thing: damaged (it then refuses to
    start rather than run with half a model); never an error of another kind."""
    blob = gzip.decompress(encode(0.5, 1.0, {3: 0.25, 70: -1.5}, far=2.0))
    head, _, body = blob.partition(b"\n")
    meta = json.loads(head)

    def header(**changes: object) -> bytes:
        return json.dumps({**meta, **changes}).encode() + b"\n" + body

    damaged = [
        b"",
        head,  # the header without its newline
        b"not json\n" + body,
        b"[1, 2]\n" + body,
        b"null\n" + body,
        head[:-3] + b"\n" + body,
        header(count=None),
        header(count="2"),
        header(count=True),
        header(count=-1),
        header(count=BUCKETS + 1),
        header(bias=None),
        header(bias=True),
        header(bias=math.inf),  # every message would be raised
        header(threshold=math.nan),
        header(far=math.nan),
        json.dumps({k: v for k, v in meta.items() if k != "bias"}).encode() + b"\n" + body,
    ]
    for case in damaged:
        with pytest.raises(ValueError, match="damaged"):
            RiskModel.from_bytes(case)
    assert RiskModel.from_bytes(header(far=0.0)).far == 0.0  # a far of 0 is a far, not none
    packed = encode(0.5, 1.0, {3: 0.25, 70: -1.5}, far=2.0)
    middle = len(packed) // 2
    flipped = packed[:middle] + bytes([packed[middle] ^ 0xFF]) + packed[middle + 1 :]
    for n, case in enumerate([packed[:-4], packed[:10], flipped, packed[:-8] + b"\0" * 8]):
        path = tmp_path / f"model{n}.bin.gz"
        path.write_bytes(case)
        with pytest.raises(ValueError, match="damaged"):
            RiskModel.load(path)
    path = tmp_path / "whole.bin.gz"
    path.write_bytes(packed)
    loaded = RiskModel.load(path)
    assert loaded is not None and loaded.weights[70] == -1.5 and loaded.far == 2.0


def test_the_weights_reach_every_fit_the_folds_and_the_final_one(monkeypatch):
    """`_fit` (each fold of the cross-validation and the final fit) trains with each line's
    weight, and leaves the held-out fold out."""
    from benchmarks import risk_model_train as trainer

    seen: list[list[float]] = []

    def capture(docs, **options):
        seen.append([w for _, _, w in docs])
        assert options["nb_alpha"] == trainer.NB_ALPHA  # every fit reads the same features
        return {}, 0.0

    monkeypatch.setattr(trainer, "train", capture)
    data = [
        ("chat_train9_en.tsv", 0, {1}, False, trainer.NEAR),
        ("train9_en.tsv", 1, {2}, True, trainer.NEAR),
        ("general", 2, {3}, False, trainer.FAR),
        ("train9_en.tsv", 3, {4}, False, trainer.FAR),
    ]
    trainer._fit(data, None)
    trainer._fit(data, 1)
    chat, general = trainer.CHAT_WEIGHT, trainer.GENERAL_WEIGHT
    assert seen == [[chat, 1.0, general, 1.0], [chat, general, 1.0]]


def test_naive_bayes_ratios_say_which_side_a_feature_leans_to():
    """Each feature's value in training is its log-count ratio: positive where it is a larger
    share of the risk lines' features, negative where of the benign lines', near 0 alike; each
    line counted at its weight."""
    from benchmarks.risk_model_fit import _nb_ratios

    docs = [({"pills", "tonight"}, True, 1.0), ({"pills", "prep"}, False, 1.0)]
    pills, prep, tonight = _nb_ratios(docs, ["pills", "prep", "tonight"], 0.5)
    assert tonight > 0 > prep and abs(pills) < 1e-12
    heavier = _nb_ratios(
        [*docs[:1], ({"pills", "prep"}, False, 3.0)], ["pills", "prep", "tonight"], 0.5
    )
    assert heavier[2] > tonight  # the benign side's counts weigh 3: "tonight" leans further


def test_training_with_naive_bayes_ratios_is_deterministic_and_scores_as_shipped():
    """With `nb_alpha` the weights returned are the products (weight x ratio), so the shipped
    model scores a message by its buckets' weights alone, as before; two runs agree."""
    docs = [
        (set(map(str, read(text))), y, w)
        for text, y, w in [
            ("nobody would notice if i was gone", True, 1.0),
            ("i have the pills ready", True, 1.0),
            ("this exam is killing me lol", False, 3.0),
            ("my prep pills are ready at the pharmacy", False, 1.0),
        ]
    ]
    first = train(docs, min_count=1, nb_alpha=0.5)
    assert first == train(docs, min_count=1, nb_alpha=0.5) and first != train(docs, min_count=1)
    assert score(first, docs[0][0]) > first[1] > score(first, docs[2][0])


def test_a_model_file_without_a_far_threshold_speaks_on_near_misses_only():
    model = RiskModel.from_bytes(gzip.decompress(encode(0.0, 1.0, {})))
    assert model.far == math.inf
    assert not _model(-math.inf, far=math.inf).raises(_toks("anything at all"), near=False)
    far = RiskModel.from_bytes(gzip.decompress(encode(0.0, 1.0, {}, far=2.5)))
    assert far.far == 2.5


def test_the_blind_sets_are_never_trained_on():
    """Every set the benchmark keeps blind (FRESH4 onwards, CHATBENCH) is left out of the
    training files, and so is any set of a kind nobody named as trainable: a new blind set is
    safe from the moment its files land, before anyone lists it."""
    from benchmarks import risk as bench
    from benchmarks.risk_model_train import BLIND_PREFIX, trainable, training_files

    blind = [name for name in bench.TEST_SETS if name.startswith(("FRESH", "CHATBENCH"))]
    assert {f"{name.lower()}_" for name in blind} <= set(BLIND_PREFIX)
    shown = [label.split()[0] for _, label in bench.FRESH_SETS if "blind" in label]
    assert shown and set(shown) <= set(bench.TEST_SETS)  # their misses are never printed
    names = [path.name for path in training_files()]
    assert names and not [name for name in names if name.startswith(BLIND_PREFIX)]
    assert not [name for name in names if re.match(r"fresh([4-9]|\d\d+)_", name)]
    for name in ("fresh10_en.tsv", "fresh9_ar.tsv", "chatbench_en.tsv", "newround_en.tsv"):
        assert not trainable(name), name
    for name in ("lookalikes.tsv", "issue9.tsv", "heldout2.tsv"):
        assert not trainable(name), name
    assert trainable("train25_ja.tsv") and trainable("chat_train4_en.tsv")
    sets = ROOT / "benchmarks" / "risk_sets"
    for prefix in BLIND_PREFIX:
        assert list(sets.glob(f"{prefix}*.tsv")), prefix  # each names sets that exist


def test_no_line_the_model_reads_as_a_blind_or_held_out_line_is_trained_on():
    """Two writers may write the same short line ("thank you so much", "Thank you so much!!"):
    the model never learns a text it reads as it reads a line of a set kept to measure."""
    from benchmarks.risk_model_train import measured_readings, training_lines

    measured = measured_readings()
    assert len(measured) > 10_000
    trained = [frozenset(read(text)) for _, _, text, _ in training_lines()]
    assert trained and not measured.intersection(trained)
    assert frozenset(read("Thank you so much!!")) == frozenset(read("thank you so much"))


def test_the_shipped_model_was_trained_on_the_training_data_of_today():
    """The model's header keeps a digest of the lines it learnt from; when the data moves under
    it (a new blind set takes out the lines the model reads as its own, a training set is
    added), this fails until `python -m benchmarks.risk_model_train` is run again."""
    from benchmarks.risk_model_train import trained_on, training_lines

    with gzip.open(SHIPPED, "rb") as stream:
        header = json.loads(stream.readline())
    today = trained_on(training_lines())
    assert header.get("trained_on") == today, "run python -m benchmarks.risk_model_train"


def test_a_missing_model_file_is_none_and_the_bot_is_told(tmp_path, monkeypatch):
    """`load` of no file is None; the bot (model on) is not left to run on the lists alone
    without a word: a missing file is a problem like a damaged one (review r10)."""
    from bot.safety import model as model_module

    assert RiskModel.load(tmp_path / "none.json.gz") is None
    monkeypatch.setattr(RiskModel, "load", classmethod(lambda cls, path=None: None))
    monkeypatch.setattr(model_module, "_shipped", model_module._UNREAD)
    detector, problems = load_safety(ROOT / "content", model=True)
    assert detector is None
    assert [(f, k, m.split(":")[0]) for f, k, m in problems] == [
        ("bot/safety/risk_model.bin.gz", "-", "the model file is missing")
    ]
    assert "RISK_MODEL=off runs the lists alone" in problems[0][2]


def test_a_model_file_that_cannot_be_read_is_a_value_error(tmp_path):
    """A folder in its place (or no permission, a disk error): the one error `load_safety`
    turns into a line, never an OSError and a traceback (review r10)."""
    (tmp_path / "risk_model.bin.gz").mkdir()
    with pytest.raises(ValueError, match="cannot be read"):
        RiskModel.load(tmp_path / "risk_model.bin.gz")


def test_the_shipped_model_never_lowers_the_lists_verdict(shipped_detector):
    """Over every labelled line of the team's sets: with the model, the verdict is the lists'
    own, or `elevated` from the model where the lists said `none`."""
    model = RiskModel.load()
    with_model = RiskDetector.from_state(shipped_detector.state())
    with_model.model = model
    raised = 0
    for path in sorted((ROOT / "benchmarks" / "risk_sets").glob("heldout_*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or line.count("\t") < 2:
                continue
            text = line.split("\t", 2)[2]
            alone, both = shipped_detector.assess(text), with_model.assess(text)
            if alone.level == "none" and both.level != "none":
                assert (both.level, both.categories) == ("elevated", {MODEL_CATEGORY})
                raised += 1
            else:
                assert both == alone
    assert raised < 100  # the model adds to the lists; it is not a second list of everything


def test_training_is_deterministic_and_its_file_the_same_bytes():
    docs = [
        (set(map(str, read(text))), y, 1.0)
        for text, y in [
            ("nobody would notice if i was gone", True),
            ("i have the pills ready", True),
            ("this exam is killing me lol", False),
            ("the knife is in the top drawer", False),
        ]
    ]
    first, second = train(docs, min_count=1), train(docs, min_count=1)
    assert first == second and score(first, docs[0][0]) > score(first, docs[2][0])
    weights = {int(k): w for k, w in first[0].items()}
    blob = encode(first[1], 1.0, weights)
    assert blob == encode(first[1], 1.0, dict(reversed(list(weights.items()))))
    model = RiskModel.from_bytes(gzip.decompress(blob))
    assert model.score(_toks("nobody would notice if i was gone")) > model.bias


def test_the_bot_loads_the_model_unless_the_setting_is_off():
    with_model, problems = load_content(ROOT / "content", model=True)
    assert with_model is not None and with_model.risk is not None, problems
    assert with_model.risk.model is not None
    without, _ = load_content(ROOT / "content")
    assert without is not None and without.risk is not None and without.risk.model is None


def test_the_risk_command_reads_as_the_bot_does_or_with_the_lists_alone(monkeypatch):
    """`python -m bot risk` has the model beside the lists; `--lists-only` shows the lists'
    own verdict (what an editor of the lists wants to see)."""
    monkeypatch.setattr(RiskModel, "shipped", classmethod(lambda cls: _model(-math.inf)))

    def run(*args: str) -> str:
        out = io.StringIO()
        assert run_risk_cli(ROOT / "content", io.StringIO("I have pills\n"), out, *args) == 0
        return out.getvalue()

    assert run() == "elevated\tI have pills\n"  # a near miss of the lists, raised
    assert run(None, True) == "none\tI have pills\n"
    monkeypatch.undo()
    lines = subprocess.run(
        [sys.executable, "-m", "bot", "risk", "--lists-only"],
        input="I want to die\nI have pills\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        cwd=ROOT,
    ).stdout
    assert lines == "high\tI want to die\nnone\tI have pills\n"


def test_a_threshold_is_never_a_hair_below_the_score_it_must_stay_above():
    """Rounded up to four decimals, a cut must not fall below its score by a float's rounding
    (7.8260000000000005 * 10**4 is 78260.0 in floats: the far tier once let a chat line
    through)."""
    from benchmarks.risk_model_train import _up

    for score_ in (7.8260000000000005, 7.826000000000001, 3.4547, 1 / 3, -2.00000000000001, 0.0):
        assert _up(score_) >= score_
    assert _up(3.0) == 3.0
    assert _up(-math.inf) == -math.inf


def test_ordinary_chat_and_general_posts_weigh_more_in_training():
    """The model learns hardest not to speak on ordinary support chat (chat_train*), the
    benign lines a support bot mostly reads, and on general posts; risk lines and the team's
    look-alikes weigh one line each."""
    from benchmarks.risk_model_train import CHAT_WEIGHT, GENERAL_WEIGHT, weight

    assert CHAT_WEIGHT > 1 and GENERAL_WEIGHT > 1
    assert weight("chat_train4_en.tsv", False) == CHAT_WEIGHT
    assert weight("general", False) == GENERAL_WEIGHT
    assert weight("chat_train4_en.tsv", True) == 1.0  # never: chat sets are all benign
    assert weight("train12_en.tsv", False) == weight("train12_en.tsv", True) == 1.0


def test_the_operating_point_raises_the_most_risk_within_every_bound():
    """Two thresholds chosen together: each kind of benign line within its share, counted at
    its own tier; the most risk lines raised; of pairs that raise as many, the higher."""
    from benchmarks.risk_model_train import operating_point

    no = -math.inf
    # chat: 4 lines, one may be raised (25 %); near scores 5, 1 (and two far-tier lines: 6, 2)
    chat = ([5.0, 1.0, no, no], [no, no, 6.0, 2.0], 0.25)
    risk = ([7.0, 4.0, 3.5, 3.0, no, no], [no, no, no, no, 7.0, 5.5])
    near, far = operating_point(risk, {"chat": chat})
    # the near chat line at 5 let through raises 4, 3.5 and 3; the far one at 6 must then stay
    # below far (5.5 lost): 5 raised, against 3 the other way round (7 near; 7, 5.5 far); near
    # at 2 (a score of the far tier) raises as many as at 1, and is the higher
    assert (near, far) == (2.0, 6.0)
    assert sum(s > near for s in risk[0]) + sum(s > far for s in risk[1]) == 5
    # nothing may pass: both thresholds at or above every benign line of their tier (near at 6
    # raises the one risk line near as at 5)
    assert operating_point(risk, {"chat": (chat[0], chat[1], 0.0)}) == (6.0, 6.0)
    # far is never below near, and equals it where the far tier has no benign line at all
    assert operating_point(risk, {"chat": ([5.0, no], [no, no], 0.0)}) == (5.0, 5.0)
    # no benign line of either tier: everything may pass; no benign evidence at all: nothing
    assert operating_point(risk, {"chat": ([no, no], [no, no], 0.0)}) == (no, no)
    assert operating_point(risk, {}) == (math.inf, math.inf)
    with pytest.raises(ValueError):
        operating_point(risk, {"chat": ([math.inf, no], [no, no], 0.0)})


def test_the_operating_point_is_the_best_pair_a_brute_force_finds():
    """Against every pair of thresholds at a score (or an infinity), on random small cases."""
    import random

    from benchmarks.risk_model_train import _up, operating_point

    rng = random.Random(8)
    no = -math.inf
    for _ in range(300):

        def lines(n: int) -> tuple[list[float], list[float]]:
            tiers = [rng.randrange(3) for _ in range(n)]  # 0: neither tier, 1: near, 2: far
            values = [round(rng.uniform(-3, 3), 1) for _ in range(n)]
            near = [v if t == 1 else no for v, t in zip(values, tiers, strict=True)]
            return near, [v if t == 2 else no for v, t in zip(values, tiers, strict=True)]

        risk = lines(rng.randrange(1, 9))
        benign = {kind: (*lines(rng.randrange(1, 9)), rng.choice((0.0, 0.2, 0.5))) for kind in "ab"}
        near, far = operating_point(risk, benign)

        def raised(pair: tuple[list[float], list[float]], n: float, f: float) -> int:
            return sum(s > n for s in pair[0]) + sum(s > f for s in pair[1])

        def feasible(n: float, f: float, kinds: dict = benign) -> bool:
            return f >= n and all(
                raised((b[0], b[1]), n, f) <= int(len(b[0]) * b[2]) for b in kinds.values()
            )

        assert feasible(near, far)
        points = {math.inf, no, *(_up(v) for v in (*risk[0], *risk[1]) if v != no)}
        points |= {_up(v) for b in benign.values() for v in (*b[0], *b[1]) if v != no}
        most = max(raised(risk, n, f) for n in points for f in points if feasible(n, f))
        assert raised(risk, near, far) == most


def test_a_damaged_shipped_model_stops_the_bot_with_one_clear_line(tmp_path, monkeypatch, capsys):
    """A damaged model file is refused like damaged content: the detector is not built, the
    bot does not start (and a reload keeps what runs), and the operator reads one line naming
    the file and what to do; never a traceback. The lists alone (an editor's check) still load."""
    from bot.safety import model as model_module

    bad = tmp_path / "risk_model.bin.gz"
    bad.write_bytes(gzip.compress(b'{"buckets": 1}\n'[:9]))  # a header cut short
    read = RiskModel.load.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(RiskModel, "load", classmethod(lambda cls, path=bad: read(cls, bad)))
    monkeypatch.setattr(model_module, "_shipped", model_module._UNREAD)

    detector, problems = load_safety(ROOT / "content", model=True)
    assert detector is None
    assert problems == [
        (
            "bot/safety/risk_model.bin.gz",
            "-",
            "the model file is damaged: install the bot again, or make it with python -m "
            "benchmarks.risk_model_train (RISK_MODEL=off runs the lists alone: they miss nearly "
            "half of what both find)",
        )
    ]
    assert load_safety(ROOT / "content")[0] is not None  # the lists alone: unaffected
    _, found = load_content(ROOT / "content", model=True)
    assert any("risk_model.bin.gz" in str(p) and "damaged" in str(p) for p in found)
    assert run_risk_cli(ROOT / "content", io.StringIO("hello\n"), io.StringIO()) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("error: bot/safety/risk_model.bin.gz: -: the model file is damaged")
    assert err[1:] == ["1 problem(s) in the risk model"]
