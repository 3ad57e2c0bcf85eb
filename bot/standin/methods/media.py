"""Files and media: stickers, photos and documents sent by the bot, and ``getFile``."""

from __future__ import annotations

import copy
from typing import Any

from ..spec import Upload
from ..state import ApiError, StandInState, StoredFile
from .compose import caption_content, send
from .params import flag, writable_chat
from .registry import handler


def input_file(
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


@handler("sendSticker")
def send_sticker(state: StandInState, params: dict[str, Any]) -> Any:
    chat = writable_chat(state, params)
    stored, _ = input_file(state, params, "sticker", "sticker", "webp")
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
    return send(state, params, {"sticker": sticker}, chat)


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
    chat = writable_chat(state, params)
    stored, _ = input_file(state, params, "photo", "photo", "jpg")
    content: dict[str, Any] = {"photo": photo_sizes(stored), **caption_content(params)}
    if flag(params, "has_spoiler"):
        content["has_media_spoiler"] = True
    return send(state, params, content, chat)


@handler("sendDocument")
def send_document(state: StandInState, params: dict[str, Any]) -> Any:
    chat = writable_chat(state, params)
    stored, upload = input_file(state, params, "document", "document", "bin")
    document: dict[str, Any] = (
        copy.deepcopy(stored.media)
        if stored.media
        else {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id}
    )
    if upload is not None:
        document["file_name"] = upload.filename
        document["mime_type"] = upload.content_type
    document.setdefault("file_size", len(stored.data))
    content = {"document": document, **caption_content(params)}
    return send(state, params, content, chat)


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
