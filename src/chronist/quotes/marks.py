"""Quoted spans in a paragraph, for every mark style news uses.

Pairs: “…”, «…», „…“ (and „…”), ‘…’, "…", '…' and ``…''. Straight marks toggle. A single mark
between letters or after a word-final s ("don't", "Trump's", "Clintons’ ") is an apostrophe,
not a quote. A mark that is never closed ends its quote at the end of the paragraph, so an
unbalanced « never swallows the rest of the article, unless the text sets one sentence per line:
a quotation left open, then lines with no mark at all, then a line whose first mark closes it
('"When MPs come to look at this vote … ¶ Yes, it does. ¶ … Yes, it does," May explained.') is
one quotation over those lines (news that opens every paragraph of a long quote with a mark
keeps one quote per paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: opening mark → the marks that may close it
_PAIRS = {
    "“": ("”", "“", '"'),  # sloppy typography mixes curly and straight marks: “…," he said
    "«": ("»",),
    "„": ("“", "”"),
    "‹": ("›",),
    "‘": ("’",),
    '"': ('"', "”"),
    "``": ("''",),
    "''": ("''",),  # the New York Times' double quotes
    "'": ("'",),
}
_TOKEN = re.compile(r"``|''|[“”«»„‹›‘’\"']")


@dataclass(frozen=True)
class Marked:
    """The words between a pair of marks (``start``/``end`` exclude the marks)."""

    start: int
    end: int
    open_mark: str
    closed: bool


def _is_apostrophe(text: str, i: int, mark: str) -> bool:
    if mark not in ("'", "’", "‘"):
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True  # don't, Trump's, O'Brien
    return mark in ("’", "'") and before in "sS" and not after.isalnum() and after not in ".,!?"


def _can_open(text: str, i: int, mark: str) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if mark in ("'", '"'):
        return (before.isspace() or before in "([{—–-/:;,") and not after.isspace()
    return not after.isspace() or mark in ("«", "„")


def _can_close(text: str, i: int, mark: str) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if before == " " and text[:i].rstrip()[-1:] in (",", ".", "!", "?", "'", "’"):
        # "… say, 'Well done,' " said X' / NYT's "coalitions, '' said X": a spaced closing mark
        return not after.isalnum()
    if mark in ("'", '"'):
        return not before.isspace() and (not after.isalnum())
    return not before.isspace() or mark == "»"


def quoted_spans(text: str, offset: int = 0) -> list[Marked]:
    """Quoted spans of one paragraph (``text``), with offsets shifted by ``offset``."""
    return _scan(text, offset)[0]


def _scan(text: str, offset: int) -> tuple[list[Marked], str | None]:
    """The quoted spans of ``text`` and the opening mark still open at its end, if any (a
    single mark left open gives no span: it may be an apostrophe)."""
    spans: list[Marked] = []
    open_at: tuple[int, str] | None = None
    for match in _TOKEN.finditer(text):
        i, mark = match.start(), match.group()
        if _is_apostrophe(text, i, mark):
            continue
        if open_at is not None:
            start, opener = open_at
            if mark in _PAIRS[opener] and _can_close(text, i, mark):
                if i > start:
                    spans.append(Marked(offset + start, offset + i, opener, True))
                open_at = None
                continue
            if mark in _PAIRS and mark not in _PAIRS[opener] and mark not in ("'", "‘"):
                # A new double opening mark while one is open: the first was never closed.
                if _can_open(text, i, mark) and opener in ("'", "‘"):
                    open_at = (i + len(mark), mark)
            continue
        if mark in _PAIRS and _can_open(text, i, mark):
            open_at = (i + len(mark), mark)
    still_open = None
    if open_at is not None:
        start, still_open = open_at
        end = len(text.rstrip())
        if still_open not in ("'", "‘") and end > start:
            spans.append(Marked(offset + start, offset + end, still_open, False))
    return [s for s in spans if text[s.start - offset : s.end - offset].strip()], still_open


#: How far a quotation left open may run over lines without marks: lines, characters.
_RUN_LINES = 12
_RUN_CHARS = 2400


def _first_mark(text: str) -> tuple[int, str] | None:
    for match in _TOKEN.finditer(text):
        if not _is_apostrophe(text, match.start(), match.group()):
            return match.start(), match.group()
    return None


def paragraph_runs(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The paragraphs of ``text``, with those a quotation runs over joined into one span: a
    paragraph ending in an open quotation (single marks too: "'I feel vindicated. ¶ They
    offered me a plea deal …,' Corsi said"), then paragraphs with no quotation mark, then one
    whose first mark closes that quotation."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(paragraphs):
        start, end = paragraphs[i]
        opener = _scan(text[start:end], start)[1]
        joined = False
        if opener is not None:
            for j in range(i + 1, min(len(paragraphs), i + 1 + _RUN_LINES)):
                p_start, p_end = paragraphs[j]
                if p_end - start > _RUN_CHARS:
                    break
                line = text[p_start:p_end]
                first = _first_mark(line)
                if first is None:
                    continue
                k, mark = first
                if (
                    mark in _PAIRS.get(opener, ())
                    and _can_close(line, k, mark)
                    and not _can_open(line, k, mark)
                ):
                    runs.append((start, p_end))
                    i, joined = j + 1, True
                break
        if not joined:
            runs.append((start, end))
            i += 1
    return runs
