"""Bot API method implementations (everything except the long-polling ``getUpdates``).

Each handler takes the shared :class:`StandInState` and the decoded parameters and returns
the ``result`` Telegram would return, or raises :class:`ApiError` with Telegram's own error
code and wording. The wording matters: bots (and PTB) branch on it, e.g. "message is not
modified" is usually ignored while "bot was blocked by the user" marks a user inactive.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

from .formatting import EntityParseError, parse_formatted, trim_formatted, utf16_len
from .spec import Upload
from .state import DELETE_WINDOW_SECONDS, ApiError, ChatState, StandInState, StoredFile

__all__ = ["HANDLERS", "Handler", "resolve_chat_id"]

Handler = Callable[[StandInState, dict[str, Any]], Any]
HANDLERS: dict[str, Handler] = {}

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)
_BUTTON_ACTIONS = (
    "url", "callback_data", "web_app", "login_url", "switch_inline_query",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
    "callback_game", "pay",
)  # fmt: skip
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
_MEDIA_FIELDS = ("animation", "audio", "document", "photo", "video", "voice")


def handler(name: str) -> Callable[[Handler], Handler]:
    """Register ``func`` as the implementation of Bot API method ``name``."""

    def register(func: Handler) -> Handler:
        HANDLERS[name] = func
        return func

    return register


# ---------------------------------------------------------------- param helpers


def _require(params: dict[str, Any], name: str, message: str | None = None) -> Any:
    value = params.get(name)
    if value is None or value == "":
        raise ApiError.bad_request(message or f'parameter "{name}" is required')
    return value


def _as_int(value: Any, name: str) -> int:
    if isinstance(value, bool):
        raise ApiError.bad_request(f'field "{name}" must be of type Integer')
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ApiError.bad_request(f'field "{name}" must be of type Integer') from None


def _flag(params: dict[str, Any], name: str) -> bool:
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


def _chat(state: StandInState, params: dict[str, Any], key: str = "chat_id") -> ChatState:
    value = params.get(key)
    if value is None or value == "":
        raise ApiError.bad_request(f"{key} is empty")
    chat_id = resolve_chat_id(value)
    chat = state.chats.get(chat_id) if chat_id is not None else None
    if chat is None:
        raise ApiError.bad_request("chat not found")
    return chat


def _writable_chat(state: StandInState, params: dict[str, Any]) -> ChatState:
    """The target chat of a send/edit, with Telegram's 403s for blocked/left chats."""
    chat = _chat(state, params)
    _check_writable(chat)
    return chat


def _check_writable(chat: ChatState) -> None:
    if chat.type == "private" and chat.blocked:
        raise ApiError.forbidden("bot was blocked by the user")
    if chat.type != "private" and not chat.bot_is_member:
        raise ApiError.forbidden(f"bot is not a member of the {chat.type} chat")


def _message(chat: ChatState, params: dict[str, Any], not_found: str) -> dict[str, Any]:
    raw = params.get("message_id")
    if raw is None or raw == "":
        raise ApiError.bad_request("message identifier is not specified")
    message = chat.messages.get(_as_int(raw, "message_id"))
    if message is None:
        raise ApiError.bad_request(not_found)
    return message


