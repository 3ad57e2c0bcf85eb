"""What every send and edit shares: formatted text and captions, reply markup, replies,
and the common tail that stores a bot message."""

from __future__ import annotations

import copy
import json
from typing import Any

from ..formatting import EntityParseError, parse_formatted, trim_formatted, utf16_len
from ..state import ApiError, ChatState, StandInState
from .params import as_int, bot_sender, flag, writable_chat

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
_BUTTON_ACTIONS = (
    "url", "callback_data", "web_app", "login_url", "switch_inline_query",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
    "callback_game", "pay",
)  # fmt: skip
MEDIA_FIELDS = ("animation", "audio", "document", "photo", "video", "voice")


def formatted(
    params: dict[str, Any],
    text_key: str,
    entities_key: str,
    *,
    limit: int,
    too_long: str,
) -> tuple[str, list[dict[str, Any]]]:
    """Parse text/caption like Telegram: explicit entities win over parse_mode, then trim."""
    raw = params.get(text_key)
    text = "" if raw is None else raw if isinstance(raw, str) else json.dumps(raw)
    entities = params.get(entities_key)
    if entities:
        if not isinstance(entities, list) or not all(isinstance(e, dict) for e in entities):
            raise ApiError.bad_request("can't parse entities JSON object")
        parsed_entities = [dict(e) for e in entities]
    else:
        mode = params.get("parse_mode")
        if mode and str(mode).lower() not in {"html", "markdown", "markdownv2"}:
            raise ApiError.bad_request(f"unsupported parse_mode {mode}")
        try:
            text, parsed_entities = parse_formatted(text, mode)
        except EntityParseError as exc:
            raise ApiError.bad_request(f"can't parse entities: {exc}") from None
    text, parsed_entities = trim_formatted(text, parsed_entities)
    if utf16_len(text) > limit:
        raise ApiError.bad_request(too_long)
    return text, parsed_entities


def text_content(params: dict[str, Any]) -> dict[str, Any]:
    text, entities = formatted(
        params, "text", "entities", limit=MAX_TEXT, too_long="message is too long"
    )
    if not text:
        raise ApiError.bad_request("message text is empty")
    content: dict[str, Any] = {"text": text}
    if entities:
        content["entities"] = entities
    return content


def caption_content(params: dict[str, Any]) -> dict[str, Any]:
    if params.get("caption") is None:
        return {}
    caption, entities = formatted(
        params, "caption", "caption_entities", limit=MAX_CAPTION,
        too_long="message caption is too long",
    )  # fmt: skip
    content: dict[str, Any] = {}
    if caption:
        content["caption"] = caption
        if entities:
            content["caption_entities"] = entities
    if flag(params, "show_caption_above_media"):
        content["show_caption_above_media"] = True
    return content


def parse_reply_markup(value: Any) -> dict[str, Any] | None:
    """Validate ``reply_markup`` as Telegram does; returns the markup or ``None`` if empty."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise ApiError.bad_request("can't parse reply keyboard markup JSON object") from None
    if not isinstance(value, dict):
        raise ApiError.bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in value:
        rows = value["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise ApiError.bad_request('field "inline_keyboard" must be an Array of Arrays')
        for row in rows:
            for button in row:
                _check_inline_button(button)
        if not any(rows):
            return None
        return {"inline_keyboard": copy.deepcopy(rows)}
    if any(key in value for key in ("keyboard", "remove_keyboard", "force_reply")):
        return copy.deepcopy(value)
    raise ApiError.bad_request("can't parse reply keyboard markup JSON object")


def _check_inline_button(button: Any) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise ApiError.bad_request(
            'can\'t parse inline keyboard button: Field "text" must be of type String'
        )
    actions = [key for key in _BUTTON_ACTIONS if key in button]
    if not actions:
        raise ApiError.bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    data = button.get("callback_data")
    if data is not None and (
        not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA
    ):
        raise ApiError.bad_request("BUTTON_DATA_INVALID")
    url = button.get("url")
    if url is not None and (not isinstance(url, str) or not url.strip() or " " in url.strip()):
        raise ApiError.bad_request("BUTTON_URL_INVALID")


def apply_markup(chat: ChatState, message: dict[str, Any], markup: Any) -> None:
    """Inline keyboards live on the message; reply keyboards belong to the chat's input field."""
    if markup is None:
        return
    if "inline_keyboard" in markup:
        message["reply_markup"] = markup
    elif "keyboard" in markup:
        chat.reply_keyboard = markup
    elif markup.get("remove_keyboard"):
        chat.reply_keyboard = None


def reply_target(chat: ChatState, params: dict[str, Any]) -> dict[str, Any] | None:
    reply = params.get("reply_parameters")
    if isinstance(reply, str):
        try:
            reply = json.loads(reply)
        except ValueError:
            raise ApiError.bad_request("can't parse reply parameters JSON object") from None
    if reply is None and params.get("reply_to_message_id") is not None:
        reply = {
            "message_id": params["reply_to_message_id"],
            "allow_sending_without_reply": flag(params, "allow_sending_without_reply"),
        }
    if reply is None:
        return None
    if not isinstance(reply, dict) or "message_id" not in reply:
        raise ApiError.bad_request("can't parse reply parameters JSON object")
    target = chat.messages.get(as_int(reply["message_id"], "message_id"))
    if target is None:
        if flag(reply, "allow_sending_without_reply"):
            return None
        raise ApiError.bad_request("message to be replied not found")
    snapshot = copy.deepcopy(target)
    snapshot.pop("reply_to_message", None)
    return snapshot


def send(
    state: StandInState,
    params: dict[str, Any],
    content: dict[str, Any],
    chat: ChatState | None = None,
) -> dict[str, Any]:
    """Common tail of every send*: reply, markup, protection, storage."""
    chat = chat or writable_chat(state, params)
    markup = parse_reply_markup(params.get("reply_markup"))
    reply_to = reply_target(chat, params)
    body = dict(content)
    if reply_to is not None:
        body["reply_to_message"] = reply_to
    if flag(params, "protect_content"):
        body["has_protected_content"] = True
    message = state.add_message(chat, bot_sender(state), body)
    apply_markup(chat, message, markup)
    return copy.deepcopy(message)
