"""`python -m bot playground`: the real bot in a terminal, with no token and no network."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_playground_session_as_visitor_arabic_visitor_and_admin(tmp_path: Path) -> None:
    script = (
        "\n".join(
            [
                "/start",
                ":1",
                ":7",
                ":as arabic",
                "/start",
                ":as admin",
                "/reload",
                ":as visitor",
                "/exit",
                ":chat",
                ":quit",
            ]
        )
        + "\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "bot", "playground"],
        cwd=ROOT,
        input=script,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},  # no settings at all
    )
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "[1] 🌱 Feel better about yourself" in out  # buttons are numbered
    assert "bot (edited) > " in out  # pressing 1 paged the message in place
    assert "ملاحظة جديدة" in out  # the Arabic visitor reads Arabic
    assert "Content reloaded" in out  # the admin's /reload
    assert "deleted from this chat" in out  # quick exit
    assert "Bot API violations" not in out
