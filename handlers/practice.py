"""Practice chats: a volunteer, signed off or still pending, plays a scripted scenario in their
own bot chat against a simulated visitor (`bot.practice`, `content/<locale>/practice.yaml`).

Every message of a practice starts with the Practice label, so it can never be mistaken for a
real visitor. The volunteer's words go nowhere: they are not relayed, not screened for risk,
not stored. /escalate, /block and /end are taken note of by the scenario and alert or block
nobody. Practice is off duty and with no real chat open, so no real visitor is offered meanwhile.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update

from bot.callbacks import Action
from bot.content.practice import Scenario
from bot.practice import Event, Turn
from bot.relay import Notice
from bot.screens import Button, Screen
from handlers.common import BotContext, answer_query, deliver, say, show
from handlers.fallback import unknown_command

Handler = Callable[[Update, BotContext], Awaitable[None]]


def _may_practise(context: BotContext) -> bool:
    """Volunteers of any role, signed off or waiting for sign-off."""
    staff = context.staff
    return staff is not None and staff.status in ("pending", "active")


def _labelled(context: BotContext, text: str) -> str:
    return f"{context.t('practice.label')}\n\n{text}"


def _picker(context: BotContext, scenarios: tuple[Scenario, ...], done: set[str]) -> Screen:
    rows = [
        [Button(("✓ " if s.id in done else "") + s.title, Action("pr", f"s{s.id}"))]
        for s in scenarios
    ]
    return Screen(_labelled(context, context.t("practice.pick")), rows)


async def _done_of(context: BotContext) -> set[str]:
    assert context.staff is not None
    return (await context.core.practice.done()).get(context.staff.id, set())


async def _refusal(context: BotContext) -> str | None:
    """Why this volunteer cannot practise now, as a ui key (None: they can)."""
    staff = context.staff
    assert staff is not None
    if await context.core.relay.sessions_of_volunteer(staff.pseudonym):
        return "practice.busy"
    if staff.on_duty:
        return "practice.on_duty"
    return None


async def practice_command(update: Update, context: BotContext) -> None:
    """`/practice`: the list of scenarios (finished ones ticked)."""
    if not _may_practise(context):
        await unknown_command(update, context)
        return
    refusal = await _refusal(context)
    if refusal is not None:
        await show(context, update, Screen(context.t(refusal)))
        return
    scenarios = context.core.content.current.practice_for(context.loc.code)
    if not scenarios:
        await show(context, update, Screen(context.t("practice.none")))
        return
    await show(context, update, _picker(context, scenarios, await _done_of(context)))


def _scenario(context: BotContext, locale: str, scenario_id: str) -> Scenario | None:
    scenarios = context.core.content.current.practice_for(locale)
    return next((s for s in scenarios if s.id == scenario_id), None)


async def on_button(update: Update, context: BotContext, arg: str) -> bool:
    """Start a scenario, or a choice at a decision point. False for a stale or forged one."""
    staff = context.staff
    if staff is None or not _may_practise(context):
        return False
    practice = context.core.practice
    chat = update.effective_chat
    assert chat is not None
    if arg[0] == "s":
        scenario = _scenario(context, context.loc.code, arg[1:])
        if scenario is None:
            return False  # removed by a /reload since the list was shown
        await answer_query(update)
        refusal = await _refusal(context)
        if refusal is not None:
            await show(context, update, Screen(context.t(refusal)))
            return True
        intro = context.t("practice.intro", title=scenario.title, about=scenario.about)
        await show(context, update, Screen(_labelled(context, intro)))
        run, turn = await practice.start(staff.id, scenario, context.loc.code)
        await _play_out(update, context, scenario, run.token, turn)
        return True
    token, step_id, index = arg[1:].split(".")
    await answer_query(update)
    run = await practice.current(staff.id)
    scenario = _scenario(context, run.locale, run.scenario) if run else None
    turn = None
    if run is not None and scenario is not None:
        turn = await practice.choose(staff.id, run, scenario, token, step_id, int(index))
    if turn is None or scenario is None:
        await say(context, chat.id, Screen(_labelled(context, context.t("practice.expired"))))
        return True
    chosen = scenario.step(step_id)
    if chosen is not None:  # the choice stays visible, without its buttons
        label = chosen.choices[int(index)].label
        which = f"{context.t('practice.which')}\n→ {label}"
        await show(context, update, Screen(_labelled(context, which)))
    await _play_out(update, context, scenario, token, turn)
    return True


async def on_message(update: Update, context: BotContext) -> bool:
    """A practising volunteer's message: the scenario answers. False if not practising."""
    if update.message is None:
        return False
    return await _event(update, context, "wrote")


