"""Issue 11, findings 2 and 13: one admin can't make themselves a second admin, and a
volunteer's alias can't pass for an admin in the audit log or for a Telegram username."""

from __future__ import annotations

import re

from bot.harness import Harness
from bot.staff import alias_problem
from tests.conftest import ADMIN_ID, SECOND_ADMIN_ID, press
from tests.test_admin import audit_actions
from tests.test_relay import en, last_text, onboard, say


async def test_one_admin_cannot_promote_a_puppet_to_second_admin(harness: Harness) -> None:
    """Invite a second account, sign it off, promote it: it stays a volunteer until another
    admin confirms, so it can't confirm the first admin's content changes."""
    h = harness
    admin, second = h.standin.user(ADMIN_ID), h.standin.user(SECOND_ADMIN_ID)
    await say(h, second, "/start")
    puppet = await onboard(h, "Puppet", on_duty=False)
    msg = await say(h, admin, "/promote Puppet admin")
    assert en(h, "admin.promotion_asked", alias="Puppet", hours=24) in msg["text"]
    assert "asks to make Puppet an admin" in last_text(second)
    await admin.press_data("role:a1")  # the asking admin has no Confirm button; forging fails
    await h.settle()
    assert en(h, "admin.promotion_waiting", alias="Puppet") in last_text(admin)
    assert (await h.core.staff.by_alias("Puppet")).role == "volunteer"
    assert en(h, "unknown.command") in (await say(h, puppet, "/volunteers"))["text"]
    await puppet.press_data("role:a1")  # nor can the puppet confirm its own promotion
    await h.settle()
    assert (await h.core.staff.by_alias("Puppet")).role == "volunteer"
    await press(h, second, en(h, "admin.button_decline_promotion"))
    assert en(h, "admin.promotion_declined", alias="Puppet") in last_text(second)
    assert (await h.core.staff.by_alias("Puppet")).role == "volunteer"
    assert (await audit_actions(h))[-2:] == ["role-asked", "role-declined"]


async def test_a_promotion_expires(harness: Harness, clock) -> None:
    h = harness
    admin, second = h.standin.user(ADMIN_ID), h.standin.user(SECOND_ADMIN_ID)
    await say(h, second, "/start")
    await onboard(h, "River", on_duty=False)
    await say(h, admin, "/promote River admin")
    clock.advance(24 * 3600 + 60)
    await press(h, second, en(h, "admin.button_confirm_promotion"))
    assert en(h, "admin.promotion_expired", hours=24) in last_text(second)
    assert (await h.core.staff.by_alias("River")).role == "volunteer"


async def test_an_alias_cannot_pass_for_a_settings_admin(harness: Harness) -> None:
    h = harness
    admin = h.standin.user(ADMIN_ID)
    code = re.search(r"start=(v_[\w-]+)", (await say(h, admin, "/invite"))["text"]).group(1)
    volunteer = h.standin.user()
    await say(h, volunteer, f"/start {code}")
    for alias in ("admin-beef", "Admin Beef", "Ádmin", "Telegram"):
        msg = await say(h, volunteer, alias)
        assert en(h, "volunteer.alias_reserved") in msg["text"], alias
    msg = await say(h, volunteer, "Beef")
    assert en(h, "volunteer.alias_saved", alias="Beef") in msg["text"]
    # the audit log names a settings admin in a form no alias can take
    actor = (await h.core.audit.latest(1))[0].actor
    assert re.fullmatch(r"admin#[0-9a-f]{4}", actor)
    assert alias_problem(actor) is not None
