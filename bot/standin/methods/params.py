"""Reading a call's parameters as Telegram does, and finding the chat and message it names.

Each helper raises :class:`ApiError` with Telegram's own code and wording.
"""

from __future__ import annotations

import json
from typing import Any

from ..state import ApiError, ChatState, StandInState


def require(params: dict[str, Any], name: str, message: str | None = None) -> Any:
    value = params.get(name)
    if value is None or value == "":
        raise ApiError.bad_request(message or f'parameter "{name}" is required')
    return value


def as_int(value: Any, name: str) -> int:
    if isinstance(value, bool):
        raise ApiError.bad_request(f'field "{name}" must be of type Integer')
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ApiError.bad_request(f'field "{name}" must be of type Integer') from None


def flag(params: dict[str, Any], name: str) -> bool:
    value = params.get(name)
    if isinstance(value, str):
        return value.lower() in {"true", "1"}
    return bool(value)


def resolve_chat_id(value: Any) -> int | None:
    """A chat id as int, or ``None`` if it is not numeric (e.g. ``@channelusername``)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.lstrip("-").isdigit():
            return int(text)
    return None


def lookup_chat(state: StandInState, params: dict[str, Any], key: str = "chat_id") -> ChatState:
    value = params.get(key)
    if value is None or value == "":
        raise ApiError.bad_request(f"{key} is empty")
    chat_id = resolve_chat_id(value)
    chat = state.chats.get(chat_id) if chat_id is not None else None
    if chat is None:
        raise ApiError.bad_request("chat not found")
    return chat


def writable_chat(state: StandInState, params: dict[str, Any]) -> ChatState:
    """The target chat of a send/edit, with Telegram's 403s for blocked/left chats."""
    chat = lookup_chat(state, params)
    check_writable(chat)
    return chat


def check_writable(chat: ChatState) -> None:
    if chat.type == "private" and chat.blocked:
        raise ApiError.forbidden("bot was blocked by the user")
    if chat.type != "private" and not chat.bot_is_member:
        raise ApiError.forbidden(f"bot is not a member of the {chat.type} chat")


def lookup_message(chat: ChatState, params: dict[str, Any], not_found: str) -> dict[str, Any]:
    raw = params.get("message_id")
    if raw is None or raw == "":
        raise ApiError.bad_request("message identifier is not specified")
    message = chat.messages.get(as_int(raw, "message_id"))
    if message is None:
        raise ApiError.bad_request(not_found)
    return message


def parse_message_ids(params: dict[str, Any]) -> list[int]:
    ids = params.get("message_ids")
    if isinstance(ids, str):
        try:
            ids = json.loads(ids)
        except ValueError:
            ids = None
    if not isinstance(ids, list) or not ids:
        raise ApiError.bad_request("message identifiers are not specified")
    if len(ids) > 100:
        raise ApiError.bad_request("too many message identifiers specified")
    return [as_int(value, "message_ids") for value in ids]


def bot_sender(state: StandInState) -> dict[str, Any]:
    """The ``from`` of bot messages (the short User form, not getMe's extra flags)."""
    bot = state.bot_user
    return {
        "id": bot["id"],
        "is_bot": True,
        "first_name": bot["first_name"],
        "username": bot["username"],
    }
