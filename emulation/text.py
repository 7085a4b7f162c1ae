"""Vietnamese text helpers: collation keys so that names sort in Vietnamese order, the one
way names are normalised before they are stored or compared, and ASCII file names.

PostgreSQL's ICU collations are not available in every build (the embedded
server has none), so models store a key computed here in a column with the
"C" collation, whose byte order is the same on every server.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.text import slugify

# Vietnamese alphabet order; letters outside it (f, j, w, z) follow their Latin place.
_ALPHABET = [
    "a",
    "ă",
    "â",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "ê",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "ô",
    "ơ",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "ư",
    "v",
    "w",
    "x",
    "y",
    "z",
]
_LETTER_CODE = {letter: f"{index + 20:02d}" for index, letter in enumerate(_ALPHABET)}
# Tones in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
# Marks that make a distinct letter rather than a tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}


def _split(char: str) -> tuple[str, str]:
    """Return (letter without tone, tone code) for one character."""
    decomposed = unicodedata.normalize("NFD", char)
    base, tone = decomposed[0], "0"
    marks = ""
    for mark in decomposed[1:]:
        if mark in _TONES:
            tone = _TONES[mark]
        elif mark in _LETTER_MARKS:
            marks += mark
    return unicodedata.normalize("NFC", base + marks), tone


def vietnamese_sort_key(text: str) -> str:
    """A key whose byte order is Vietnamese dictionary order (letters first, then tones)."""
    primary: list[str] = []
    tones: list[str] = []
    for char in (text or "").strip().lower():
        letter, tone = _split(char)
        if letter in _LETTER_CODE:
            primary.append(_LETTER_CODE[letter])
            tones.append(tone)
        elif letter.isdigit():
            primary.append(f"1{letter}")
        elif letter.isspace():
            primary.append("00")
        else:
            # Punctuation sorts just after a space and is otherwise ignored.
            primary.append("01")
    return "".join(primary) + "!" + "".join(tones)


def person_sort_key(full_name: str) -> str:
    """Vietnamese people are sorted by given name (the last word), then by the full name."""
    words = (full_name or "").split()
    given = words[-1] if words else ""
    return vietnamese_sort_key(given) + " " + vietnamese_sort_key(full_name)


# Every dash a user may type between two parts of a name, with the spaces around it.
_DASHES = re.compile(r"\s*[-–—‐]\s*")


def normalise_name(text: str) -> str:
    """A unit's or a bloc's name as it is stored and compared: NFC, no leading, trailing
    or repeated spaces, and every dash between two parts written " – " ("Khối Nội chính -
    Lực lượng vũ trang" and "Khối Nội chính–Lực lượng vũ trang" are one name). Compare
    with `normalise_name(a).casefold()`: the database's unique constraints ignore case."""
    text = unicodedata.normalize("NFC", str(text or ""))
    return " ".join(_DASHES.sub(" – ", text).split())


def ascii_filename(stem: str, ext: str, *, default: str = "van-ban") -> str:
    """An ASCII file name for a download: "Danh sách Khối thi đua 2026", "xlsx" →
    "danh-sach-khoi-thi-dua-2026.xlsx". "đ" has no ASCII decomposition, so slugify alone
    would drop it ("thi đua" → "thi-ua"): it is folded to "d" first."""
    stem = (stem or "").replace("đ", "d").replace("Đ", "D")
    return f"{slugify(stem, allow_unicode=False) or default}.{ext}"
