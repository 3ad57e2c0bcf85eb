"""In-memory model of what Telegram's servers know: chats, messages, updates, files.

Kept separate from the HTTP layer so the rules (message ids, visibility, the update queue's
offset semantics) can be reasoned about and tested without sockets. Everything here is
synchronous and runs on the event loop thread, so no locking is needed: a state change
between two ``await`` points is atomic.

Lookups are O(1) (dicts keyed by chat and message id, a deque for pending updates) because
benchmarks push thousands of messages through the stand-in.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "DEFAULT_EXCLUDED_UPDATES",
    "ApiError",
    "ChatState",
    "StandInState",
    "UpdateQueue",
]

# Update types Telegram only sends when explicitly listed in allowed_updates.
DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
# 48 hours: after this a message can no longer be deleted for everyone.
DELETE_WINDOW_SECONDS = 48 * 60 * 60


class ApiError(Exception):
    """An error answer, shaped exactly like Telegram's ``{"ok": false, ...}`` reply."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    @classmethod
    def bad_request(cls, message: str) -> ApiError:
        return cls(400, f"Bad Request: {message}")

    @classmethod
    def forbidden(cls, message: str) -> ApiError:
        return cls(403, f"Forbidden: {message}")

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


@dataclass
class ChatState:
    """One chat as Telegram stores it, with the visible messages in order.

    ``messages`` is an insertion-ordered dict: history order for free, O(1) lookup and delete.
    Private chats share one message-id counter for both directions, like real private chats.
    """

    id: int
    type: str
    info: dict[str, Any]
    user: dict[str, Any] | None = None
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    next_message_id: int = 1
    blocked: bool = False
    bot_is_member: bool = True
    reply_keyboard: dict[str, Any] | None = None
    menu_button: dict[str, Any] | None = None

    def allocate_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id


class UpdateQueue:
    """Pending updates with real ``getUpdates`` offset semantics.

    An update stays pending until a ``getUpdates`` call arrives with ``offset`` greater than
    its id. Waiters are woken with :class:`asyncio.Event` objects, never by polling.
    """

    def __init__(self, first_update_id: int = 100_000_001) -> None:
        self.pending: deque[dict[str, Any]] = deque()
        self._next_id = first_update_id
        self.last_queued_id: int | None = None
        self.allowed: frozenset[str] | None = None  # None: Telegram's default set
        self.poll_waiter: asyncio.Event | None = None
        self._delivery_waiters: list[tuple[int, asyncio.Event]] = []

    def is_allowed(self, kind: str) -> bool:
        if self.allowed is None:
            return kind not in DEFAULT_EXCLUDED_UPDATES
        return kind in self.allowed

    def push(self, kind: str, payload: dict[str, Any]) -> dict[str, Any] | None:
        """Queue an update; ``None`` if the bot's allowed_updates filter drops it."""
        if not self.is_allowed(kind):
            return None
        update = {"update_id": self._next_id, kind: payload}
        self._next_id += 1
        self.pending.append(update)
        self.last_queued_id = update["update_id"]
        if self.poll_waiter is not None:
            self.poll_waiter.set()
        return update

    def requeue(self, update: dict[str, Any]) -> None:
        """Put an already delivered update back, keeping its id (a redelivery)."""
        self.pending.appendleft(update)
        self.last_queued_id = max(self.last_queued_id or 0, update["update_id"])
        if self.poll_waiter is not None:
            self.poll_waiter.set()

    def confirm(self, offset: int) -> None:
        """Forget updates below ``offset``; a negative offset keeps only the last -offset."""
        if offset < 0:
            keep = -offset
            while len(self.pending) > keep:
                self.pending.popleft()
        else:
            while self.pending and self.pending[0]["update_id"] < offset:
                self.pending.popleft()
        self._notify_delivery()

    def remove(self, update_id: int) -> None:
        """One update delivered (a webhook accepted it), whatever its place in the queue."""
        for update in self.pending:
            if update["update_id"] == update_id:
                self.pending.remove(update)
                break
        self._notify_delivery()

    def drop_pending(self) -> None:
        self.pending.clear()
        self._notify_delivery()

    def set_allowed(self, allowed: Iterable[str]) -> None:
        """Apply allowed_updates (empty list: the default set) and purge now-unwanted ones."""
        wanted = frozenset(allowed) or None
        if wanted == self.allowed:
            return  # PTB repeats the same list on every poll
        self.allowed = wanted
        if any(not self.is_allowed(self._kind(u)) for u in self.pending):
            self.pending = deque(u for u in self.pending if self.is_allowed(self._kind(u)))
            self._notify_delivery()

    @staticmethod
    def _kind(update: dict[str, Any]) -> str:
        return next(key for key in update if key != "update_id")

    def peek(self, limit: int) -> list[dict[str, Any]]:
        return list(itertools.islice(self.pending, limit))

    def is_delivered(self, target: int) -> bool:
        return not self.pending or self.pending[0]["update_id"] > target

    async def wait_delivered(self, timeout: float | None) -> None:  # noqa: ASYNC109
        target = self.last_queued_id
        if target is None or self.is_delivered(target):
            return
        event = asyncio.Event()
        entry = (target, event)
        self._delivery_waiters.append(entry)
        try:
            async with asyncio.timeout(timeout):
                await event.wait()
        except TimeoutError:
            raise TimeoutError(
                f"the bot did not confirm update {target} within {timeout} s (is polling running?)"
            ) from None
        finally:
            if entry in self._delivery_waiters:
                self._delivery_waiters.remove(entry)

    def _notify_delivery(self) -> None:
        if not self._delivery_waiters:
            return
        remaining = []
        for target, event in self._delivery_waiters:
            if self.is_delivered(target):
                event.set()
            else:
                remaining.append((target, event))
        self._delivery_waiters = remaining


