"""Callback data: a fixed grammar; anything else is refused."""

import pytest

from bot.callbacks import Action, parse


@pytest.mark.parametrize(
    "data",
    [
        "menu", "se:0", "gd:12", "country:LB", "country:-", "lang:ar", "forget:yes", "exit",
        "country:LB/s", "country:?/s", "region:europe/s", "anylang", "langs:ar", "langs:zh-Hant",
        "langs:done", "endchat:12", "endchat:no", "block:12-7-0123abcd", "block:no",
        "revoke:3", "revoke:no",
    ],
)  # fmt: skip
def test_valid_round_trip(data: str) -> None:
    action = parse(data)
    assert action is not None and action.encode() == data


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "menu:x",
        "se",
        "se:-1",
        "se:abc",
        "se:1234",
        "country:lb",
        "admin:promote",
        "lang:" + "a" * 70,
        "x" * 65,
        "forget:maybe",
        "se:1:2",
        "\u202emenu",
        "menu\x00",
        "country:LB/x",
        "region:europe/ss",
        "anylang:1",
        "langs:Arabic",
        "endchat:yes",
        "block:12-7",
        "block:12-7-XYZ",
        "revoke:River",
    ],
)
def test_forged_or_malformed_is_refused(data: str | None) -> None:
    assert parse(data) is None


def test_encode_fits_telegram_limit() -> None:
    assert len(Action("country", "LB").encode().encode()) <= 64
