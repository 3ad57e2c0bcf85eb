"""Sending messages: text, chat actions, and copying or forwarding what was sent."""

from __future__ import annotations

import copy
from typing import Any

from ..state import ApiError, StandInState
from .compose import MEDIA_FIELDS, caption_content, send, text_content
from .params import as_int, bot_sender, flag, lookup_chat, parse_message_ids, require, writable_chat
from .registry import handler

_CHAT_ACTIONS = frozenset(
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice",
        "upload_voice", "upload_document", "choose_sticker", "find_location",
        "record_video_note", "upload_video_note",
    }
)  # fmt: skip
# Message fields that make up "content" (what copyMessage/forwardMessage carry over).
_CONTENT_FIELDS = (
    "text", "entities", "animation", "audio", "document", "photo", "sticker", "video",
    "video_note", "voice", "caption", "caption_entities", "show_caption_above_media",
    "has_media_spoiler", "contact", "dice", "location", "venue", "poll",
)  # fmt: skip


@handler("sendMessage")
def send_message(state: StandInState, params: dict[str, Any]) -> Any:
    chat = writable_chat(state, params)
    return send(state, params, text_content(params), chat)


@handler("sendChatAction")
def send_chat_action(state: StandInState, params: dict[str, Any]) -> Any:
    writable_chat(state, params)
    if params.get("action") not in _CHAT_ACTIONS:
        raise ApiError.bad_request("wrong parameter action in request")
    return True


def _source_message(
    state: StandInState, params: dict[str, Any], message_id: Any, not_found: str
) -> dict[str, Any]:
    source_chat = lookup_chat(state, params, "from_chat_id")
    message = source_chat.messages.get(as_int(message_id, "message_id"))
    if message is None:
        raise ApiError.bad_request(not_found)
    return message


def _copied_content(source: dict[str, Any]) -> dict[str, Any]:
    content = {key: copy.deepcopy(source[key]) for key in _CONTENT_FIELDS if key in source}
    if not content:
        raise ApiError.bad_request("message can't be copied")
    return content


@handler("copyMessage")
def copy_message(state: StandInState, params: dict[str, Any]) -> Any:
    target = writable_chat(state, params)
    source = _source_message(
        state, params, require(params, "message_id", "message identifier is not specified"),
        "message to copy not found",
    )  # fmt: skip
    if source.get("has_protected_content"):
        raise ApiError.bad_request("message has protected content and can't be forwarded")
    content = _copied_content(source)
    if params.get("caption") is not None and any(key in content for key in MEDIA_FIELDS):
        content.pop("caption", None)
        content.pop("caption_entities", None)
        content.update(caption_content(params))
    sent = send(state, params, content, target)
    return {"message_id": sent["message_id"]}


@handler("copyMessages")
def copy_messages(state: StandInState, params: dict[str, Any]) -> Any:
    target = writable_chat(state, params)
    ids = parse_message_ids(params)
    if ids != sorted(set(ids)):
        raise ApiError.bad_request("message identifiers must be in strictly increasing order")
    source_chat = lookup_chat(state, params, "from_chat_id")
    results = []
    for message_id in ids:
        source = source_chat.messages.get(message_id)
        if source is None or source.get("has_protected_content"):
            continue  # Telegram skips messages that can't be found or copied
        try:
            content = _copied_content(source)
        except ApiError:
            continue
        if flag(params, "remove_caption"):
            content.pop("caption", None)
            content.pop("caption_entities", None)
        body = dict(content)
        if flag(params, "protect_content"):
            body["has_protected_content"] = True
        message = state.add_message(target, bot_sender(state), body)
        results.append({"message_id": message["message_id"]})
    return results


@handler("forwardMessage")
def forward_message(state: StandInState, params: dict[str, Any]) -> Any:
    target = writable_chat(state, params)
    source = _source_message(
        state, params, require(params, "message_id", "message identifier is not specified"),
        "message to forward not found",
    )  # fmt: skip
    if source.get("has_protected_content"):
        raise ApiError.bad_request("message has protected content and can't be forwarded")
    content = _copied_content(source)
    content["forward_origin"] = {
        "type": "user",
        "sender_user": copy.deepcopy(source.get("from", {})),
        "date": source["date"],
    }
    if flag(params, "protect_content"):
        content["has_protected_content"] = True
    message = state.add_message(target, bot_sender(state), content)
    return copy.deepcopy(message)