@dataclass
class StoredFile:
    """A file Telegram knows by file_id (user media or bot uploads), for getFile."""

    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes
    media: dict[str, Any] | None = None  # e.g. the Sticker object a user sent


class StandInState:
    """Everything the fake server remembers between calls."""

    def __init__(
        self,
        *,
        bot_user: dict[str, Any],
        clock: Callable[[], float],
    ) -> None:
        self.bot_user = bot_user
        self.clock = clock
        self.chats: dict[int, ChatState] = {}
        self.updates = UpdateQueue()
        self.files: dict[str, StoredFile] = {}
        self.files_by_path: dict[str, StoredFile] = {}
        self.callback_queries: dict[str, dict[str, Any]] = {}
        self.callback_answers: dict[str, dict[str, Any]] = {}
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.descriptions: dict[tuple[str, str], str] = {}
        self.default_menu_button: dict[str, Any] | None = None
        self.webhook_url = ""
        self.webhook_secret = ""
        self.webhook_connections = 40
        self.left_chats: set[int] = set()
        self._file_counter = itertools.count(1)
        self._callback_counter = itertools.count(1)

    # ----------------------------------------------------------------- time / ids

    def now(self) -> int:
        return int(self.clock())

    def new_callback_query_id(self) -> str:
        # Real ids are long decimal strings; deterministic here.
        return str(4_200_000_000_000_000_000 + next(self._callback_counter))

    def register_file(self, kind: str, extension: str, data: bytes | None = None) -> StoredFile:
        number = next(self._file_counter)
        file_id = f"standin-{kind}-{number:06d}"
        stored = StoredFile(
            file_id=file_id,
            file_unique_id=f"u{kind[:3]}{number:06d}",
            file_path=f"{kind}s/file_{number}.{extension}",
            data=data if data is not None else f"stand-in {kind} #{number}\n".encode(),
        )
        self._remember(stored)
        return stored

    def _remember(self, stored: StoredFile) -> None:
        self.files[stored.file_id] = stored
        self.files_by_path[stored.file_path] = stored

    def file_for(self, file_id: str, kind: str, extension: str) -> StoredFile:
        """Known file, or register the bot's own file_id (e.g. a sticker from config)."""
        stored = self.files.get(file_id)
        if stored is None:
            number = next(self._file_counter)
            stored = StoredFile(
                file_id=file_id,
                file_unique_id=f"u{kind[:3]}{number:06d}",
                file_path=f"{kind}s/file_{number}.{extension}",
                data=f"stand-in {kind} {file_id}\n".encode(),
            )
            self._remember(stored)
        return stored

    # ---------------------------------------------------------------------- chats

    def private_chat(self, user: dict[str, Any]) -> ChatState:
        """The bot's private chat with ``user``, created on the user's first update."""
        chat = self.chats.get(user["id"])
        if chat is None:
            info: dict[str, Any] = {"id": user["id"], "type": "private"}
            for key in ("first_name", "last_name", "username"):
                if user.get(key):
                    info[key] = user[key]
            chat = ChatState(id=user["id"], type="private", info=info, user=dict(user))
            self.chats[user["id"]] = chat
        return chat

    def group_chat(self, group_id: int, title: str, chat_type: str) -> ChatState:
        chat = self.chats.get(group_id)
        if chat is None:
            info = {"id": group_id, "type": chat_type, "title": title}
            chat = ChatState(id=group_id, type=chat_type, info=info)
            self.chats[group_id] = chat
        chat.bot_is_member = True
        self.left_chats.discard(group_id)
        return chat

    def history(self, chat_id: int) -> list[dict[str, Any]]:
        chat = self.chats.get(chat_id)
        if chat is None:
            return []
        return [copy.deepcopy(m) for m in chat.messages.values()]

    # ------------------------------------------------------------------- messages

    def add_message(
        self,
        chat: ChatState,
        sender: dict[str, Any],
        content: dict[str, Any],
    ) -> dict[str, Any]:
        """Store a new message (either direction) and return the live dict."""
        message: dict[str, Any] = {
            "message_id": chat.allocate_message_id(),
            "from": dict(sender),
            "chat": dict(chat.info),
            "date": self.now(),
        }
        message.update(content)
        chat.messages[message["message_id"]] = message
        return message

    def is_from_bot(self, message: dict[str, Any]) -> bool:
        return message.get("from", {}).get("id") == self.bot_user["id"]

    def chat_member_update(
        self,
        chat: ChatState,
        actor: dict[str, Any],
        old_status: str,
        new_status: str,
    ) -> None:
        """Queue a ``my_chat_member`` update about the bot's own membership."""

        def member(status: str) -> dict[str, Any]:
            body: dict[str, Any] = {"user": dict(self.bot_user), "status": status}
            if status == "kicked":
                body["until_date"] = 0
            return body

        self.updates.push(
            "my_chat_member",
            {
                "chat": dict(chat.info),
                "from": dict(actor),
                "date": self.now(),
                "old_chat_member": member(old_status),
                "new_chat_member": member(new_status),
            },
        )
