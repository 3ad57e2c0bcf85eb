"""Simulated Telegram users: the test's hands on the other side of the chat.

A :class:`SimUser` produces the updates a real client would cause (messages, edits, button
presses, blocking the bot) and reads the chat back the way the person would see it. The
chat with the bot is a private chat whose id equals the user's id, as on Telegram.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from .formatting import detect_bot_commands, utf16_len
from .methods import MAX_CAPTION, MAX_TEXT, photo_sizes

if TYPE_CHECKING:
    from .server import BotAPIStandIn
    from .state import ChatState

__all__ = ["SimUser", "StandInUsageError"]


class StandInUsageError(LookupError):
    """The test asked the simulated user for something impossible (e.g. a missing button)."""


def _check_length(text: str | None, limit: int, what: str) -> None:
    """Telegram clients never send more than Telegram accepts (4,096 UTF-16 code units of text,
    1,024 of caption): they split a long text into several messages, and refuse a long caption."""
    if text is not None and (length := utf16_len(text)) > limit:
        raise StandInUsageError(
            f"a {what} of {length} characters (UTF-16 code units) is over Telegram's limit of "
            f"{limit}; a client would split it into several messages"
            if what == "text"
            else f"a {what} of {length} characters is over Telegram's limit of {limit}"
        )


class SimUser:
    """A Telegram user in a private chat with the bot."""

    def __init__(
        self,
        standin: BotAPIStandIn,
        user_id: int,
        *,
        first_name: str,
        last_name: str | None,
        username: str | None,
        language_code: str | None,
    ) -> None:
        self._standin = standin
        self.id = user_id
        self.first_name = first_name
        self.last_name = last_name
        self.username = username
        self.language_code = language_code

    def __repr__(self) -> str:
        return f"SimUser(id={self.id}, first_name={self.first_name!r})"

    # ------------------------------------------------------------------ identity

    def as_dict(self) -> dict[str, Any]:
        """The ``User`` object Telegram puts into this user's updates."""
        user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            user["last_name"] = self.last_name
        if self.username:
            user["username"] = self.username
        if self.language_code:
            user["language_code"] = self.language_code
        return user

    @property
    def chat_id(self) -> int:
        return self.id

    @property
    def blocked(self) -> bool:
        chat = self._standin.state.chats.get(self.id)
        return bool(chat and chat.blocked)

    def _chat(self) -> ChatState:
        return self._standin.state.private_chat(self.as_dict())

    # --------------------------------------------------------------- user actions

    async def _send_content(self, content: dict[str, Any], reply_to: int | None) -> dict[str, Any]:
        state = self._standin.state
        chat = self._chat()
        if chat.blocked:
            raise StandInUsageError(
                f"{self!r} has blocked the bot; call unblock_bot() before sending"
            )
        body = dict(content)
        if reply_to is not None:
            target = chat.messages.get(reply_to)
            if target is None:
                raise StandInUsageError(f"no message {reply_to} in chat {self.id} to reply to")
            snapshot = copy.deepcopy(target)
            snapshot.pop("reply_to_message", None)
            body["reply_to_message"] = snapshot
        message = state.add_message(chat, self.as_dict(), body)
        snapshot = copy.deepcopy(message)
        state.updates.push("message", copy.deepcopy(message))
        return snapshot

    async def send(
        self,
        text: str,
        *,
        reply_to: int | None = None,
        entities: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Send a text message; commands get ``bot_command`` entities like on Telegram.
        `entities`: formatting the client added (bold, links, mentions), as Bot API dicts."""
        if not text.strip():
            raise StandInUsageError("Telegram clients cannot send an empty message")
        _check_length(text, MAX_TEXT, "text")
        content: dict[str, Any] = {"text": text}
        entities = sorted(detect_bot_commands(text) + (entities or []), key=lambda e: e["offset"])
        if entities:
            content["entities"] = entities
        return await self._send_content(content, reply_to)

    async def send_sticker(
        self, emoji: str = "🙂", *, reply_to: int | None = None
    ) -> dict[str, Any]:
        stored = self._standin.state.register_file("sticker", "webp")
        stored.media = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "set_name": "StandInStickers",
            "file_size": len(stored.data),
        }
        return await self._send_content({"sticker": dict(stored.media)}, reply_to)

    async def send_photo(
        self, *, caption: str | None = None, reply_to: int | None = None
    ) -> dict[str, Any]:
        _check_length(caption, MAX_CAPTION, "caption")
        stored = self._standin.state.register_file("photo", "jpg")
        content: dict[str, Any] = {"photo": photo_sizes(stored)}
        if caption:
            content["caption"] = caption
        return await self._send_content(content, reply_to)

    async def send_document(
        self,
        *,
        file_name: str = "notes.pdf",
        mime_type: str = "application/pdf",
        caption: str | None = None,
        reply_to: int | None = None,
        data: bytes | None = None,
    ) -> dict[str, Any]:
        """Send a file; `data` is what the bot downloads through getFile (default: filler)."""
        _check_length(caption, MAX_CAPTION, "caption")
        stored = self._standin.state.register_file(
            "document", file_name.rsplit(".", 1)[-1], data=data
        )
        stored.media = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": len(stored.data),
        }
        content: dict[str, Any] = {"document": dict(stored.media)}
        if caption:
            content["caption"] = caption
        return await self._send_content(content, reply_to)

    async def send_contact(
        self,
        *,
        phone_number: str = "+15555550123",
        first_name: str | None = None,
        user_id: int | None = None,
    ) -> dict[str, Any]:
        """Share a contact; by default the user's own (``user_id`` set, as Telegram does)."""
        contact: dict[str, Any] = {
            "phone_number": phone_number,
            "first_name": first_name or self.first_name,
        }
        own = first_name is None and user_id is None
        if own or user_id is not None:
            contact["user_id"] = self.id if own else user_id
        return await self._send_content({"contact": contact}, None)

    async def send_location(
        self, latitude: float = 52.520008, longitude: float = 13.404954
    ) -> dict[str, Any]:
        return await self._send_content(
            {"location": {"latitude": latitude, "longitude": longitude}}, None
        )

    async def send_voice(self, duration: int = 3) -> dict[str, Any]:
        stored = self._standin.state.register_file("voice", "oga")
        voice = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": len(stored.data),
        }
        stored.media = voice
        return await self._send_content({"voice": dict(voice)}, None)

    async def edit(
        self, message_id: int, text: str, *, entities: list[dict[str, Any]] | None = None
    ) -> dict[str, Any]:
        """Edit one of the user's own text messages (queues ``edited_message``); `entities`
        as in `send`."""
        state = self._standin.state
        chat = self._chat()
        message = chat.messages.get(message_id)
        if message is None or message.get("from", {}).get("id") != self.id:
            raise StandInUsageError(f"{self!r} has no message {message_id} to edit")
        if "text" not in message:
            raise StandInUsageError(f"message {message_id} has no text to edit")
        if not text.strip():
            raise StandInUsageError("Telegram clients cannot edit a message to nothing")
        _check_length(text, MAX_TEXT, "text")
        message["text"] = text
        entities = sorted(detect_bot_commands(text) + (entities or []), key=lambda e: e["offset"])
        if entities:
            message["entities"] = entities
        else:
            message.pop("entities", None)
        message["edit_date"] = state.now()
        state.updates.push("edited_message", copy.deepcopy(message))
        return copy.deepcopy(message)

    async def press(
        self, button: str | int, message: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Press an inline button by text (exact or unique substring) or flat index.

        Returns the ``CallbackQuery`` dict (its ``id`` is what the bot must answer).
        """
        chat = self._chat()
        target = (
            self._current(chat, message) if message is not None else self._latest_keyboard(chat)
        )
        if target is None:
            raise StandInUsageError(f"no bot message with an inline keyboard in chat {self.id}")
        flat = [b for row in target.get("reply_markup", {}).get("inline_keyboard", []) for b in row]
        chosen = self._pick(flat, button, target["message_id"])
        if "callback_data" not in chosen:
            kinds = sorted(k for k in chosen if k != "text")
            raise StandInUsageError(
                f"button {chosen['text']!r} has no callback_data ({', '.join(kinds)}); "
                "pressing it does not reach the bot"
            )
        return self._callback(chosen["callback_data"], copy.deepcopy(target), chat)

    async def press_data(self, data: str, message_id: int | None = None) -> dict[str, Any]:
        """Send arbitrary (possibly forged) callback data, as a modified client could."""
        chat = self._chat()
        attached: dict[str, Any] | None
        if message_id is None:
            target = self._latest_keyboard(chat) or self.last_bot_message()
            attached = copy.deepcopy(target) if target is not None else None
        elif message_id in chat.messages:
            attached = copy.deepcopy(chat.messages[message_id])
        else:
            # Deleted/unknown message: Telegram sends an InaccessibleMessage (date 0).
            attached = {"chat": dict(chat.info), "message_id": message_id, "date": 0}
        return self._callback(data, attached, chat)

    def _callback(
        self, data: str, message: dict[str, Any] | None, chat: ChatState
    ) -> dict[str, Any]:
        state = self._standin.state
        if chat.blocked:
            raise StandInUsageError(f"{self!r} has blocked the bot; call unblock_bot() first")
        query_id = state.new_callback_query_id()
        query: dict[str, Any] = {
            "id": query_id,
            "from": self.as_dict(),
            "chat_instance": str(-(abs(chat.id) * 1_000 + 7)),
            "data": data,
        }
        if message is not None:
            query["message"] = message
        state.callback_queries[query_id] = {"chat_id": chat.id, "answered": False}
        state.updates.push("callback_query", copy.deepcopy(query))
        return query

    @staticmethod
    def _pick(flat: list[dict[str, Any]], button: str | int, message_id: int) -> dict[str, Any]:
        labels = [b.get("text", "") for b in flat]
        if isinstance(button, int):
            if 0 <= button < len(flat):
                return flat[button]
            raise StandInUsageError(
                f"button index {button} out of range for message {message_id}; buttons: {labels}"
            )
        exact = [b for b in flat if b.get("text") == button]
        if len(exact) == 1:
            return exact[0]
        partial = exact or [b for b in flat if button in b.get("text", "")]
        if len(partial) == 1:
            return partial[0]
        problem = "is ambiguous" if partial else "not found"
        raise StandInUsageError(
            f"button {button!r} {problem} in message {message_id}; buttons: {labels}"
        )

    def block_bot(self) -> None:
        """Block the bot: later sends/edits answer 403, and the bot gets ``my_chat_member``."""
        chat = self._chat()
        if chat.blocked:
            return
        chat.blocked = True
        self._standin.state.chat_member_update(chat, self.as_dict(), "member", "kicked")

    def unblock_bot(self) -> None:
        chat = self._chat()
        if not chat.blocked:
            return
        chat.blocked = False
        self._standin.state.chat_member_update(chat, self.as_dict(), "kicked", "member")

    # -------------------------------------------------------------------- reading

    def history(self) -> list[dict[str, Any]]:
        return self._standin.chat_history(self.id)

    def bot_messages(self) -> list[dict[str, Any]]:
        state = self._standin.state
        return [m for m in self.history() if state.is_from_bot(m)]

    def last_bot_message(self) -> dict[str, Any] | None:
        chat = self._standin.state.chats.get(self.id)
        if chat is None:
            return None
        for message in reversed(chat.messages.values()):
            if self._standin.state.is_from_bot(message):
                return copy.deepcopy(message)
        return None

    def buttons(self, message: dict[str, Any] | None = None) -> list[list[dict[str, Any]]]:
        chat = self._standin.state.chats.get(self.id)
        if chat is None:
            return []
        target = (
            self._current(chat, message) if message is not None else self._latest_keyboard(chat)
        )
        if target is None:
            return []
        return copy.deepcopy(target.get("reply_markup", {}).get("inline_keyboard", []))

    def texts(self) -> list[str]:
        """What the user reads from the bot: text, or caption for media messages."""
        return [m.get("text", m.get("caption", "")) for m in self.bot_messages()]

    def reply_keyboard(self) -> list[list[str]] | None:
        """Labels of the reply keyboard the bot currently shows, if any."""
        chat = self._standin.state.chats.get(self.id)
        if chat is None or chat.reply_keyboard is None:
            return None
        return [
            [b if isinstance(b, str) else b.get("text", "") for b in row]
            for row in chat.reply_keyboard.get("keyboard", [])
        ]

    def callback_answer(self, query_id: str) -> dict[str, Any] | None:
        """How the bot answered a callback query (text/show_alert), or ``None`` if not yet."""
        return self._standin.state.callback_answers.get(query_id)

    def _latest_keyboard(self, chat: ChatState) -> dict[str, Any] | None:
        state = self._standin.state
        for message in reversed(chat.messages.values()):
            if state.is_from_bot(message) and message.get("reply_markup", {}).get(
                "inline_keyboard"
            ):
                return message
        return None

    @staticmethod
    def _current(chat: ChatState, message: Any) -> dict[str, Any]:
        """The live version of ``message`` (a dict or PTB ``Message``; may be a stale copy)."""
        message_id = (
            message.message_id if hasattr(message, "message_id") else message.get("message_id")
        )
        live = chat.messages.get(message_id)
        if live is None:
            raise StandInUsageError(f"message {message_id} is not in chat {chat.id} (deleted?)")
        return live
