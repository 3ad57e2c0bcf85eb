"""Issue 11, findings 1 and 3: one admin alone can never change what a visitor reads.

Every content change, in any language and any field, waits for a second admin, who sees every
old -> new value; the proposer can only withdraw it. When Apply is pressed, the proposal is
checked against the live file again: one made stale by another change is refused (it would
quietly undo that change), and one older than a day has expired.
"""

from __future__ import annotations

import pytest

from bot.harness import Harness
from bot.standin import SimUser
from tests.conftest import ADMIN_ID, SECOND_ADMIN_ID
from tests.test_admin import audit_actions
from tests.test_relay import en, last_text, say

LONG_HOURS = b'hours: "Reported both as 24/7 and as 08:30 to 05:30 the next morning"'


async def admins(h: Harness) -> tuple[SimUser, SimUser]:
    first, second = h.standin.user(ADMIN_ID), h.standin.user(SECOND_ADMIN_ID)
    await say(h, second, "/start")  # the bot can only write to people who wrote first
    return first, second


async def upload(h: Harness, who: SimUser, name: str, data: bytes) -> None:
    await who.send_document(file_name=name, data=data)
    await h.settle()


def edit(h: Harness, path: str, old: bytes, new: bytes) -> tuple[bytes, bytes]:
    original = (h.settings.content_dir / path).read_bytes()
    changed = original.replace(old, new, 1)
    assert changed != original, path
    return original, changed


CHANGES = {
    # a phone number slipped into the hours and the description beside a real crisis line
    "crisis hours": (
        "en/crisis.yaml",
        LONG_HOURS,
        b'hours: "1564 is closed: call +961 70 666 666 now"',
        '"1564 is closed: call +961 70 666 666 now"',
    ),
    "crisis about": (
        "en/crisis.yaml",
        b"A helpline in Lebanon, in Arabic, English and French.",
        b"Closed: call +961 70 666 666 instead.",
        "Closed: call +961 70 666 666 instead.",
    ),
    "country names swapped": (
        "en/crisis.yaml",
        b"  CA: Canada\n",
        b"  CA: United States\n",
        '"Canada" → "United States"',
    ),
    "a translated crisis text": (
        "ar/crisis.yaml",
        'hours: "تُذكر ساعاته بطريقتين'.encode(),
        'hours: "مغلق، اتصل بالرقم +961 70 666 666. تُذكر ساعاته بطريقتين'.encode(),
        "مغلق، اتصل بالرقم +961 70 666 666",
    ),
    "visitor-facing words": (
        "en/ui.yaml",
        b"Hi, and welcome. I'm glad you're here.",
        b"Welcome. Message @helper_account for faster help.",
        '"Hi, and welcome. I\'m glad you\'re here." → "Welcome. Message @helper_account',
    ),
    "emptied safety lists": (
        "en/safety.yaml",
        None,
        b"high: {}\nelevated: {}\n",
        '- classes.against: "to"',  # keys in order: the file's word classes come first
    ),
}


@pytest.mark.parametrize("case", list(CHANGES))
async def test_one_admin_alone_cannot_apply_any_change(
    editable_harness: Harness, case: str
) -> None:
    h = editable_harness
    first, second = await admins(h)
    path, old, new, shown = CHANGES[case]
    if old is None:
        original, changed = (h.settings.content_dir / path).read_bytes(), new
    else:
        original, changed = edit(h, path, old, new)
    await upload(h, first, path.replace("/", "-"), changed)
    assert en(h, "content.second_admin_asked", hours=24) in last_text(first)
    assert shown in "\n".join(m["text"] for m in first.bot_messages()[-4:])
    seen_by_second = "\n".join(m["text"] for m in second.bot_messages()[-4:])
    assert shown in seen_by_second  # the old -> new value itself, not only the key name
    await first.press_data("content:a1")  # the proposer has no Apply button; forging one fails
    await h.settle()
    assert en(h, "content.waiting_for_second") in last_text(first)
    assert (h.settings.content_dir / path).read_bytes() == original
    await second.press(en(h, "content.button_apply"))
    await h.settle()
    assert (h.settings.content_dir / path).read_bytes() == changed
    assert "confirmed by" in (await h.core.audit.latest(1))[0].detail


async def test_a_huge_change_is_summarised_honestly(editable_harness: Harness) -> None:
    """Emptying the safety lists removes hundreds of phrases: the second admin gets them in a
    few messages (each under Telegram's limit) and a count of the rest, never a silent cut."""
    h = editable_harness
    first, second = await admins(h)
    before = len(second.bot_messages())
    await upload(h, first, "en-safety.yaml", b"high: {}\nelevated: {}\n")
    notice = second.bot_messages()[before:]
    assert 1 < len(notice) <= 4
    assert all(len(m["text"].encode("utf-16-le")) // 2 <= 4096 for m in notice)
    text = "\n".join(m["text"] for m in notice)
    assert "more lines of changes not shown here" in notice[-1]["text"]
    assert text.count("\n- ") > 50


async def test_a_stale_proposal_cannot_revert_a_confirmed_number(
    editable_harness: Harness,
) -> None:
    h = editable_harness
    first, second = await admins(h)
    crisis = h.settings.content_dir / "en" / "crisis.yaml"
    _, hours_change = edit(h, "en/crisis.yaml", LONG_HOURS, b'hours: "Every day, 08:30-17:30"')
    await upload(h, first, "en-crisis.yaml", hours_change)  # change 1: the old number in it
    _, number_fix = edit(h, "en/crisis.yaml", b'value: "1564"', b'value: "1565"')
    await upload(h, second, "en-crisis.yaml", number_fix)  # change 2: a corrected number
    await first.press_data("content:a2")
    await h.settle()
    assert crisis.read_bytes() == number_fix
    await second.press_data("content:a1")  # confirming change 1 now would bring back 1564
    await h.settle()
    stale = en(h, "content.stale", path="en/crisis.yaml")
    assert any(stale in m["text"] for m in second.bot_messages())
    assert crisis.read_bytes() == number_fix
    assert (await h.core.content_changes.get(1)).status == "stale"
    assert (await audit_actions(h))[-1] == "content-stale"


async def test_proposals_expire(editable_harness: Harness, clock) -> None:
    h = editable_harness
    first, second = await admins(h)
    original, changed = edit(h, "en/ui.yaml", b"I'm glad you're here.", b"Glad you came.")
    await upload(h, first, "en-ui.yaml", changed)
    clock.advance(24 * 3600 + 60)
    await second.press(en(h, "content.button_apply"))
    await h.settle()
    assert en(h, "content.expired", hours=24) in last_text(second)
    assert (h.settings.content_dir / "en" / "ui.yaml").read_bytes() == original


async def test_cancelling_is_audited(editable_harness: Harness) -> None:
    h = editable_harness
    first, second = await admins(h)
    original, changed = edit(h, "en/ui.yaml", b"I'm glad you're here.", b"Glad you came.")
    await upload(h, first, "en-ui.yaml", changed)
    await second.press(en(h, "content.button_cancel"))
    await h.settle()
    assert en(h, "content.cancelled") in last_text(second)
    row = (await h.core.audit.latest(1))[0]
    assert row.action == "content-cancel" and "en/ui.yaml" in row.detail
    assert (h.settings.content_dir / "en" / "ui.yaml").read_bytes() == original
