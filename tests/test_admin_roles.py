"""Issue 11, findings 2 and 13: one admin can't make themselves a second admin, and a
volunteer's alias can't pass for an admin in the audit log or for a Telegram username."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

from bot.harness import Harness, offline_settings
from bot.staff import alias_problem
from tests.conftest import ADMIN_ID, CONTENT, SECOND_ADMIN_ID, FakeClock, api_spec, press
from tests.test_admin import audit_actions
from tests.test_relay import en, last_text, onboard, say


async def test_one_admin_cannot_promote_a_puppet_to_second_admin(harness: Harness) -> None:
    """Invite a second account, sign it off, promote it: it stays a volunteer until another
    admin confirms, so it can't confirm the first admin's content changes."""
    h = harness
    admin, second = h.standin.user(ADMIN_ID), h.standin.user(SECOND_ADMIN_ID)
    await say(h, second, "/start")
    puppet = await onboard(h, "Puppet Two", on_duty=False)
    msg = await say(h, admin, "/promote Puppet Two admin")
    assert en(h, "admin.promotion_asked", alias="Puppet Two", hours=24) in msg["text"]
    assert "asks to make Puppet Two an admin" in last_text(second)
    await admin.press_data("role:a1")  # the asking admin has no Confirm button; forging fails
    await h.settle()
    assert en(h, "admin.promotion_waiting", alias="Puppet Two") in last_text(admin)
    assert (await h.core.staff.by_alias("Puppet Two")).role == "volunteer"
    assert en(h, "unknown.command") in (await say(h, puppet, "/volunteers"))["text"]
    await puppet.press_data("role:a1")  # nor can the puppet confirm its own promotion
    await h.settle()
    assert (await h.core.staff.by_alias("Puppet Two")).role == "volunteer"
    await press(h, second, en(h, "admin.button_decline_promotion"))
    assert en(h, "admin.promotion_declined", alias="Puppet Two") in last_text(second)
    assert (await h.core.staff.by_alias("Puppet Two")).role == "volunteer"
    assert (await audit_actions(h))[-2:] == ["role-asked", "role-declined"]


async def test_a_promotion_expires(harness: Harness, clock) -> None:
    h = harness
    admin, second = h.standin.user(ADMIN_ID), h.standin.user(SECOND_ADMIN_ID)
    await say(h, second, "/start")
    await onboard(h, "River Song", on_duty=False)
    await say(h, admin, "/promote River Song admin")
    clock.advance(24 * 3600 + 60)
    await press(h, second, en(h, "admin.button_confirm_promotion"))
    assert en(h, "admin.promotion_expired", hours=24) in last_text(second)
    assert (await h.core.staff.by_alias("River Song")).role == "volunteer"


async def test_an_alias_cannot_pass_for_a_settings_admin(harness: Harness) -> None:
    h = harness
    admin = h.standin.user(ADMIN_ID)
    code = re.search(r"start=(v_[\w-]+)", (await say(h, admin, "/invite"))["text"]).group(1)
    volunteer = h.standin.user()
    await say(h, volunteer, f"/start {code}")
    for alias in ("admin-beef", "Admin Beef", "Ádmin", "Telegram"):
        msg = await say(h, volunteer, alias)
        assert en(h, "volunteer.alias_reserved") in msg["text"], alias
    msg = await say(h, volunteer, "Kai")  # too short to be a Telegram username
    assert en(h, "volunteer.alias_saved", alias="Kai") in msg["text"]
    # the audit log names a settings admin in a form no alias can take
    actor = (await h.core.audit.latest(1))[0].actor
    assert re.fullmatch(r"admin#[0-9a-f]{4}", actor)
    assert alias_problem(actor) is not None


async def test_an_alias_cannot_be_a_telegram_username(harness: Harness) -> None:
    """One word of four or more Latin letters could be someone's @username: a visitor who
    looks the volunteer up would tell a stranger who they are. Other forms are fine."""
    h = harness
    admin = h.standin.user(ADMIN_ID)
    for alias in ("River", "noor", "SomeHelperBot"):
        code = re.search(r"start=(v_[\w-]+)", (await say(h, admin, "/invite"))["text"]).group(1)
        volunteer = h.standin.user()
        await say(h, volunteer, f"/start {code}")
        msg = await say(h, volunteer, alias)
        assert en(h, "volunteer.alias_username") in msg["text"], alias
    for alias in ("River Song", "Jean-Luc", "O'Hara", "Noé", "نور", "Kai"):
        assert alias_problem(alias) is None, alias


async def test_a_lone_admin_can_neither_change_content_nor_promote(
    tmp_path: Path, clock: FakeClock, log_output: io.StringIO
) -> None:
    """The bootstrap case: one id in ADMIN_IDS. Nothing waits for an admin who isn't there:
    the bot says a second one must be added to ADMIN_IDS, and nothing changes."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    settings = offline_settings(
        tmp_path / "data" / "bot.sqlite3",
        content,
        admin_ids=frozenset({ADMIN_ID}),
        rate_limit=False,
    )
    h = Harness(settings, api_spec=api_spec(), clock=clock)
    await h.start()
    try:
        admin = h.standin.user(ADMIN_ID)
        ui = content / "en" / "ui.yaml"
        original = ui.read_bytes()
        changed = original.replace(b"I'm glad you're here.", b"Glad you came.")
        await admin.send_document(file_name="en-ui.yaml", data=changed)
        await h.settle()
        assert en(h, "content.no_other_admin", hours=24) in last_text(admin)
        await admin.press_data("content:a1")
        await h.settle()
        assert en(h, "content.waiting_for_second") in last_text(admin)
        assert ui.read_bytes() == original
        await onboard(h, "River Song", on_duty=False)
        msg = await say(h, admin, "/promote River Song admin")
        assert en(h, "admin.promotion_no_other_admin", alias="River Song") in msg["text"]
        assert (await h.core.staff.by_alias("River Song")).role == "volunteer"
    finally:
        await h.stop()