def _formatted(
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


def _text_content(params: dict[str, Any]) -> dict[str, Any]:
    text, entities = _formatted(
        params, "text", "entities", limit=MAX_TEXT, too_long="message is too long"
    )
    if not text:
        raise ApiError.bad_request("message text is empty")
    content: dict[str, Any] = {"text": text}
    if entities:
        content["entities"] = entities
    return content


def _caption_content(params: dict[str, Any]) -> dict[str, Any]:
    if params.get("caption") is None:
        return {}
    caption, entities = _formatted(
        params, "caption", "caption_entities", limit=MAX_CAPTION,
        too_long="message caption is too long",
    )  # fmt: skip
    content: dict[str, Any] = {}
    if caption:
        content["caption"] = caption
        if entities:
            content["caption_entities"] = entities
    if _flag(params, "show_caption_above_media"):
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


def _apply_markup(chat: ChatState, message: dict[str, Any], markup: Any) -> None:
    """Inline keyboards live on the message; reply keyboards belong to the chat's input field."""
    if markup is None:
        return
    if "inline_keyboard" in markup:
        message["reply_markup"] = markup
    elif "keyboard" in markup:
        chat.reply_keyboard = markup
    elif markup.get("remove_keyboard"):
        chat.reply_keyboard = None


def _reply_target(chat: ChatState, params: dict[str, Any]) -> dict[str, Any] | None:
    reply = params.get("reply_parameters")
    if isinstance(reply, str):
        try:
            reply = json.loads(reply)
        except ValueError:
            raise ApiError.bad_request("can't parse reply parameters JSON object") from None
    if reply is None and params.get("reply_to_message_id") is not None:
        reply = {
            "message_id": params["reply_to_message_id"],
            "allow_sending_without_reply": _flag(params, "allow_sending_without_reply"),
        }
    if reply is None:
        return None
    if not isinstance(reply, dict) or "message_id" not in reply:
        raise ApiError.bad_request("can't parse reply parameters JSON object")
    target = chat.messages.get(_as_int(reply["message_id"], "message_id"))
    if target is None:
        if _flag(reply, "allow_sending_without_reply"):
            return None
        raise ApiError.bad_request("message to be replied not found")
    snapshot = copy.deepcopy(target)
    snapshot.pop("reply_to_message", None)
    return snapshot


def _send(
    state: StandInState,
    params: dict[str, Any],
    content: dict[str, Any],
    chat: ChatState | None = None,
) -> dict[str, Any]:
    """Common tail of every send*: reply, markup, protection, storage."""
    chat = chat or _writable_chat(state, params)
    markup = parse_reply_markup(params.get("reply_markup"))
    reply_to = _reply_target(chat, params)
    body = dict(content)
    if reply_to is not None:
        body["reply_to_message"] = reply_to
    if _flag(params, "protect_content"):
        body["has_protected_content"] = True
    message = state.add_message(chat, bot_sender(state), body)
    _apply_markup(chat, message, markup)
    return copy.deepcopy(message)


def bot_sender(state: StandInState) -> dict[str, Any]:
    """The ``from`` of bot messages (the short User form, not getMe's extra flags)."""
    bot = state.bot_user
    return {
        "id": bot["id"],
        "is_bot": True,
        "first_name": bot["first_name"],
        "username": bot["username"],
    }


def _input_file(
    state: StandInState, params: dict[str, Any], key: str, kind: str, extension: str
) -> tuple[StoredFile, Upload | None]:
    value = params.get(key)
    if isinstance(value, str) and value.startswith("attach://"):
        value = params.get(value[len("attach://") :])
    if isinstance(value, Upload):
        stored = state.register_file(kind, extension, value.data)
        return stored, value
    if value is None or value == "":
        raise ApiError.bad_request(f'parameter "{key}" is required')
    return state.file_for(str(value), kind, extension), None


# ------------------------------------------------------------------- bot-level


@handler("getMe")
def get_me(state: StandInState, params: dict[str, Any]) -> Any:
    return dict(state.bot_user)


@handler("logOut")
def log_out(state: StandInState, params: dict[str, Any]) -> Any:
    return True


@handler("close")
def close(state: StandInState, params: dict[str, Any]) -> Any:
    return True


@handler("deleteWebhook")
def delete_webhook(state: StandInState, params: dict[str, Any]) -> Any:
    state.webhook_url = ""
    state.webhook_secret = ""
    if _flag(params, "drop_pending_updates"):
        state.updates.drop_pending()
    return True


@handler("setWebhook")
def set_webhook(state: StandInState, params: dict[str, Any]) -> Any:
    url = str(params.get("url") or "")
    secret = str(params.get("secret_token") or "")
    if url and not url.startswith(("https://", "http://")):
        raise ApiError.bad_request("bad webhook: an HTTPS URL must be provided for webhook")
    if secret and not (len(secret) <= 256 and all(c.isalnum() or c in "_-" for c in secret)):
        raise ApiError.bad_request("bad webhook: secret token contains unallowed characters")
    connections = _as_int(params.get("max_connections", 40), "max_connections")
    if not 1 <= connections <= 100:
        raise ApiError.bad_request("bad webhook: max_connections must be from 1 to 100")
    state.webhook_url = url
    state.webhook_secret = secret
    state.webhook_connections = connections
    if url:
        allowed = params.get("allowed_updates")
        if isinstance(allowed, str):
            allowed = json.loads(allowed)
        if isinstance(allowed, list):
            state.updates.set_allowed(str(kind) for kind in allowed)
    if _flag(params, "drop_pending_updates"):
        state.updates.drop_pending()
    return True


@handler("getWebhookInfo")
def get_webhook_info(state: StandInState, params: dict[str, Any]) -> Any:
    return {
        "url": state.webhook_url,
        "has_custom_certificate": False,
        "pending_update_count": len(state.updates.pending),
    }


def _scope_key(params: dict[str, Any]) -> tuple[str, str]:
    scope = params.get("scope") or {"type": "default"}
    if isinstance(scope, str):
        try:
            scope = json.loads(scope)
        except ValueError:
            raise ApiError.bad_request("can't parse BotCommandScope JSON object") from None
    return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")


@handler("setMyCommands")
def set_my_commands(state: StandInState, params: dict[str, Any]) -> Any:
    commands = params.get("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise ApiError.bad_request("can't parse commands JSON object")
    cleaned = []
    for command in commands:
        if not isinstance(command, dict):
            raise ApiError.bad_request("can't parse BotCommand JSON object")
        name = str(command.get("command", "")).lstrip("/")
        description = str(command.get("description", ""))
        if not (1 <= len(name) <= 32) or not all(
            c.isascii() and (c.isalnum() or c == "_") for c in name
        ):
            raise ApiError.bad_request("BOT_COMMAND_INVALID")
        if not (1 <= len(description.strip()) <= 256):
            raise ApiError.bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        cleaned.append({"command": name.lower(), "description": description})
    state.commands[_scope_key(params)] = cleaned
    return True


@handler("getMyCommands")
def get_my_commands(state: StandInState, params: dict[str, Any]) -> Any:
    return copy.deepcopy(state.commands.get(_scope_key(params), []))


@handler("deleteMyCommands")
def delete_my_commands(state: StandInState, params: dict[str, Any]) -> Any:
    state.commands.pop(_scope_key(params), None)
    return True


@handler("setChatMenuButton")
def set_chat_menu_button(state: StandInState, params: dict[str, Any]) -> Any:
    button = params.get("menu_button") or {"type": "default"}
    if params.get("chat_id") is not None:
        _chat(state, params).menu_button = button
    else:
        state.default_menu_button = button
    return True


@handler("getChatMenuButton")
def get_chat_menu_button(state: StandInState, params: dict[str, Any]) -> Any:
    if params.get("chat_id") is not None:
        button = _chat(state, params).menu_button
        if button is not None:
            return button
    return state.default_menu_button or {"type": "commands"}


def _text_setting(kind: str, limit: int) -> tuple[Handler, Handler]:
    """Handlers for set/getMy{Description,ShortDescription,Name} (stored per language)."""

    def setter(state: StandInState, params: dict[str, Any]) -> Any:
        value = str(params.get(kind) or "")
        if utf16_len(value) > limit:
            raise ApiError.bad_request(f"{kind.replace('_', ' ')} is too long")
        state.descriptions[(kind, str(params.get("language_code") or ""))] = value
        return True

    def getter(state: StandInState, params: dict[str, Any]) -> Any:
        key = (kind, str(params.get("language_code") or ""))
        return {kind: state.descriptions.get(key, "")}

    return setter, getter


for _name, _kind, _limit in (
    ("MyDescription", "description", 512),
    ("MyShortDescription", "short_description", 120),
    ("MyName", "name", 64),
):
    HANDLERS[f"set{_name}"], HANDLERS[f"get{_name}"] = _text_setting(_kind, _limit)


# -------------------------------------------------------------------- sending


@handler("sendMessage")
def send_message(state: StandInState, params: dict[str, Any]) -> Any:
    chat = _writable_chat(state, params)
    return _send(state, params, _text_content(params), chat)


@handler("sendSticker")
def send_sticker(state: StandInState, params: dict[str, Any]) -> Any:
    chat = _writable_chat(state, params)
    stored, _ = _input_file(state, params, "sticker", "sticker", "webp")
    sticker = (
        copy.deepcopy(stored.media)
        if stored.media
        else {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "file_size": len(stored.data),
        }
    )
    if params.get("emoji"):
        sticker["emoji"] = str(params["emoji"])
    return _send(state, params, {"sticker": sticker}, chat)


def photo_sizes(stored: StoredFile) -> list[dict[str, Any]]:
    """Two PhotoSize entries like Telegram's thumbnail + full size; the largest is last."""
    return [
        {
            "file_id": f"{stored.file_id}-thumb",
            "file_unique_id": f"{stored.file_unique_id}t",
            "width": 90,
            "height": 68,
            "file_size": 1_024,
        },
        {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "width": 1280,
            "height": 960,
            "file_size": len(stored.data),
        },
    ]


@handler("sendPhoto")
def send_photo(state: StandInState, params: dict[str, Any]) -> Any:
    chat = _writable_chat(state, params)
    stored, _ = _input_file(state, params, "photo", "photo", "jpg")
    content: dict[str, Any] = {"photo": photo_sizes(stored), **_caption_content(params)}
    if _flag(params, "has_spoiler"):
        content["has_media_spoiler"] = True
    return _send(state, params, content, chat)


@handler("sendDocument")
def send_document(state: StandInState, params: dict[str, Any]) -> Any:
    chat = _writable_chat(state, params)
    stored, upload = _input_file(state, params, "document", "document", "bin")
    document: dict[str, Any] = (
        copy.deepcopy(stored.media)
        if stored.media
        else {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id}
    )
    if upload is not None:
        document["file_name"] = upload.filename
        document["mime_type"] = upload.content_type
    document.setdefault("file_size", len(stored.data))
    content = {"document": document, **_caption_content(params)}
    return _send(state, params, content, chat)


@handler("sendChatAction")
def send_chat_action(state: StandInState, params: dict[str, Any]) -> Any:
    _writable_chat(state, params)
    if params.get("action") not in _CHAT_ACTIONS:
        raise ApiError.bad_request("wrong parameter action in request")
    return True


def _source_message(
    state: StandInState, params: dict[str, Any], message_id: Any, not_found: str
) -> dict[str, Any]:
    source_chat = _chat(state, params, "from_chat_id")
    message = source_chat.messages.get(_as_int(message_id, "message_id"))
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
    target = _writable_chat(state, params)
    source = _source_message(
        state, params, _require(params, "message_id", "message identifier is not specified"),
        "message to copy not found",
    )  # fmt: skip
    if source.get("has_protected_content"):
        raise ApiError.bad_request("message has protected content and can't be forwarded")
    content = _copied_content(source)
    if params.get("caption") is not None and any(key in content for key in _MEDIA_FIELDS):
        content.pop("caption", None)
        content.pop("caption_entities", None)
        content.update(_caption_content(params))
    sent = _send(state, params, content, target)
    return {"message_id": sent["message_id"]}


@handler("copyMessages")
def copy_messages(state: StandInState, params: dict[str, Any]) -> Any:
    target = _writable_chat(state, params)
    ids = _message_ids(params)
    if ids != sorted(set(ids)):
        raise ApiError.bad_request("message identifiers must be in strictly increasing order")
    source_chat = _chat(state, params, "from_chat_id")
    results = []
    for message_id in ids:
        source = source_chat.messages.get(message_id)
        if source is None or source.get("has_protected_content"):
            continue  # Telegram skips messages that can't be found or copied
        try:
            content = _copied_content(source)
        except ApiError:
            continue
        if _flag(params, "remove_caption"):
            content.pop("caption", None)
            content.pop("caption_entities", None)
        body = dict(content)
        if _flag(params, "protect_content"):
            body["has_protected_content"] = True
        message = state.add_message(target, bot_sender(state), body)
        results.append({"message_id": message["message_id"]})
    return results


@handler("forwardMessage")
def forward_message(state: StandInState, params: dict[str, Any]) -> Any:
    target = _writable_chat(state, params)
    source = _source_message(
        state, params, _require(params, "message_id", "message identifier is not specified"),
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
    if _flag(params, "protect_content"):
        content["has_protected_content"] = True
    message = state.add_message(target, bot_sender(state), content)
    return copy.deepcopy(message)


# -------------------------------------------------------------------- editing


def _editable(state: StandInState, params: dict[str, Any]) -> tuple[ChatState, dict[str, Any]]:
    if params.get("inline_message_id") is not None:
        raise ApiError.bad_request("MESSAGE_ID_INVALID")
    chat = _writable_chat(state, params)
    message = _message(chat, params, "message to edit not found")
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
    content = _text_content(params)
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
    if not any(key in message for key in _MEDIA_FIELDS):
        raise ApiError.bad_request("there is no caption in the message to edit")
    caption = _caption_content(params)
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
    chat = _chat(state, params)
    message = _message(chat, params, "message to delete not found")
    if state.now() - int(message["date"]) >= DELETE_WINDOW_SECONDS:
        raise ApiError.bad_request("message can't be deleted for everyone")
    if not _deletable(state, chat, message):
        raise ApiError.bad_request("message can't be deleted")
    del chat.messages[message["message_id"]]
    return True


def _message_ids(params: dict[str, Any]) -> list[int]:
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
    return [_as_int(value, "message_ids") for value in ids]


@handler("deleteMessages")
def delete_messages(state: StandInState, params: dict[str, Any]) -> Any:
    chat = _chat(state, params)
    for message_id in _message_ids(params):
        message = chat.messages.get(message_id)
        if message is not None and _deletable(state, chat, message):
            del chat.messages[message_id]
    return True


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
    chat = _chat(state, params)
    if chat.type == "private":
        raise ApiError.bad_request("chat member status can't be changed in private chats")
    _check_writable(chat)
    chat.bot_is_member = False
    state.left_chats.add(chat.id)
    state.chat_member_update(chat, bot_sender(state), "member", "left")
    return True


@handler("getChat")
def get_chat(state: StandInState, params: dict[str, Any]) -> Any:
    chat = _chat(state, params)
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


@handler("getFile")
def get_file(state: StandInState, params: dict[str, Any]) -> Any:
    stored = state.files.get(str(params.get("file_id") or ""))
    if stored is None:
        raise ApiError.bad_request("invalid file_id")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.data),
        "file_path": stored.file_path,
    }
