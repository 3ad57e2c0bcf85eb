"""Practice chats end to end over the stand-in: a trainee plays scenarios against the simulated
visitor (English and Arabic), branches by buttons, /escalate alerts nobody real, completion
reaches the admins before sign-off, no real visitor is offered meanwhile; content check of
practice.yaml."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from bot.content.loader import load_content
from bot.content.practice import Scenario
from bot.harness import Harness
from bot.standin import SimUser
from tests.conftest import ADMIN_ID, CONTENT, SECOND_ADMIN_ID, press, say
from tests.helpline import queue_in, text
from tests.test_relay import en, last_text, onboard


def scenario(h: Harness, locale: str, scenario_id: str) -> Scenario:
    return next(s for s in h.core.content.current.practice_for(locale) if s.id == scenario_id)


async def pending(h: Harness, alias: str, locale: str = "en") -> SimUser:
    """A volunteer who redeemed an invite and chose an alias: waiting for sign-off."""
    admin = h.standin.user(ADMIN_ID, first_name="Admin")
    msg = await say(h, admin, "/invite")
    code = re.search(r"start=(v_[\w-]+)", msg["text"]).group(1)
    trainee = h.standin.user(language_code=locale, first_name=f"Real name of {alias}")
    await say(h, trainee, f"/start {code}")
    await say(h, trainee, alias)
    staff = await h.core.staff.by_alias(alias)
    assert staff is not None and staff.status == "pending"
    return trainee


def labelled(h: Harness, locale: str, message: str) -> bool:
    return message.startswith(text(h, locale, "practice.label")) or message.split("\n", 1)[
        -1
    ].startswith(text(h, locale, "practice.label"))


async def start(h: Harness, trainee: SimUser, locale: str, scenario_id: str) -> dict:
    msg = await say(h, trainee, "/practice")
    assert text(h, locale, "practice.pick") in msg["text"]
    return await press(h, trainee, scenario(h, locale, scenario_id).title)


async def test_a_trainee_plays_to_the_end_and_the_admin_sees_it(harness: Harness) -> None:
    h = harness
    admin = h.standin.user(ADMIN_ID)
    trainee = await pending(h, "Robin Bay")
    first = scenario(h, "en", "first-contact")
    before = len(trainee.history())
    await start(h, trainee, "en", "first-contact")
    assert first.about in trainee.texts()[-2] and first.steps[0].visitor in trainee.texts()[-1]
    await say(h, trainee, "Hi, I'm Robin, a volunteer. Yes, a real person. Take your time.")
    assert trainee.texts()[-1].endswith(first.step("unsure").visitor)
    msg = await say(h, trainee, "That's ok. There's no rush, I'm here.")
    assert en(h, "practice.which") in msg["text"]
    msg = await press(h, trainee, "Let them go at their own pace")  # a branch
    assert trainee.texts()[-1].endswith(first.step("opens").visitor)
    await say(h, trainee, "Thank you for trusting me with this. Nothing is wrong with you.")
    await say(h, trainee, "Take care. /exit wipes this chat, and you can come back any time.")
    done = trainee.texts()[-1]
    assert en(h, "practice.finished", title=first.title) in done
    assert all(point in done for point in first.checklist)
    # every message of the practice says it is one
    assert all(labelled(h, "en", m) for m in trainee.texts()[before + 1 :])
    # only a completion mark is stored: no words of the practice anywhere in the database
    assert await h.core.db.fetchall("SELECT scenario FROM practice_done") == [("first-contact",)]
    db = h.core.settings.database_path
    stored = b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))
    assert b"Robin, a volunteer" not in stored and b"There's no rush" not in stored
    # the admins get the progress with the sign-off button; /volunteers shows it
    total = len(h.core.content.current.practice_for("en"))
    note = en(h, "practice.admin_done", alias="Robin Bay", title=first.title, done=1, total=total)
    assert note.split("(")[0] in last_text(admin)
    request = admin.last_bot_message()
    msg = await say(h, admin, "/volunteers")
    assert (
        "Robin" in msg["text"] and en(h, "practice.admin_count", done=1, total=total) in msg["text"]
    )
    await admin.press(en(h, "admin.button_signoff"), request)
    await h.settle()
    assert en(h, "volunteer.signed_off") in last_text(trainee)


async def test_arabic_trainee_plays_in_arabic(harness: Harness) -> None:
    h = harness
    trainee = await pending(h, "Nour Amal", "ar")
    coming_out = scenario(h, "ar", "coming-out-fear")
    assert coming_out.title != scenario(h, "en", "coming-out-fear").title  # translated
    await start(h, trainee, "ar", "coming-out-fear")
    assert trainee.texts()[-1].endswith(coming_out.first.visitor)
    await say(h, trainee, "أنا هنا وأسمعك. ما تشعر به مفهوم.")
    await say(h, trainee, "هذا قرارك أنت، وفي الوقت الذي يناسبك.")
    await press(h, trainee, coming_out.step("pressure").choices[0].label)
    assert trainee.texts()[-1].endswith(coming_out.step("safety").visitor)
    await say(h, trainee, "سلامتك أولًا. من الشخص الأكثر أمانًا؟")
    await say(h, trainee, "يبدو هذا خيارًا أكثر أمانًا.")
    done = trainee.texts()[-1]
    assert text(h, "ar", "practice.finished", title=coming_out.title) in done
    assert coming_out.checklist[0] in done
    assert all(labelled(h, "ar", m) for m in trainee.texts()[-8:])


async def test_the_other_branch_and_escalate_alerts_nobody(harness: Harness) -> None:
    h = harness
    supervisor = await onboard(h, "Sam Super")
    await say(h, h.standin.user(ADMIN_ID), "/promote Sam Super supervisor")
    admins = [h.standin.user(ADMIN_ID), h.standin.user(SECOND_ADMIN_ID), supervisor]
    trainee = await onboard(h, "Kit Moss", on_duty=False)  # signed off, off duty
    risk = scenario(h, "en", "suicidal-disclosure")
    await start(h, trainee, "en", "suicidal-disclosure")
    await say(h, trainee, "Let's talk about something else. What music do you like?")
    await press(h, trainee, "Change the subject")
    assert trainee.texts()[-1].endswith(risk.step("avoided").visitor)
    await say(h, trainee, "I'm sorry, I didn't mean to brush that off.")
    await say(h, trainee, "Are you thinking about suicide?")
    await press(h, trainee, "Ask directly about suicide")
    assert trainee.texts()[-1].endswith(risk.step("asked").visitor)
    seen = [len(person.history()) for person in admins]
    msg = await say(h, trainee, "/escalate")
    assert en(h, "practice.escalate_ack") in trainee.texts()[-2]
    assert msg["text"].endswith(risk.step("escalated").visitor)
    assert [len(person.history()) for person in admins] == seen  # nobody real was alerted
    await say(h, trainee, "/end")
    assert en(h, "practice.stopped", title=risk.title) in last_text(trainee)
    assert await h.core.db.fetchall("SELECT scenario FROM practice_done") == []  # not finished
    # /end now is a plain /end again
    msg = await say(h, trainee, "/end")
    assert en(h, "relay.no_chat") in msg["text"]


async def test_block_in_the_abusive_scenario_blocks_nobody(harness: Harness) -> None:
    h = harness
    trainee = await pending(h, "Ash Grey")
    abusive = scenario(h, "en", "abusive-visitor")
    await start(h, trainee, "en", "abusive-visitor")
    await say(h, trainee, "I'm here to listen if you want to talk.")
    await say(h, trainee, "I won't share personal details. I'm here if you want to talk.")
    await press(h, trainee, "Set a calm boundary")
    await say(h, trainee, "I don't share that.")
    await say(h, trainee, "/block")
    assert en(h, "practice.block_ack") in trainee.texts()[-3]
    assert en(h, "practice.finished", title=abusive.title) in last_text(trainee)
    assert await h.core.db.fetchall("SELECT COUNT(*) FROM blocks") == [(0,)]


async def test_no_real_visitor_is_offered_to_a_practising_volunteer(harness: Harness) -> None:
    h = harness
    trainee = await onboard(h, "Lee Park", on_duty=False)
    await start(h, trainee, "en", "family-threat")
    msg = await say(h, trainee, "/duty")  # no shift while practising
    assert en(h, "practice.duty_refused") in msg["text"]
    await onboard(h, "Ren Day")  # someone on duty, so the visitor can wait for them
    seen = len(trainee.history())
    visitor = await queue_in(h, "en")
    assert len(trainee.history()) == seen  # not told that someone waits
    msg = await say(h, trainee, "/next")
    assert en(h, "volunteer.not_on_duty") in msg["text"]
    assert visitor.texts()  # the visitor still waits, untouched by the practice
    # a volunteer on duty is asked to go off first
    await say(h, trainee, "/end")
    await say(h, trainee, "/duty")
    msg = await say(h, trainee, "/practice")
    assert en(h, "practice.on_duty") in msg["text"]


async def test_bad_input_gets_a_kind_answer(editable_harness: Harness) -> None:
    h = editable_harness
    trainee = await pending(h, "Jo March")
    # forged and stale buttons
    for data in ("pr:sno-such-scenario", "pr:c0123abcd.start.0", "pr:x", "pr:cZZ.start.9"):
        await trainee.press_data(data)
        await h.settle()
        last = last_text(trainee)
        assert en(h, "expired.text") in last or en(h, "practice.expired") in last
    # a visitor who is no volunteer cannot practise
    visitor = h.standin.user()
    msg = await say(h, visitor, "/practice")
    assert en(h, "unknown.command") in msg["text"]
    await visitor.press_data("pr:sfirst-contact")
    await h.settle()
    assert en(h, "expired.text") in last_text(visitor)
    # the scenario is removed by /reload mid-practice
    await start(h, trainee, "en", "first-contact")
    path = h.core.settings.content_dir / "en" / "practice.yaml"
    body = path.read_text(encoding="utf-8")
    cut = body.index("  - id: coming-out-fear")
    header = body[: body.index("  - id: first-contact")]
    path.write_text(header + body[cut:], encoding="utf-8")
    for other in h.core.settings.content_dir.glob("*/practice.yaml"):
        if other.parent.name != "en":  # a translation of the removed scenario would be refused
            other.unlink()
    msg = await say(h, h.standin.user(ADMIN_ID), "/reload")
    assert "reloaded" in msg["text"].lower()
    msg = await say(h, trainee, "hello?")
    assert en(h, "practice.changed") in msg["text"]
    # a restart mid-practice: it carries on where it was (ids only in the database)
    await start(h, trainee, "en", "family-threat")
    threat = scenario(h, "en", "family-threat")
    await say(h, trainee, "I'm here.")
    choice = await say(h, trainee, "Are you safe right now?")
    assert en(h, "practice.which") in choice["text"]
    other = trainee.buttons(choice)[1][0]["callback_data"]
    await h.restart()
    await trainee.press(0, choice)
    await h.settle()
    assert last_text(trainee).endswith(threat.step("now").visitor)
    # ... and a button of that choice, pressed again, has moved on
    await trainee.press_data(other, choice["message_id"])
    await h.settle()
    assert en(h, "practice.expired") in last_text(trainee)
    assert await h.core.db.fetchall("SELECT scenario, step FROM practice_runs") == [
        ("family-threat", "now")
    ]
    # revoked mid-practice: the practice just ends, and nothing answers as the script
    await say(h, h.standin.user(ADMIN_ID), "/signoff Jo March")
    await say(h, h.standin.user(ADMIN_ID), "/revoke Jo March")
    await press(h, h.standin.user(ADMIN_ID), en(h, "admin.button_revoke"))
    await say(h, trainee, "hello?")
    assert threat.step("where").visitor not in last_text(trainee)
    assert await h.core.db.fetchall("SELECT * FROM practice_runs") == []


async def test_quick_exit_wipes_the_practice(harness: Harness) -> None:
    h = harness
    trainee = await pending(h, "Mo Lane")
    await start(h, trainee, "en", "first-contact")
    await say(h, trainee, "hello, I'm Mo")
    await say(h, trainee, "/exit")
    assert [m["text"] for m in trainee.history()] == [en(h, "exit.neutral")]
    assert await h.core.db.fetchall("SELECT * FROM practice_runs") == []


def test_content_check_of_practice(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    path = content / "en" / "practice.yaml"
    body = path.read_text(encoding="utf-8")
    path.write_text(body.replace("next: opens", "next: nowhere", 1), encoding="utf-8")
    loaded, problems = load_content(content)
    assert loaded is None
    assert any("'nowhere', which is no step" in p.message for p in problems)
    path.write_text(body.replace("- id: closes", "- id: unsure", 1), encoding="utf-8")
    _, problems = load_content(content)
    assert any(p.message == "the same step id twice" for p in problems)
    path.write_text(body.replace("hi. is this a real person", "see t.me/x, real person", 1))
    _, problems = load_content(content)
    assert any("no Telegram links" in p.message for p in problems)
    path.write_text(body, encoding="utf-8")
    ar = content / "ar" / "practice.yaml"
    ar.write_text(ar.read_text(encoding="utf-8").replace("next: opens", "next: bye", 1))
    _, problems = load_content(content)
    assert any("differ from English" in p.message for p in problems)
    ar.unlink()
    loaded, problems = load_content(content)
    assert loaded is not None
    assert any(p.severity == "incomplete" and "practice" in p.file for p in problems)
    assert loaded.practice_for("ar") == loaded.practice_for("en")


def test_practice_goes_through_the_reviewed_content_change(tmp_path: Path) -> None:
    from bot.content_admin import parse_name, propose

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    assert parse_name("ar-practice.yaml") == ("ar", "practice.yaml")
    body = (content / "ar" / "practice.yaml").read_bytes()
    proposal, problems = propose(
        content, "ar", "practice.yaml", body.replace(b"next: opens", b"next: x", 1)
    )
    assert proposal is None and any("which is no step" in p.message for p in problems)
    changed = body.replace("التحية الأولى".encode(), "أول تحية".encode())
    proposal, _ = propose(content, "ar", "practice.yaml", changed)
    assert proposal is not None and proposal.changed == ("scenarios.first-contact.title",)
