"""Editing and deleting messages the bot sent."""

from __future__ import annotations

import copy
from typing import Any

from ..state import DELETE_WINDOW_SECONDS, ApiError, ChatState, StandInState
from .compose import MEDIA_FIELDS, caption_content, parse_reply_markup, text_content
from .params import lookup_chat, lookup_message, parse_message_ids, writable_chat
from .registry import handler

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)


# -------------------------------------------------------------------- editing


def _editable(state: StandInState, params: dict[str, Any]) -> tuple[ChatState, dict[str, Any]]:
    if params.get("inline_message_id") is not None:
        raise ApiError.bad_request("MESSAGE_ID_INVALID")
    chat = writable_chat(state, params)
    message = lookup_message(chat, params, "message to edit not found")
    if not state.is_from_bot(message):
        raise ApiError.bad_request("message can't be edited")
    return chat, message


def _inline_markup(params: dict[str, Any]) -> dict[str, Any] | None:
    markup = parse_reply_markup(params.get("reply_markup"))
    if markup is not None and "inline_keyboard" not in markup:
        raise ApiError.bad_request("inline keyboard expected")
    return markup


def _commit_edit(
    state: StandInState, message: dict[str, Any], changes: dict[str, Any]
) -> dict[str, Any]:
    """Apply an edit (``None`` removes a field) or fail with Telegram's "not modified"."""
    if all(message.get(key) == value for key, value in changes.items()):
        raise ApiError.bad_request(NOT_MODIFIED)
    for key, value in changes.items():
        if value is None:
            message.pop(key, None)
        else:
            message[key] = value
    message["edit_date"] = state.now()
    return copy.deepcopy(message)


@handler("editMessageText")
def edit_message_text(state: StandInState, params: dict[str, Any]) -> Any:
    _, message = _editable(state, params)
    if "text" not in message:
        raise ApiError.bad_request("there is no text in the message to edit")
    content = text_content(params)
    # Omitting reply_markup removes the inline keyboard, exactly like Telegram.
    return _commit_edit(
        state,
        message,
        {
            "text": content["text"],
            "entities": content.get("entities"),
            "reply_markup": _inline_markup(params),
        },
    )


@handler("editMessageCaption")
def edit_message_caption(state: StandInState, params: dict[str, Any]) -> Any:
    _, message = _editable(state, params)
    if not any(key in message for key in MEDIA_FIELDS):
        raise ApiError.bad_request("there is no caption in the message to edit")
    caption = caption_content(params)
    return _commit_edit(
        state,
        message,
        {
            "caption": caption.get("caption"),
            "caption_entities": caption.get("caption_entities"),
            "reply_markup": _inline_markup(params),
        },
    )


@handler("editMessageReplyMarkup")
def edit_message_reply_markup(state: StandInState, params: dict[str, Any]) -> Any:
    _, message = _editable(state, params)
    return _commit_edit(state, message, {"reply_markup": _inline_markup(params)})


# ------------------------------------------------------------------- deleting


def _deletable(state: StandInState, chat: ChatState, message: dict[str, Any]) -> bool:
    if state.now() - int(message["date"]) >= DELETE_WINDOW_SECONDS:
        return False
    # In groups a non-admin bot may only delete its own messages.
    return chat.type == "private" or state.is_from_bot(message)


@handler("deleteMessage")
def delete_message(state: StandInState, params: dict[str, Any]) -> Any:
    chat = lookup_chat(state, params)
    message = lookup_message(chat, params, "message to delete not found")
    if state.now() - int(message["date"]) >= DELETE_WINDOW_SECONDS:
        raise ApiError.bad_request("message can't be deleted for everyone")
    if not _deletable(state, chat, message):
        raise ApiError.bad_request("message can't be deleted")
    del chat.messages[message["message_id"]]
    return True


@handler("deleteMessages")
def delete_messages(state: StandInState, params: dict[str, Any]) -> Any:
    chat = lookup_chat(state, params)
    for message_id in parse_message_ids(params):
        message = chat.messages.get(message_id)
        if message is not None and _deletable(state, chat, message):
            del chat.messages[message_id]
    return True
