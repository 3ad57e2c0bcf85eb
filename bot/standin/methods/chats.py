"""Chats and callback queries: answering a button press, leaving and describing a chat."""

from __future__ import annotations

from typing import Any

from ..formatting import utf16_len
from ..state import ApiError, StandInState
from .params import bot_sender, check_writable, lookup_chat
from .registry import handler

# ------------------------------------------------------------------ callbacks


@handler("answerCallbackQuery")
def answer_callback_query(state: StandInState, params: dict[str, Any]) -> Any:
    query_id = str(params.get("callback_query_id") or "")
    query = state.callback_queries.get(query_id)
    if query is None or query["answered"]:
        raise ApiError.bad_request(
            "query is too old and response timeout expired or query ID is invalid"
        )
    text = params.get("text")
    if text is not None and utf16_len(str(text)) > 200:
        raise ApiError.bad_request("MESSAGE_TOO_LONG")
    query["answered"] = True
    state.callback_answers[query_id] = {
        key: params[key] for key in ("text", "show_alert", "url", "cache_time") if key in params
    }
    return True


# ---------------------------------------------------------------------- chats


@handler("leaveChat")
def leave_chat(state: StandInState, params: dict[str, Any]) -> Any:
    chat = lookup_chat(state, params)
    if chat.type == "private":
        raise ApiError.bad_request("chat member status can't be changed in private chats")
    check_writable(chat)
    chat.bot_is_member = False
    state.left_chats.add(chat.id)
    state.chat_member_update(chat, bot_sender(state), "member", "left")
    return True


@handler("getChat")
def get_chat(state: StandInState, params: dict[str, Any]) -> Any:
    chat = lookup_chat(state, params)
    if chat.type != "private" and not chat.bot_is_member:
        raise ApiError.forbidden(f"bot is not a member of the {chat.type} chat")
    info: dict[str, Any] = dict(chat.info)
    info.update(
        {
            "accent_color_id": chat.id % 7 if chat.id > 0 else 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }
    )
    return info
