"""Reading transcript marks: letter grades with plus and minus, pass/no pass, credit."""

from __future__ import annotations

from fractions import Fraction

LETTER_POINTS = {"A": 4, "B": 3, "C": 2, "D": 1, "F": 0}
PASS_MARKS = frozenset({"P", "CR", "PASS"})
FAIL_MARKS = frozenset({"NP", "NC", "F", "FAIL"})
_ORDER = ["F", "D-", "D", "D+", "C-", "C", "C+", "B-", "B", "B+", "A-", "A", "A+"]


def normalize(mark: str) -> str:
    """Upper-case a mark and strip spaces; ``""`` means no mark yet."""
    return mark.strip().upper().replace(" ", "")


def is_letter(mark: str) -> bool:
    m = normalize(mark)
    return (
        bool(m)
        and m[0] in LETTER_POINTS
        and m[1:] in ("", "+", "-")
        and not (m[0] == "F" and m[1:])
    )


def letter(mark: str) -> str | None:
    """The bare letter of a letter grade (``"C-"`` -> ``"C"``), or None for P/NP and blanks."""
    m = normalize(mark)
    return m[0] if is_letter(m) else None


def points(mark: str) -> int | None:
    """Grade points ignoring plus and minus (UC and CSU both ignore them)."""
    bare = letter(mark)
    return None if bare is None else LETTER_POINTS[bare]


def rank(mark: str) -> int | None:
    """A total order over letter grades with plus and minus; None for non-letter marks."""
    m = normalize(mark)
    return _ORDER.index(m) if m in _ORDER else None


def at_least(mark: str, minimum: str) -> bool:
    """Whether ``mark`` is ``minimum`` or better (``"C-"`` is not at least ``"C"``)."""
    r, lo = rank(mark), rank(minimum)
    return r is not None and lo is not None and r >= lo


def is_pass(mark: str) -> bool:
    return normalize(mark) in PASS_MARKS


def truncate(value: Fraction, places: int = 2) -> str:
    """A GPA as a decimal string, truncated (UC: "Do not round up or down")."""
    scale = 10**places
    whole = (value.numerator * scale) // value.denominator
    return f"{whole // scale}.{whole % scale:0{places}d}"
