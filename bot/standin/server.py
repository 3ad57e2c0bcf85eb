"""HTTP front of the stand-in: a local Bot API server that python-telegram-bot talks to.

PTB is pointed at it with ``base_url`` and then behaves exactly as in production: same
requests, same error handling, same polling loop. The server records every call, checks it
against api.json, can inject failures (429, 403, ...) and lets tests wait for events with
asyncio primitives instead of sleeps, so end-to-end tests are fast and deterministic.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
import logging
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from .calls import ApiCall, CallLog
from .faults import FaultInjection
from .methods import HANDLERS, bot_sender, resolve_chat_id
from .polling import LongPolling
from .spec import (
    ApiSpec,
    MethodSpec,
    Upload,
    decode_untyped,
    load_spec,
    matches_type,
    missing_parameter_message,
)
from .state import ApiError, StandInState
from .users import SimUser
from .webhook import WebhookDeliverer

__all__ = ["ApiCall", "BotAPIStandIn"]

_LOGGER = logging.getLogger(__name__)


class BotAPIStandIn(CallLog, FaultInjection, LongPolling):
    """A deterministic local Telegram Bot API server for tests, playground and benchmarks.

    The HTTP front lives here; the call log (:mod:`.calls`), failure and delay injection
    (:mod:`.faults`) and the ``getUpdates`` long poll (:mod:`.polling`) are mixins.
    """

    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",
        *,
        bot_username: str = "support_test_bot",
        bot_first_name: str = "Support",
        api_spec: Path | str | None = None,
        latency: float = 0.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.token = token
        self.latency = latency
        bot_id_text = token.split(":", 1)[0]
        bot_id = int(bot_id_text) if bot_id_text.isdigit() else 123456
        bot_user = {
            "id": bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.state = StandInState(bot_user=bot_user, clock=clock)
        self.spec: ApiSpec | None = ApiSpec.from_path(api_spec)
        self.spec_violations: list[str] = []
        self.internal_errors: list[str] = []
        self._init_calls()
        self._init_faults()
        self._users: dict[int, SimUser] = {}
        self._user_ids = itertools.count(5_000_000_001)
        self._init_polling()
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self.webhook = WebhookDeliverer(self.state)  # delivers after setWebhook

    # ----------------------------------------------------------------- lifecycle

    @staticmethod
    def load_spec(path: Path | str | None) -> dict[str, Any] | None:
        """Read api.json (``None`` when no path is given or the file is missing)."""
        return load_spec(path)

    @property
    def clock(self) -> Callable[[], float]:
        return self.state.clock

    @clock.setter
    def clock(self, value: Callable[[], float]) -> None:
        self.state.clock = value

    @property
    def bot_user(self) -> dict[str, Any]:
        return dict(self.state.bot_user)

    @property
    def left_chats(self) -> set[int]:
        return self.state.left_chats

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the stand-in is not started")
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    async def start(self) -> None:
        """Listen on 127.0.0.1 on a free port (read it from :attr:`base_url`)."""
        if self._runner is not None:
            raise RuntimeError("the stand-in is already started")
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_route("GET", "/file/bot{token}/{path:.+}", self._handle_file)
        # handler_cancellation: a long poll abandoned by the client (PTB cancels it on stop)
        # must not linger as a phantom getUpdates and 409 the next one.
        runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0
        )
        await runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        site = web.SockSite(runner, sock)
        await site.start()
        self._port = sock.getsockname()[1]
        self._runner = runner
        self._stopping = False

    async def stop(self) -> None:
        """Stop serving; pending long polls return ``[]`` right away."""
        self._stopping = True
        await self.webhook.stop()
        if self._poll is not None:
            self._poll.stopped = True
            self._poll.event.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> BotAPIStandIn:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    # ---------------------------------------------------------------- test hooks

    def user(
        self,
        user_id: int | None = None,
        *,
        first_name: str = "Sam",
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
    ) -> SimUser:
        """A simulated user; the same id always returns the same object."""
        if user_id is not None and user_id in self._users:
            return self._users[user_id]
        if user_id is None:
            user_id = next(self._user_ids)
            while user_id in self._users:
                user_id = next(self._user_ids)
        sim = SimUser(
            self,
            user_id,
            first_name=first_name,
            last_name=last_name,
            username=username,
            language_code=language_code,
        )
        self._users[user_id] = sim
        return sim

    def add_to_group(
        self,
        user: SimUser,
        group_id: int = -100123,
        title: str = "Some group",
        *,
        chat_type: str = "group",
    ) -> None:
        """``user`` adds the bot to a group: queues a ``my_chat_member`` (left -> member)."""
        chat = self.state.group_chat(group_id, title, chat_type)
        self.state.chat_member_update(chat, user.as_dict(), "left", "member")

    def redeliver(self, update: dict[str, Any]) -> None:
        """Queue an update again with its own id, as Telegram does when the bot stopped before
        confirming it (its next getUpdates offset never arrived)."""
        self.state.updates.requeue(copy.deepcopy(update))

    def take_pending(self) -> list[dict[str, Any]]:
        """Remove and return the queued updates, as if the bot had fetched and confirmed them
        (a test then plays the part of a bot that crashed right after)."""
        taken = list(self.state.updates.pending)
        if taken:
            self.state.updates.confirm(taken[-1]["update_id"] + 1)
        return taken

    def chat_history(self, chat_id: int) -> list[dict[str, Any]]:
        """Visible messages of a chat in order (deletions removed, edits applied), copied."""
        return self.state.history(chat_id)

    @property
    def callback_answers(self) -> dict[str, dict[str, Any]]:
        """answerCallbackQuery parameters by callback query id."""
        return self.state.callback_answers

    # ------------------------------------------------------------------- HTTP

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return _json_response(ApiError(401, "Unauthorized").payload(), 401)
        stored = self.state.files_by_path.get(request.match_info["path"])
        if stored is not None:
            return web.Response(body=stored.data, content_type="application/octet-stream")
        return _json_response(ApiError(404, "Not Found").payload(), 404)

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        received_at = time.monotonic()
        requested = request.match_info["method"]
        if self.latency > 0:
            await asyncio.sleep(self.latency)
        try:
            raw = await _read_raw_params(request)
        except ApiError as exc:
            return self._finish(requested, {}, exc, None, received_at)
        if request.match_info["token"] != self.token:
            return self._finish(requested, raw, ApiError(401, "Unauthorized"), None, received_at)

        method_spec = self.spec.resolve(requested) if self.spec else None
        if self.spec is not None:
            params = self.spec.decode(method_spec, raw)
        else:
            params = {
                key: decode_untyped(key, value) if isinstance(value, str) else value
                for key, value in raw.items()
            }
        name = method_spec.name if method_spec else _canonical_handler_name(requested)
        chat_id = self._chat_of(name or requested, params)

        missing: list[str] = []
        if self.spec is not None:
            violations, missing = self.spec.check(requested, params)
            self.spec_violations.extend(violations)
        try:
            if name is None:
                raise ApiError(404, "Not Found")
            if missing:
                raise ApiError.bad_request(missing_parameter_message(missing[0]))
            self._maybe_fail(name, chat_id)
            delay = self._take_delay(name, chat_id)
            if delay is not None and not delay.after_accepting:
                await delay.wait()
            result = await self._dispatch(name, params, method_spec)
            if delay is not None and delay.after_accepting:
                await delay.wait()
        except ApiError as exc:
            return self._finish(name or requested, params, exc, chat_id, received_at)
        except Exception as exc:
            # A bug in the stand-in, not in the bot: answer like Telegram's rare 500s, but
            # keep it visible to tests through ``internal_errors``.
            _LOGGER.exception("stand-in failed to handle %s", requested)
            self.internal_errors.append(f"{requested}: {exc!r}")
            error = ApiError(500, "Internal Server Error")
            return self._finish(name or requested, params, error, chat_id, received_at)
        return self._finish(name, params, result, chat_id, received_at)

    async def _dispatch(
        self, name: str, params: dict[str, Any], method_spec: MethodSpec | None
    ) -> Any:
        if name == "getUpdates":
            return await self._get_updates(params)
        handler = HANDLERS.get(name)
        if handler is not None:
            result = handler(self.state, params)
            if name in {"setWebhook", "deleteWebhook"}:
                self.webhook.sync()
            elif name == "getWebhookInfo":
                result = {**result, **self.webhook.info()}
            if method_spec is not None and method_spec.returns:
                self._check_result_type(method_spec, result)
            return result
        if method_spec is not None and tuple(method_spec.returns) == ("Boolean",):
            # A real setter we do not model (setMessageReaction, pinChatMessage, ...):
            # answer like Telegram would; the call is still recorded for assertions.
            return True
        raise ApiError.bad_request(f"method {name} is not supported by the stand-in")

    def _check_result_type(self, method_spec: MethodSpec, result: Any) -> None:
        """Guard the stand-in itself: a reply must have the method's documented type."""
        if not any(matches_type(result, t) for t in method_spec.returns):
            self.internal_errors.append(
                f"{method_spec.name}: result {type(result).__name__} does not match "
                f"{' or '.join(method_spec.returns)}"
            )

    def _finish(
        self,
        method: str,
        params: dict[str, Any],
        outcome: Any,
        chat_id: int | None,
        received_at: float,
    ) -> web.Response:
        if isinstance(outcome, ApiError):
            payload = outcome.payload()
            status = outcome.code
            call = ApiCall(
                method, params, False, outcome.code, None, received_at, chat_id,
                outcome.description,
            )  # fmt: skip
        else:
            payload = {"ok": True, "result": outcome}
            status = 200
            call = ApiCall(method, params, True, None, copy.deepcopy(outcome), received_at, chat_id)
        body = json.dumps(payload, ensure_ascii=False)
        self._record(call)
        return web.Response(text=body, status=status, content_type="application/json")

    def _chat_of(self, method: str, params: dict[str, Any]) -> int | None:
        if method == "answerCallbackQuery":
            query = self.state.callback_queries.get(str(params.get("callback_query_id")))
            return query["chat_id"] if query else None
        return resolve_chat_id(params.get("chat_id"))

    # --------------------------------------------------------------- conveniences

    def bot_sender(self) -> dict[str, Any]:
        """The ``from`` object of messages the bot sends."""
        return bot_sender(self.state)


_HANDLERS_LOWER = {name.lower(): name for name in (*HANDLERS, "getUpdates")}


def _canonical_handler_name(requested: str) -> str | None:
    return _HANDLERS_LOWER.get(requested.lower())


async def _read_raw_params(request: web.Request) -> dict[str, Any]:
    """Query string plus body (form, multipart or JSON), values as the transport gave them."""
    params: dict[str, Any] = dict(request.query)
    if not request.can_read_body:
        return params
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise ApiError.bad_request("can't parse JSON encoded request body") from None
        if not isinstance(body, dict):
            raise ApiError.bad_request("JSON request body must be an object")
        params.update(body)
        return params
    form = await request.post()
    for key, value in form.items():
        if isinstance(value, web.FileField):
            params[key] = Upload(
                filename=value.filename,
                content_type=value.content_type,
                data=value.file.read(),
            )
        else:
            params[key] = value if isinstance(value, str) else bytes(value).decode()
    return params


def _json_response(payload: dict[str, Any], status: int) -> web.Response:
    return web.Response(
        text=json.dumps(payload, ensure_ascii=False), status=status, content_type="application/json"
    )
