"""Admin operations: roles, the authorisation matrix, audit, stats, content changes, blocks,
escalation, flood control and key rotation."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bot.crypto import generate_data_key
from bot.harness import Harness
from bot.standin import SimUser
from tests.conftest import ADMIN_ID, ROOT, SECOND_ADMIN_ID, press
from tests.test_relay import connect, en, last_text, onboard, queue_visitor, say

PRIVILEGED = {
    "volunteer": ["/duty", "/queue", "/next", "/escalate", "/block", "/note hi", "/notes"],
    "supervisor": ["/join 1", "/takeover 1"],
    "admin": [
        "/invite",
        "/signoff River Song",
        "/revoke River Song",
        "/volunteers",
        "/promote River Song admin",
        "/demote River Song",
        "/stats",
        "/audit",
        "/blocks",
        "/unblock X",
        "/reload",
        "/rollback",
    ],
}
RANKS = ["visitor", "volunteer", "supervisor", "admin"]


async def audit_actions(h: Harness) -> list[str]:
    return [r.action for r in reversed(await h.core.audit.latest(100))]


async def make_supervisor(h: Harness, alias: str) -> SimUser:
    person = await onboard(h, alias, on_duty=False)
    admin = h.standin.user(ADMIN_ID)
    await say(h, admin, f"/promote {alias} supervisor")
    return person


async def test_authorisation_matrix(harness: Harness, clock) -> None:
    """Every privileged command, from every lower role, gets the unknown-command answer."""
    h = harness
    unknown = en(h, "unknown.command")
    people = {
        "visitor": h.standin.user(),
        "pending volunteer": None,
        "volunteer": await onboard(h, "River Song", on_duty=False),
        "supervisor": await make_supervisor(h, "Sage Bell"),
    }
    admin = h.standin.user(ADMIN_ID)
    msg = await say(h, admin, "/invite")
    code = re.search(r"start=(v_[\w-]+)", msg["text"]).group(1)
    pending = h.standin.user()
    await say(h, pending, f"/start {code}")
    await say(h, pending, "Pending One")
    people["pending volunteer"] = pending
    levels = {"visitor": 0, "pending volunteer": 0, "volunteer": 1, "supervisor": 2}
    cases = 0
    for who, user in people.items():
        for needed, commands in PRIVILEGED.items():
            if levels[who] >= RANKS.index(needed):
                continue
            for command in commands:
                clock.advance(5)  # stay under flood control: this is not a flood test
                msg = await say(h, user, command)
                assert msg["text"].split("\n", 1)[1] == unknown, (who, command)
                cases += 1
    # buttons: authority never comes from callback data
    for who in ("visitor", "volunteer", "supervisor"):
        for data in ("signoff:1", "content:a1", "content:c1", "role:a1", "role:c1", "revoke:1",
                     "revoke:no"):  # fmt: skip
            await people[who].press_data(data)
            await h.settle()
            assert en(h, "expired.text") in last_text(people[who]), (who, data)
            cases += 1
    # a visitor can neither confirm a block nor set languages
    await people["visitor"].press_data("block:1-7-0123abcd")
    await h.settle()
    assert en(h, "expired.text") in last_text(people["visitor"])
    msg = await say(h, people["visitor"], "/languages")
    assert msg["text"].split("\n", 1)[1] == unknown
    cases += 2
    assert cases == 91  # 69 commands (21 + 21 + 14 + 12, /languages) and 22 button presses
    assert (await h.core.staff.by_alias("Pending One")).status == "pending"


async def test_promote_demote_menus_and_audit(harness: Harness) -> None:
    h = harness
    volunteer = await onboard(h, "River Song", on_duty=False)
    admin, second = h.standin.user(ADMIN_ID), h.standin.user(SECOND_ADMIN_ID)
    await say(h, second, "/start")
    msg = await say(h, admin, "/promote River Song admin")
    assert en(h, "admin.promotion_asked", alias="River Song", hours=24) in msg["text"]
    msg = await press(h, second, en(h, "admin.button_confirm_promotion"))
    assert en(h, "admin.role_set", alias="River Song", role="admin") in last_text(second)
    menus = [
        c
        for c in h.standin.calls_to("setMyCommands")
        if c.params.get("scope", {}).get("chat_id") == volunteer.id
    ]
    assert "stats" in [c["command"] for c in menus[-1].params["commands"]]
    msg = await say(h, volunteer, "/volunteers")  # a promoted admin is an admin at once
    assert "River Song" in msg["text"]
    await say(h, admin, "/demote River Song")
    menus = [
        c
        for c in h.standin.calls_to("setMyCommands")
        if c.params.get("scope", {}).get("chat_id") == volunteer.id
    ]
    assert "stats" not in [c["command"] for c in menus[-1].params["commands"]]
    assert "duty" in [c["command"] for c in menus[-1].params["commands"]]
    assert en(h, "unknown.command") in (await say(h, volunteer, "/volunteers"))["text"]
    actions = await audit_actions(h)
    assert actions == ["invite", "signoff", "role-asked", "role", "role"]
    msg = await say(h, admin, "/audit")
    assert "River Song: volunteer -> admin" in msg["text"]


async def test_audit_log_is_append_only(harness: Harness) -> None:
    h = harness
    await h.core.audit.record("someone", "test", "")
    with pytest.raises(Exception, match="append-only"):
        await h.core.db.execute("UPDATE audit SET actor = 'x'")
    with pytest.raises(Exception, match="append-only"):
        await h.core.db.execute("DELETE FROM audit")


async def test_stats_suppress_small_numbers(harness: Harness, clock) -> None:
    h = harness
    admin = h.standin.user(ADMIN_ID)
    for _ in range(3):
        visitor, volunteer = await connect(h, f"V{'x' * _}-{'y' * (3 - _)}")
        await say(h, visitor, "hello")
        await say(h, volunteer, "hello, I'm here")
        await say(h, visitor, "/end")
        await visitor.press("😊")
        await h.settle()
    msg = await say(h, admin, "/stats")
    assert "Chats: <5 (answered <5, not answered 0)" in msg["text"]
    assert "median n/a" in msg["text"]
    more = await onboard(h, "Moreen Fay")
    for _ in range(3):
        visitor = await queue_visitor(h)
        await say(h, more, "/next")
        await say(h, more, "hi")
        await say(h, more, "/end")
    msg = await say(h, admin, "/stats 30")
    assert "Last 30 days" in msg["text"]
    assert "Chats: 6 (answered 6, not answered 0)" in msg["text"]  # zero is not identifying
    assert re.search(r"Wait, minutes: median \d+", msg["text"])
    assert "5: <5" in msg["text"]  # three 😊 ratings: fewer than 5, not shown exactly


async def test_stats_cli(harness: Harness, tmp_path: Path) -> None:
    h = harness
    await h.stop_bot()
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": h.settings.token,
        "DATA_KEYS": generate_data_key(),
        "DATABASE_PATH": str(h.settings.database_path),
        "CONTENT_DIR": str(h.settings.content_dir),
    }
    result = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "bot", "stats", "--days", "3"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Last 3 days" in result.stdout and "Chats: 0" in result.stdout
    assert "Topics (chats that touched each): Coming out: 0, Family: 0" in result.stdout
    await h.start_bot()


async def test_reload_good_and_bad(editable_harness: Harness) -> None:
    h = editable_harness
    admin = h.standin.user(ADMIN_ID)
    ui = h.settings.content_dir / "en" / "ui.yaml"
    ui.write_text(
        ui.read_text().replace(
            'text: "What would help right now?"', 'text: "How can I help today?"'
        )
    )
    msg = await say(h, admin, "/reload")
    assert "Content reloaded" in msg["text"]
    assert "How can I help today?" in (await say(h, admin, "/start"))["text"]
    ui.write_text(ui.read_text().replace("welcome:", "welcome: [broken", 1))
    msg = await say(h, admin, "/reload")
    assert "NOT reloaded" in msg["text"] and "en/ui.yaml" in msg["text"]
    assert "How can I help today?" in (await say(h, admin, "/start"))["text"]  # old stays live
    assert (await audit_actions(h)) == ["reload"]


async def test_reload_does_not_hold_up_anyone_else(editable_harness: Harness) -> None:
    """A full check takes seconds (a child process); the bot answers others meanwhile. The
    check is held until a visitor's answer has gone out: with /reload on the event loop, the
    visitor would wait for it, and the held check gives up (the reload fails)."""
    h = editable_harness
    admin, visitor = h.standin.user(ADMIN_ID), h.standin.user()
    checking, visitor_answered = threading.Event(), threading.Event()
    load = h.core.content._load

    def held(*, full: bool):  # runs where /reload runs its check
        checking.set()
        if not visitor_answered.wait(5):
            raise AssertionError("the visitor was not answered while the content was checked")
        return load(full=full)

    h.core.content._load = held  # type: ignore[method-assign]
    await admin.send("/reload")
    assert await asyncio.to_thread(checking.wait, 10)
    await visitor.send("/start")
    await h.standin.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == visitor.id)
    visitor_answered.set()
    await h.settle()
    assert "Content reloaded" in admin.last_bot_message()["text"]
    assert (await audit_actions(h)) == ["reload"]


async def test_upload_confirm_and_rollback(editable_harness: Harness) -> None:
    h = editable_harness
    admin, second = h.standin.user(ADMIN_ID), h.standin.user(SECOND_ADMIN_ID)
    await say(h, second, "/start")  # the bot can only write to people who wrote first
    guide = h.settings.content_dir / "ar" / "guide.yaml"
    original = guide.read_bytes()
    changed = original.replace("أولًا: هل الأمر آمن؟".encode(), "قبل كل شيء: الأمان".encode())
    assert changed != original
    await admin.send_document(file_name="ar-guide.yaml", mime_type="application/yaml", data=changed)
    await h.settle()
    step = '~ steps.is-it-safe.title: "أولًا: هل الأمر آمن؟" → "قبل كل شيء: الأمان"'
    assert step in last_text(admin) and step in last_text(second)
    assert guide.read_bytes() == original  # nothing changes before confirmation
    await second.press(en(h, "content.button_apply"))
    await h.settle()
    assert guide.read_bytes() == changed
    assert h.core.content.current.locale("ar").steps[0].title == "قبل كل شيء: الأمان"
    await say(h, admin, "/rollback")
    assert "~ steps.is-it-safe.title" in last_text(admin)
    await second.press(en(h, "content.button_apply"))
    await h.settle()
    assert guide.read_bytes() == original
    assert (await audit_actions(h))[-2:] == ["content", "rollback"]
    # an invalid upload is refused with the problems, and nothing changes
    await admin.send_document(file_name="ar-guide.yaml", data=b"steps: [{id: X}]")
    await h.settle()
    assert "NOT applied" in last_text(admin) and "ar/guide.yaml" in last_text(admin)
    assert guide.read_bytes() == original


async def test_crisis_number_change_needs_a_second_admin(editable_harness: Harness) -> None:
    h = editable_harness
    first, second = h.standin.user(ADMIN_ID), h.standin.user(SECOND_ADMIN_ID)
    await say(h, second, "/start")  # the bot can only write to people who wrote first
    crisis = h.settings.content_dir / "en" / "crisis.yaml"
    original = crisis.read_bytes()
    swapped = original.replace(b'value: "1564"', b'value: "1999"')
    await first.send_document(file_name="en-crisis.yaml", data=swapped)
    await h.settle()
    assert en(h, "content.second_admin_asked", hours=24) in last_text(first)
    assert "proposes a change to en/crisis.yaml" in last_text(second)
    assert '"1564" → "1999"' in last_text(second)
    await first.press_data("content:a1")  # the proposer has no Apply button; forging one fails
    await h.settle()
    assert en(h, "content.waiting_for_second") in last_text(first)
    assert crisis.read_bytes() == original
    await second.press(en(h, "content.button_apply"))
    await h.settle()
    assert crisis.read_bytes() == swapped
    assert "confirmed by" in last_text(first)
    row = (await h.core.audit.latest(1))[0]
    assert row.action == "content" and "confirmed by" in row.detail


async def test_escalate_join_takeover_and_debrief(harness: Harness) -> None:
    h = harness
    sage = await make_supervisor(h, "Sage Bell")
    await say(h, sage, "/duty")
    visitor, volunteer = await connect(h, "River Song")
    msg = await say(h, volunteer, "/escalate")
    assert en(h, "volunteer.escalated") in msg["text"]
    alert = last_text(sage)
    chat = re.search(r"/join (\d+)", alert).group(1)
    assert "River Song asks for help with Visitor" in alert
    await say(h, sage, f"/join {chat}")
    await say(h, visitor, "it's getting worse")
    assert any(t.endswith(": it's getting worse") for t in sage.texts())
    await say(h, sage, f"/takeover {chat}")
    assert "has taken over" in volunteer.texts()[-2]
    assert en(h, "volunteer.debrief") in last_text(volunteer)
    assert "is with you now" in last_text(visitor)
    await say(h, sage, "I'm here with you now")
    assert last_text(visitor).endswith("I'm here with you now")
    await say(h, visitor, "thank you")
    assert "thank you" in sage.texts()
    assert (await audit_actions(h))[-3:] == ["escalate", "join", "takeover"]


async def test_block_blocks_and_unblock(harness: Harness) -> None:
    h = harness
    visitor, volunteer = await connect(h, "River Song")
    msg = await say(h, volunteer, "/block 3")
    assert "block them for 3 days?" in msg["text"]  # asks first
    msg = await press(h, volunteer, en(h, "volunteer.button_block"))
    ref = re.search(r"reference ([\w-]+)", msg["text"]).group(1)
    assert en(h, "relay.ended_blocked") in last_text(visitor)
    await say(h, visitor, "/talk")
    msg = await visitor.press(en(h, "button.consent"))
    await h.settle()
    assert en(h, "talk.blocked").split("\n")[0] in last_text(visitor)
    admin = h.standin.user(ADMIN_ID)
    msg = await say(h, admin, "/blocks")
    assert ref in msg["text"] and "River Song" in msg["text"]
    await say(h, admin, f"/unblock {ref}")
    await say(h, visitor, "/talk")
    await visitor.press(en(h, "button.consent"))
    await h.settle()
    assert "number 1" in last_text(visitor)
    assert (await audit_actions(h))[-2:] == ["block", "unblock"]
    del msg


async def test_flood_control(harness: Harness) -> None:
    h = harness
    visitor = h.standin.user()
    for i in range(25):
        await visitor.send(f"message {i}")
    await h.settle()
    notices = [t for t in visitor.texts() if en(h, "flood.slow_down") in t]
    assert len(notices) == 1
    answers = [t for t in visitor.texts() if en(h, "unknown.text") in t]
    assert len(answers) == 20  # the first 20 were answered, the rest slowed


async def test_rest_reminder_after_a_long_shift(harness: Harness, clock) -> None:
    from handlers.ending import sweep

    h = harness
    volunteer = await onboard(h, "River Song")
    clock.advance(4 * 3600 + 60)
    await sweep(h.application)
    await sweep(h.application)
    assert sum(en(h, "volunteer.rest") in t for t in volunteer.texts()) == 1


async def test_join_only_escalated_chats_and_revoke_stops_reading(harness: Harness) -> None:
    h = harness
    sage = await make_supervisor(h, "Sage Bell")
    visitor, volunteer = await connect(h, "River Song")
    chat = (await h.core.db.fetchone("SELECT id FROM sessions"))[0]
    msg = await say(h, sage, f"/join {chat}")
    assert en(h, "supervisor.no_such_chat") in msg["text"]  # not escalated: no reading along
    await say(h, volunteer, "/escalate")
    await say(h, sage, f"/join {chat}")
    await say(h, visitor, "first")
    assert any(t.endswith(": first") for t in sage.texts())
    await say(h, h.standin.user(ADMIN_ID), "/revoke Sage Bell")
    await press(h, h.standin.user(ADMIN_ID), en(h, "admin.button_revoke"))
    await say(h, visitor, "second")
    assert not any(t.endswith(": second") for t in sage.texts())
    for odd in ("/join ²", "/join 99999999999999999999", "/block ²"):
        await say(h, sage, odd)  # no crash, a kind answer
    assert en(h, "error.generic") not in " ".join(sage.texts())


async def test_flood_never_blocks_exit_or_risk(harness: Harness) -> None:
    h = harness
    visitor = h.standin.user()
    for i in range(22):
        await visitor.send(f"line {i}")
    await h.settle()
    await say(h, visitor, "I want to kill myself")
    assert en(h, "safety.high") in " ".join(visitor.texts())
    await say(h, visitor, "/exit")
    assert [m["text"] for m in visitor.history()] == [en(h, "exit.neutral")]


async def test_risk_before_talking_queues_as_urgent(harness: Harness) -> None:
    h = harness
    volunteer = await onboard(h, "River Song")
    calm = await queue_visitor(h)
    worried = h.standin.user()
    await say(h, worried, "i want to die")
    await say(h, worried, "/talk")
    await worried.press(en(h, "button.consent"))
    await h.settle()
    assert "number 1" in last_text(worried)
    assert "number 2" in calm.history()[-1]["text"]
    assert "may be at risk" in last_text(volunteer)
