"""What a new user tripped over (issue 13, part 8), each found to fail before its fix."""

from __future__ import annotations

import re

from bot.harness import Harness
from bot.staff import alias_problem
from tests.conftest import ADMIN_ID, ROOT, press, say
from tests.test_admin import make_supervisor
from tests.test_relay import connect, en, last_text, onboard, queue_visitor


async def escalated_chat(h: Harness) -> tuple[object, object, str]:
    visitor, volunteer = await connect(h, "River Song")
    await say(h, volunteer, "/escalate")
    chat = str((await h.core.db.fetchone("SELECT id FROM sessions"))[0])
    return visitor, volunteer, chat


async def test_a_settings_admin_who_joins_reads_along(harness: Harness) -> None:
    h = harness
    visitor, volunteer, chat = await escalated_chat(h)
    admin = h.standin.user(ADMIN_ID)  # in ADMIN_IDS, with no volunteer name
    msg = await say(h, admin, f"/join {chat}")
    assert "You're reading along" in msg["text"]
    await say(h, visitor, "it's getting worse")
    assert any(t.endswith(": it's getting worse") for t in admin.texts())
    await say(h, volunteer, "I'm still here")
    assert any(t.endswith(": I'm still here") for t in admin.texts())
    # taking over needs a name the visitor will see: said, without "ask an admin"
    msg = await say(h, admin, f"/takeover {chat}")
    assert en(h, "supervisor.needs_alias") in msg["text"]
    assert "ask an admin" not in " ".join(admin.texts()).lower()


async def test_handing_back_while_going_off_duty_sends_no_waiting_alert(
    harness: Harness, clock
) -> None:
    h = harness
    visitor, volunteer = await connect(h, "River Song")
    clock.advance(120)  # past the gap between two alerts: one would be sent now
    await say(h, volunteer, "/duty")
    before = len(volunteer.texts())
    await press(h, volunteer, en(h, "volunteer.button_hand_back"))
    after = volunteer.texts()[before:]
    assert not any("Someone is waiting" in t for t in after)
    assert not any(en(h, "volunteer.not_on_duty") in t for t in after)
    assert any(en(h, "volunteer.off_duty") in t for t in volunteer.texts())
    # the visitor keeps their place and hears plainly that no one is on duty, once
    nobody = en(h, "queue.nobody_now").split("\n")[0]
    assert sum(nobody in t for t in visitor.texts()) == 1
    assert await h.core.relay.place(h.core.visitors.pseudonym(visitor.id)) is not None


async def test_handing_back_with_someone_else_on_duty(harness: Harness, clock) -> None:
    h = harness
    visitor, volunteer = await connect(h, "River Song")
    other = await onboard(h, "Noor Ali")
    clock.advance(120)
    await say(h, volunteer, "/duty")
    before = len(volunteer.texts())
    await press(h, volunteer, en(h, "volunteer.button_hand_back"))
    assert not any("Someone is waiting" in t for t in volunteer.texts()[before:])
    assert "Someone is waiting" in last_text(other)
    assert en(h, "relay.volunteer_left_requeued") in "\n".join(visitor.texts())


async def test_settings_country_returns_to_settings(harness: Harness) -> None:
    h = harness
    visitor = h.standin.user(language_code="en")
    await say(h, visitor, "/settings")
    await press(h, visitor, en(h, "button.country"))
    await press(h, visitor, "Europe")
    msg = await press(h, visitor, "France")
    assert "Your settings" in msg["text"] and "France" in msg["text"]
    assert "Contacts for" not in msg["text"]
    # and from the crisis screen, a country still leads to its contacts
    await say(h, visitor, "/crisis")
    await press(h, visitor, en(h, "button.change_country"))
    await press(h, visitor, "Europe")
    msg = await press(h, visitor, "Germany")
    assert en(h, "crisis.intro_country", country="Germany") in msg["text"]
    # "rather not say" from Settings, too
    await say(h, visitor, "/settings")
    await press(h, visitor, en(h, "button.country"))
    msg = await press(h, visitor, en(h, "button.prefer_not"))
    assert en(h, "settings.country_none") in msg["text"]


async def test_reload_speaks_plainly(editable_harness: Harness) -> None:
    h = editable_harness
    msg = await say(h, h.standin.user(ADMIN_ID), "/reload")
    assert "reloaded" in msg["text"]
    assert "`" not in msg["text"] and "python -m" not in msg["text"]


async def test_words_a_new_user_tripped_over(harness: Harness) -> None:
    h = harness
    assert "signed off. Welcome to the team!" not in en(h, "volunteer.signed_off")
    # a supervisor who took a chat over is not told to debrief with a supervisor
    sage = await make_supervisor(h, "Sage Bell")
    await say(h, sage, "/duty")
    _visitor, volunteer, chat = await escalated_chat(h)
    await say(h, sage, f"/takeover {chat}")
    await say(h, sage, "/end")
    assert en(h, "volunteer.debrief_senior") in last_text(sage)
    assert "debrief with a supervisor" not in " ".join(sage.texts())
    assert en(h, "volunteer.debrief") in "\n".join(volunteer.texts())  # the volunteer is
    # no blank line in a volunteer's introduction without a flag
    other = await queue_visitor(h)
    msg = await say(h, volunteer, "/next")
    assert "You're now talking" in msg["text"] and "\n\n" not in msg["text"]
    # a volunteer's photo gets the volunteer's words, not the visitor's
    await volunteer.send_photo()
    await h.settle()
    assert en(h, "volunteer.media_refused") in last_text(volunteer)
    await volunteer.send_contact()
    await h.settle()
    assert en(h, "volunteer.media_identifying") in last_text(volunteer)
    await other.send_photo()
    await h.settle()
    assert en(h, "relay.media_refused") in last_text(other)


def test_readme_and_code_agree_on_aliases() -> None:
    readme = (ROOT / "README.md").read_text()
    rule = readme[readme.index("choose an alias") :][:900]
    assert "letters only" not in rule
    assert "spaces, hyphens or" in rule and "apostrophes" in rule
    for accepted in re.findall(r'\("([^"]+)", "([^"]+)", "([^"]+)", "([^"]+)"\)', rule)[0]:
        assert alias_problem(accepted) is None, accepted
    for refused in ("River", "River@Song", "River 2", "r.song", "Admin Beef"):
        assert alias_problem(refused) is not None, refused
    welcome = (ROOT / "content/en/ui.yaml").read_text()
    assert "letters only" not in welcome
