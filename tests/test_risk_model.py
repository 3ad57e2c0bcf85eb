"""The risk-model experiment (`benchmarks.risk_model`): its parts behave as its figures assume.

Of these candidates none earned its place (`benchmarks/RISK_HISTORY.md`; the model that
ships is `bot.safety.model`, trained by `benchmarks.risk_model_train`); these tests keep the
experiment honest so it can be rerun: English only, training
and threshold deterministic whatever the process's string hashing, the threshold calibrated
without scoring a post the model was trained on.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.risk_model_fit import DEV_RAISED, english_words, features, fit, score, train

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "text",
    [
        "أنا تعبان جدا اليوم من الشغل وبدي نام",  # Arabic
        "Сегодня я очень устала на работе, хочу спать",  # Russian
        "今天上班好累，老板又骂我了，晚上想去吃火锅",  # Chinese
        "今日は仕事でとても疲れた、早く寝たい",  # Japanese
        "so tired",  # too short to read
        "",
        "🙂🙂🙂🙂",
    ],
)
def test_candidates_do_not_read_other_scripts_or_a_few_words(text: str) -> None:
    assert english_words(text) is None


def test_candidates_read_english_as_the_lists_do() -> None:
    words = english_words("I'm so tired, nothing will ever get better, I just want it to stop")
    assert words is not None
    assert "tire" in words and "better" in words  # stemmed as the lists stem
    assert {"want", "want it"} <= features(words)


def test_score_is_the_same_in_any_order() -> None:
    weights = {f"w{i}": (-1) ** i * 0.1 * (i % 7) + 1e-9 * i for i in range(200)}
    found = set(weights)
    forward = score((weights, 0.3), found)
    backward = math.fsum([0.3, *(weights[f] for f in sorted(found, reverse=True))])
    assert forward == backward


def _toy_data() -> dict[str, list[str]]:
    risk = [
        f"I can't do this anymore, nothing will ever get better and I am so tired {i}"
        for i in range(40)
    ]
    general = [
        f"What is the best way to save for a house deposit with an ISA account {i}"
        for i in range(200)
    ]
    general[0] = "I am so tired of the council, nothing will ever get better on my street"
    return {"risk": risk, "general": general, "health": []}


def test_threshold_raises_at_most_half_a_percent_of_general_posts_unseen() -> None:
    data = _toy_data()
    weights, bias, threshold, oof = fit(data)
    general = oof["general"]
    assert all(s is not None for s in general)  # every post scored by a model that never saw it
    raised = sum(1 for s in general if s is not None and s > threshold)
    assert raised <= len(general) * DEV_RAISED
    assert sum(1 for s in oof["risk"] if s is not None and s > threshold) > 30  # it learns
    assert weights and isinstance(bias, float)


def test_training_is_the_same_in_any_process() -> None:
    """Set iteration order changes with PYTHONHASHSEED; the weights must not."""
    program = (
        "import json, sys\n"
        "from tests.test_risk_model import _toy_data\n"
        "from benchmarks.risk_model_fit import fit\n"
        "w, b, t, _ = fit(_toy_data())\n"
        "sys.stdout.write(json.dumps([w, b, t], sort_keys=True))\n"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", program],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    weights, _, _ = json.loads(outputs.pop())
    assert weights == fit(_toy_data())[0]


def test_train_weighs_the_two_classes_equally() -> None:
    """One risk example against nine benign ones with the same features: balanced, it ends
    near even odds instead of near the 1:9 prior."""
    docs = [({"a", "b"}, True, 1.0)] + [({"a", "b"}, False, 1.0)] * 9
    weights, bias = train(docs, min_count=1, epochs=20)
    assert abs(score((weights, bias), {"a", "b"})) < 0.5
