"""HTTP front of the stand-in: a local Bot API server that python-telegram-bot talks to.

PTB is pointed at it with ``base_url`` and then behaves exactly as in production: same
requests, same error handling, same polling loop. The server records every call, checks it
against api.json, can inject failures (429, 403, ...) and lets tests wait for events with
asyncio primitives instead of sleeps, so end-to-end tests are fast and deterministic.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import json
import logging
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from aiohttp import web

from .methods import HANDLERS, bot_sender, resolve_chat_id
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
_CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance "
    "is running"
)
_WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to "
    "delete the webhook first"
)


@dataclass
class ApiCall:
    """One answered Bot API request, as recorded for assertions."""

    method: str
    params: dict[str, Any]
    ok: bool
    error_code: int | None
    result: Any
    received_at: float
    chat_id: int | None
    description: str | None = None


@dataclass
class _FailRule:
    method: str  # lower-case
    error_code: int
    description: str
    retry_after: int | None
    chat_id: int | None
    remaining: int


@dataclass
class _DelayRule:
    method: str  # lower-case
    seconds: float
    chat_id: int | None
    remaining: int
    after_accepting: bool
    started: asyncio.Event | None = None
    release: asyncio.Event | None = None

    async def wait(self) -> None:
        if self.started is not None:
            self.started.set()
        if self.release is not None:
            await self.release.wait()
        else:
            await asyncio.sleep(self.seconds)


_Rule = TypeVar("_Rule", _FailRule, _DelayRule)


def _take_rule(rules: list[_Rule], method: str, chat_id: int | None) -> _Rule | None:
    """The first rule for this call (method, and chat if the rule names one), used up once."""
    lowered = method.lower()
    for rule in rules:
        if rule.method == lowered and (rule.chat_id is None or rule.chat_id == chat_id):
            rule.remaining -= 1
            if rule.remaining <= 0:
                rules.remove(rule)
            return rule
    return None


@dataclass
class _Poll:
    """A getUpdates request in progress; flags say why it was woken."""

    event: asyncio.Event = field(default_factory=asyncio.Event)
    terminated: bool = False
    stopped: bool = False


class BotAPIStandIn:
    """A deterministic local Telegram Bot API server for tests, playground and benchmarks."""

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
        self.calls: list[ApiCall] = []
        self.on_call: list[Callable[[ApiCall], None]] = []
        self._calls_by_method: dict[str, list[ApiCall]] = {}
        self._call_waiters: list[tuple[Callable[[ApiCall], bool], asyncio.Future[ApiCall]]] = []
        self._fail_rules: list[_FailRule] = []
        self._delay_rules: list[_DelayRule] = []
        self._users: dict[int, SimUser] = {}
        self._user_ids = itertools.count(5_000_000_001)
        self._poll: _Poll | None = None
        self._poll_parked = asyncio.Event()
        self._poll_unparked = asyncio.Event()
        self._stopping = False
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

    def delivered_updates(self) -> list[dict[str, Any]]:
        """Every update a getUpdates call has returned so far, in order."""
        return [u for call in self.calls_to("getUpdates") if call.ok for u in call.result or []]

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

    def text_sent(self, call: ApiCall) -> str | None:
        """The text a successful `sendMessage` or `copyMessage` put in its chat (a copy's
        params name only the source message, so this reads the copy itself), else None."""
        if not call.ok or call.chat_id is None or not isinstance(call.result, dict):
            return None
        if call.method == "sendMessage":
            return call.result.get("text")
        if call.method != "copyMessage":
            return None
        chat = self.state.chats.get(call.chat_id)
        message = chat.messages.get(call.result.get("message_id")) if chat is not None else None
        return None if message is None else message.get("text")

    def calls_to(self, method: str) -> list[ApiCall]:
        return list(self._calls_by_method.get(method.lower(), ()))

    def fail_next(
        self,
        method: str,
        *,
        error_code: int,
        description: str,
        retry_after: int | None = None,
        chat_id: int | None = None,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` calls of ``method`` (optionally to ``chat_id``) fail."""
        if error_code == 429 and retry_after is None:
            retry_after = 1
        self._fail_rules.append(
            _FailRule(method.lower(), error_code, description, retry_after, chat_id, times)
        )

    def delay_next(
        self,
        method: str,
        seconds: float,
        *,
        chat_id: int | None = None,
        times: int = 1,
        after_accepting: bool = False,
        started: asyncio.Event | None = None,
        release: asyncio.Event | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` (optionally to ``chat_id``) answer only
        after ``seconds`` (``latency`` delays every call alike; a timeout needs one slow call).

        ``after_accepting``: the call takes effect first (a message is stored), then the answer
        is late: Telegram accepted it, but the bot may have stopped waiting.
        ``started`` is set when a delayed call arrives; with ``release``, the call waits for
        that event instead of ``seconds``: a test can act while the bot waits, by protocol.
        """
        self._delay_rules.append(
            _DelayRule(method.lower(), seconds, chat_id, times, after_accepting, started, release)
        )

    def unused_rules(self) -> list[str]:
        """`fail_next` and `delay_next` rules no call has met yet: a test that arranges a
        failure the bot never runs into tests nothing, and should say so."""
        return [f"fail_next({r.method}, chat_id={r.chat_id})" for r in self._fail_rules] + [
            f"delay_next({r.method}, chat_id={r.chat_id})" for r in self._delay_rules
        ]

    async def wait_delivered(self, timeout: float | None = 10.0) -> None:  # noqa: ASYNC109 - public API
        """Return once the bot confirmed (via getUpdates offset) every update queued so far."""
        await self.state.updates.wait_delivered(timeout)

    async def wait_for(
        self,
        predicate: Callable[[ApiCall], bool],
        timeout: float = 10,  # noqa: ASYNC109 - public API takes a plain timeout
    ) -> ApiCall:
        """The first call, past or future, matching ``predicate``; TimeoutError otherwise."""
        for call in self.calls:
            if predicate(call):
                return call
        future: asyncio.Future[ApiCall] = asyncio.get_running_loop().create_future()
        entry = (predicate, future)
        self._call_waiters.append(entry)
        try:
            async with asyncio.timeout(timeout):
                return await future
        finally:
            if entry in self._call_waiters:
                self._call_waiters.remove(entry)

    async def wait_polling(self, timeout: float = 10) -> None:  # noqa: ASYNC109 - public API
        """Return once a long-polling getUpdates is parked waiting for updates.

        Lets tests provoke "update arrives during a long poll" deterministically.
        """
        async with asyncio.timeout(timeout):
            await self._poll_parked.wait()

    async def wait_not_polling(self, timeout: float = 10) -> None:  # noqa: ASYNC109 - public API
        """Return once no long poll is waiting (the bot stopped, or is handling a batch)."""
        if not self._poll_parked.is_set():
            return
        async with asyncio.timeout(timeout):
            await self._poll_unparked.wait()

    @property
    def polling(self) -> bool:
        """Whether a getUpdates long poll is currently waiting."""
        return self._poll_parked.is_set()

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

    def _record(self, call: ApiCall) -> None:
        self.calls.append(call)
        self._calls_by_method.setdefault(call.method.lower(), []).append(call)
        if self._call_waiters:
            for predicate, future in list(self._call_waiters):
                if future.done():
                    continue
                try:
                    matched = predicate(call)
                except Exception as exc:  # surface the test's bug in its wait_for
                    future.set_exception(exc)
                    continue
                if matched:
                    future.set_result(call)
        for observer in list(self.on_call):
            try:
                observer(call)
            except Exception:
                _LOGGER.exception("stand-in on_call observer failed for %s", call.method)

    def _chat_of(self, method: str, params: dict[str, Any]) -> int | None:
        if method == "answerCallbackQuery":
            query = self.state.callback_queries.get(str(params.get("callback_query_id")))
            return query["chat_id"] if query else None
        return resolve_chat_id(params.get("chat_id"))

    def _maybe_fail(self, method: str, chat_id: int | None) -> None:
        rule = _take_rule(self._fail_rules, method, chat_id)
        if rule is not None:
            raise ApiError(rule.error_code, rule.description, rule.retry_after)

    def _take_delay(self, method: str, chat_id: int | None) -> _DelayRule | None:
        return _take_rule(self._delay_rules, method, chat_id)

    # ---------------------------------------------------------------- getUpdates

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        updates = self.state.updates
        if self.state.webhook_url:
            raise ApiError(409, _WEBHOOK_CONFLICT)
        if self._poll is not None:
            # Telegram answers the *earlier* request with 409 Conflict.
            self._poll.terminated = True
            self._poll.event.set()
        poll = _Poll()
        self._poll = poll
        try:
            offset = params.get("offset")
            if offset is not None:
                updates.confirm(_int_param(offset, "offset"))
            allowed = params.get("allowed_updates")
            if isinstance(allowed, list):
                updates.set_allowed(str(kind) for kind in allowed)
            limit = min(max(_int_param(params.get("limit", 100), "limit"), 1), 100)
            timeout = max(_int_param(params.get("timeout", 0), "timeout"), 0)
            batch = updates.peek(limit)
            # Queued updates are immutable snapshots, so the batch needs no copy.
            if batch or timeout == 0 or self._stopping:
                return batch
            updates.poll_waiter = poll.event
            self._poll_unparked.clear()
            self._poll_parked.set()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(timeout):
                    while not batch:
                        await poll.event.wait()
                        poll.event.clear()
                        if poll.terminated:
                            raise ApiError(409, _CONFLICT)
                        if poll.stopped:
                            return []
                        batch = updates.peek(limit)
            return batch
        finally:
            if updates.poll_waiter is poll.event:
                updates.poll_waiter = None
            if self._poll is poll:
                self._poll = None
                self._poll_parked.clear()
                self._poll_unparked.set()

    # --------------------------------------------------------------- conveniences

    def bot_sender(self) -> dict[str, Any]:
        """The ``from`` object of messages the bot sends."""
        return bot_sender(self.state)


def _int_param(value: Any, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ApiError.bad_request(f'field "{name}" must be of type Integer') from None


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
