"""`python -m bot playground`: the real bot in a terminal, with no token and no network."""

import io
import os
import re
import signal
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


def test_ctrl_c_ends_the_playground_cleanly(tmp_path: Path) -> None:
    """Ctrl-C at the prompt (no Enter needed): exit 0, no traceback."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "playground"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    try:
        assert process.stdout is not None
        seen = b""
        while b"visitor > " not in seen:  # the prompt: the bot is up and reading
            chunk = os.read(process.stdout.fileno(), 4096)
            assert chunk, "the playground ended before its prompt"
            seen += chunk
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err.decode()
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err, err.decode()


async def test_the_demo_shows_every_step(tmp_path: Path) -> None:
    from bot.playground import run_playground

    out = io.StringIO()
    assert await run_playground(ROOT / "content", out=out, demo=True, pause=0) == 0
    text = out.getvalue()
    steps = re.findall(r"^== (\d+)/(\d+)  ", text, re.M)
    assert len(steps) == int(steps[0][1]) == 11
    checks = {
        "A team is on duty": "ready: Noor Ali (supervisor)",
        "Telegram says their phone is in Arabic": "ملاحظة جديدة",  # the Arabic screens
        "signals danger": "findahelpline.com",  # crisis contacts at once
        "ask to talk": "قائمة الانتظار",  # in the queue
        "told someone is waiting": "Someone who may be at risk is waiting",
        "takes the chat": "You're now talking with Visitor ",
        "They talk": "bot > شكراً إنك هون",  # the visitor's words reached the volunteer
        "asks a supervisor": "River Song asks for help with Visitor ",
        "rates it": "(they tap 😊)",
        "a dozen other short chats": "12 chats",
        "An admin looks at the figures": "Chats: 13",
    }
    sections = re.split(r"^== \d+/\d+  ", text, flags=re.M)[1:]
    assert len(sections) == len(checks)
    for section, (title, shown) in zip(sections, checks.items(), strict=True):
        assert title in section.splitlines()[0]
        assert shown in section, f"step {title!r} did not show {shown!r}:\n{section}"
    assert "Bot API violations" not in text
    assert "That was the whole story" in text


def test_ctrl_c_stops_the_demo_cleanly() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "playground", "--demo"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    try:
        assert process.stdout is not None
        seen = b""
        while b"== 2/" not in seen:  # the demo is under way (and pausing for the reader)
            chunk = os.read(process.stdout.fileno(), 4096)
            assert chunk, "the demo ended early"
            seen += chunk
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err.decode()
    assert b"Traceback" not in err, err.decode()
    assert b"(demo stopped)" in out
