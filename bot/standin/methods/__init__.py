"""Bot API method implementations (everything except the long-polling ``getUpdates``).

Each handler takes the shared :class:`StandInState` and the decoded parameters and returns
the ``result`` Telegram would return, or raises :class:`ApiError` with Telegram's own error
code and wording. The wording matters: bots (and PTB) branch on it, e.g. "message is not
modified" is usually ignored while "bot was blocked by the user" marks a user inactive.
"""

from . import bot_setup, chats, edits, media, messages  # noqa: F401  (registers the handlers)
from .compose import MAX_CAPTION, MAX_TEXT, parse_reply_markup
from .media import photo_sizes
from .params import bot_sender, resolve_chat_id
from .registry import HANDLERS, Handler

__all__ = [
    "HANDLERS",
    "MAX_CAPTION",
    "MAX_TEXT",
    "Handler",
    "bot_sender",
    "parse_reply_markup",
    "photo_sizes",
    "resolve_chat_id",
]
