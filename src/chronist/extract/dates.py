"""Explicit calendar dates in short strings: URLs, datelines, captions, "Published" lines.

Only dates that name a year are returned: a publication date needs a full day, and a bare
"May 4" cannot be placed without an anchor (anchoring is the language stage's job). English
month names and numeric forms are matched by pattern and validated as real calendar days; a
library parser (dateparser) would be slower here and guesses too freely for evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from importlib import resources


def _month_names() -> dict[str, int]:
    """Month name → number, from ``months.txt`` beside this module."""
    text = resources.files("chronist.extract").joinpath("months.txt").read_text("utf-8")
    names: dict[str, int] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            number, *words = line.split()
            names.update((w, int(number)) for w in words)
    return names


_MONTHS = _month_names()
MONTH_ALTERNATION = "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
_MONTH = rf"(?P<mon>{MONTH_ALTERNATION})\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_PATTERNS = [
    # November 25, 2016 / Nov. 25 2016
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b", re.I),
    # 25 November 2016, 4. Mai 2024, 12 de febrero de 2024
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th|\.)?\s+(?:of\s+|de\s+)?{_MONTH},?\s+"
        rf"(?:de\s+)?{_YEAR}\b",
        re.I,
    ),
    # 2016-11-25, 2016/11/25
    re.compile(rf"\b{_YEAR}[-/](?P<month>\d{{1,2}})[-/](?P<day>\d{{1,2}})\b"),
    # 25.11.2016
    re.compile(rf"\b(?P<day>\d{{1,2}})\.(?P<month>\d{{1,2}})\.{_YEAR}\b"),
]
_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d{2})[/-]?(?P<month>0[1-9]|1[0-2])[/-]?(?P<day>0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
)


@dataclass(frozen=True)
class FoundDate:
    """A full calendar date found in a string, with the exact text it rests on."""

    value: date
    text: str
    start: int
    end: int

    @property
    def iso(self) -> str:
        """``YYYY-MM-DD``."""
        return self.value.isoformat()


def _build(match: re.Match[str]) -> date | None:
    parts = match.groupdict()
    month = _MONTHS.get((parts.get("mon") or "").lower().rstrip(".")) or int(
        parts.get("month") or 0
    )
    try:
        return date(int(parts["year"]), month, int(parts["day"]))
    except (ValueError, TypeError):
        return None


def find_dates(text: str) -> list[FoundDate]:
    """All full dates in ``text``, in order of position (overlaps resolved by first pattern)."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            value = _build(match)
            if value is not None:
                found.append(FoundDate(value, match.group(0), start, end))
                taken.append((start, end))
    return sorted(found, key=lambda d: d.start)


def url_date(url: str) -> FoundDate | None:
    """A publication day in a URL path (``/2016/12/09/``, ``/20161209/``, ``/2016-12-09-``)."""
    for match in _URL_DATE.finditer(url):
        value = _build(match)
        if value is not None:
            return FoundDate(value, match.group(0).strip("/"), match.start(), match.end())
    return None
