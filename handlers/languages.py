"""Languages in the relay, from Telegram: a volunteer says which languages they support (at
onboarding, and with `/languages`), and a visitor whose language nobody on duty reads may say
another language is fine. The rule itself lives in `bot/relay/languages.py`.
"""

from __future__ import annotations

from telegram import Update

from bot import languages
from bot.callbacks import Action
from bot.screens import Button, Screen
from bot.staff import Staff
from handlers.common import BotContext, answer_query, deliver, show
from handlers.fallback import unknown_command
from handlers.queue import place_screen, refresh_queue

CHECKED = "✓ "


def spoken(context: BotContext, staff: Staff) -> str:
    """The languages a volunteer supports, each in its own name."""
    content = context.core.content.current
    return ", ".join(languages.name_of(content, code) for code in staff.languages or ())


def picker(context: BotContext, staff: Staff) -> Screen:
    """One toggle button per language (ticked when supported), then Done."""
    chosen = set(staff.languages or ())
    rows = [
        [Button((CHECKED if code in chosen else "") + name, Action("langs", code))]
        for code, name in languages.supported(context.core.content.current)
    ]
    rows.append([Button(context.t("volunteer.button_languages_done"), Action("langs", "done"))])
    return Screen(context.t("volunteer.languages_ask"), rows)


async def own_language(context: BotContext, staff: Staff) -> Staff:
    """A volunteer who has not said yet supports the language they use the bot in."""
    if staff.languages is not None:
        return staff
    assert context.visitor is not None
    code = languages.base_language(context.core.content.current, context.visitor.prefs.locale)
    staff = await context.core.staff.set_languages(staff, (code,))
    context.staff = staff
    return staff


async def languages_command(update: Update, context: BotContext) -> None:
    """`/languages`: the languages this volunteer supports, to change with a tap."""
    staff = context.staff
    if staff is None or staff.status not in ("pending", "active"):
        await unknown_command(update, context)
        return
    staff = await own_language(context, staff)
    await show(context, update, picker(context, staff))


async def languages_button(update: Update, context: BotContext, arg: str) -> bool:
    """A tap on the picker: toggle a language, or Done. Forged codes: "expired"."""
    staff = context.staff
    if staff is None or staff.status not in ("pending", "active"):
        return False
    core = context.core
    staff = await own_language(context, staff)
    if arg == "done":
        await answer_query(update)
        text = context.t("volunteer.languages_saved", languages=spoken(context, staff))
        await show(context, update, Screen(text))
        return True
    if arg not in dict(languages.supported(core.content.current)):
        return False
    chosen = list(staff.languages or ())
    if arg in chosen and len(chosen) == 1:
        await answer_query(update, context.t("volunteer.languages_keep_one"))
        return True
    chosen = [c for c in chosen if c != arg] if arg in chosen else [*chosen, arg]
    staff = await core.staff.set_languages(staff, tuple(chosen))
    context.staff = staff
    await answer_query(update)
    await show(context, update, picker(context, staff))
    if staff.on_duty:  # who is covered changed: waiting visitors see the queue as it is now
        await core.relay.ask_to_wait()
        await refresh_queue(context.bot, core)
    return True


async def any_language(update: Update, context: BotContext) -> None:
    """A waiting visitor says another language is fine: anyone on duty may take them now."""
    core, visitor = context.core, context.visitor
    assert visitor is not None
    await answer_query(update)
    notices = await core.relay.accept_any_language(visitor.pseudonym)
    place = await core.relay.place(visitor.pseudonym)
    if notices is None or place is None:
        await show(context, update, Screen(context.t("queue.not_waiting")))
        return
    await show(context, update, place_screen(context.loc, place))
    await deliver(context.bot, core, notices)
