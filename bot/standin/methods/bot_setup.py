"""Bot-level methods: identity, webhook, commands, menu button, name and descriptions."""

from __future__ import annotations

import copy
import json
from typing import Any

from ..formatting import utf16_len
from ..state import ApiError, StandInState
from .params import as_int, flag, lookup_chat
from .registry import HANDLERS, Handler, handler


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
    if flag(params, "drop_pending_updates"):
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
    connections = as_int(params.get("max_connections", 40), "max_connections")
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
    if flag(params, "drop_pending_updates"):
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
        lookup_chat(state, params).menu_button = button
    else:
        state.default_menu_button = button
    return True


@handler("getChatMenuButton")
def get_chat_menu_button(state: StandInState, params: dict[str, Any]) -> Any:
    if params.get("chat_id") is not None:
        button = lookup_chat(state, params).menu_button
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
