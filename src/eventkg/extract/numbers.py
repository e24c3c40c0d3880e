"""Numbers written as digits or words: "89", "1,200", "Thirty-two", "a dozen"."""

from __future__ import annotations

import re

__all__ = ["parse_number"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a": 1, "an": 1, "single": 1,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_RANGE = re.compile(r"^(\d[\d,]*)\s*[-–]\s*(\d[\d,]*)$")


def parse_number(text: str) -> int | None:
    """Return the integer that ``text`` writes, or None.

    Parameters
    ----------
    text : str
        Digits ("89", "1,200") or English number words ("Thirty-two", "two hundred and
        six", "a dozen").

    Examples
    --------
    >>> parse_number("Thirty-two"), parse_number("1,200"), parse_number("two hundred and six")
    (32, 1200, 206)
    >>> parse_number("several") is None
    True
    >>> parse_number("25-30")  # a range: its lower figure
    25
    """
    s = text.strip().lower().replace("\u2011", "-")
    if _DIGITS.match(s):
        return int(s.replace(",", ""))
    span = _RANGE.match(s)
    if span:  # "25-30 soldiers": at least the lower figure, never the sum
        low, high = (int(g.replace(",", "")) for g in span.groups())
        return min(low, high)
    words = [w for w in re.split(r"[\s-]+", s) if w and w != "and"]
    if not words:
        return None
    total, current, seen = 0, 0, False
    for w in words:
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w in _SCALES:
            current = max(current, 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total, current = total + current, 0
        elif _DIGITS.match(w):
            current += int(w.replace(",", ""))
        else:
            return None
        seen = True
    return total + current if seen else None
