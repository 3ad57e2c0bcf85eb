"""Long texts are split under Telegram's 4096-character limit, at natural boundaries."""

from bot.screens import split_text


def utf16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def test_short_text_is_one_part() -> None:
    assert split_text("hello") == ["hello"]


def test_paragraphs_then_words_then_hard_cut() -> None:
    text = "\n\n".join(["word " * 300] * 5)
    parts = split_text(text, 4096)
    assert all(utf16(p) <= 4096 for p in parts) and len(parts) > 1

    def squash(s: str) -> str:
        return s.replace("\n", "").replace(" ", "")

    assert squash("".join(parts)) == squash(text)
    blob = "x" * 10000
    assert [utf16(p) for p in split_text(blob)] == [4096, 4096, 1808]


def test_emoji_count_as_two_units() -> None:
    parts = split_text("🙂" * 3000)
    assert all(utf16(p) <= 4096 for p in parts) and "".join(parts) == "🙂" * 3000