def or_practice(event: Event, handler: Handler) -> Handler:
    """A command that means something else in a practice (/end, /escalate, /block)."""

    async def command(update: Update, context: BotContext) -> None:
        if not await _event(update, context, event):
            await handler(update, context)

    command.__doc__ = handler.__doc__
    return command


def not_while_practising(handler: Handler) -> Handler:
    """/duty during a practice: finish the practice first (a volunteer practising is never on
    duty, so never offered a real visitor)."""

    async def command(update: Update, context: BotContext) -> None:
        staff = context.staff
        if staff is not None and await context.core.practice.current(staff.id):
            chat = update.effective_chat
            assert chat is not None
            text = _labelled(context, context.t("practice.duty_refused"))
            await say(context, chat.id, Screen(text))
            return
        await handler(update, context)

    command.__doc__ = handler.__doc__
    return command


async def _event(update: Update, context: BotContext, event: Event) -> bool:
    staff = context.staff
    if staff is None:  # visitors: no practice, and no database read
        return False
    practice = context.core.practice
    run = await practice.current(staff.id)
    if run is None:
        return False
    chat = update.effective_chat
    assert chat is not None
    if not _may_practise(context):  # revoked mid-practice: the practice just ends
        await practice.stop(staff.id)
        return False
    scenario = _scenario(context, run.locale, run.scenario)
    if scenario is None or scenario.step(run.step) is None:
        await practice.stop(staff.id)
        await say(context, chat.id, Screen(_labelled(context, context.t("practice.changed"))))
        return True
    turn = await practice.play(staff.id, run, scenario, event)
    await _play_out(update, context, scenario, run.token, turn)
    return True


async def _play_out(
    update: Update, context: BotContext, scenario: Scenario, token: str, turn: Turn
) -> None:
    """Say what the scenario does: a note of the command, the visitor's line, the choices, or
    the end with its checklist (and the completion mark)."""
    chat = update.effective_chat
    assert chat is not None
    if turn.ack is not None:
        await say(
            context, chat.id, Screen(_labelled(context, context.t(f"practice.{turn.ack}_ack")))
        )
    for line in turn.lines:
        text = f"{context.t('practice.visitor')}\n{line}"
        await say(context, chat.id, Screen(_labelled(context, text)))
    if turn.ask is not None:
        step = turn.ask
        rows = [
            [Button(choice.label, Action("pr", f"c{token}.{step.id}.{i}"))]
            for i, choice in enumerate(step.choices)
        ]
        await say(context, chat.id, Screen(_labelled(context, context.t("practice.which")), rows))
    if turn.finished:
        await _finish(update, context, scenario, turn.completed)


async def _finish(update: Update, context: BotContext, scenario: Scenario, completed: bool) -> None:
    chat = update.effective_chat
    staff = context.staff
    assert chat is not None and staff is not None
    key = "practice.finished" if completed else "practice.stopped"
    points = "\n".join(f"• {point}" for point in scenario.checklist)
    text = f"{context.t(key, title=scenario.title)}\n\n{points}\n\n{context.t('practice.again')}"
    await say(context, chat.id, Screen(_labelled(context, text)))
    if not completed:
        return
    core = context.core
    await core.practice.mark(staff.id, scenario.id)
    if staff.status != "pending" or staff.alias is None:
        return
    # A trainee's progress goes to the admins with the sign-off button, in each one's language.
    english = core.content.current.practice_for(None)
    done = (await core.practice.done()).get(staff.id, set()) & {s.id for s in english}
    values = {
        "alias": staff.alias,
        "title": scenario.title,
        "done": len(done),
        "total": len(english),
    }
    button = (("admin.button_signoff", Action("signoff", str(staff.id))),)
    await deliver(
        context.bot,
        core,
        [Notice(admin, "practice.admin_done", values, (button,)) for admin in await core.admins()],
    )
