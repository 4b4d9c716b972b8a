"""Sentence spans from spaCy's parse, repaired for news text.

spaCy's parser splits after abbreviations it does not know ("Col.-Gen.", "Lt.-Col.") and now and
then inside a quotation; it also lets a sentence run across a paragraph break. The repairs: a
sentence never crosses a line break (paragraphs are lines or blank-line blocks); a split after a
known abbreviation, or before a lower-case word, is undone.
"""

from __future__ import annotations

import re
from typing import Any

from chronist.model import Article, Sentence

_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Maj|Capt|Sgt|Adm|Cmdr|Sen|Rep|Gov|Gen|St|Jr|Sr|"
    r"No|Vol|Inc|Corp|Co|Ltd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|approx)\.|"
    r"\b[A-Z]\.(?:[A-Z]\.)+|[A-Z][a-z]+\.-[A-Z][a-z]+\.)$"
)


def sentence_spans(doc: Any, body: str) -> list[Sentence]:
    """Sentences as ``start``/``end`` offsets into ``body``, whitespace trimmed."""
    spans: list[list[int]] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        # Never across a paragraph break.
        pieces = []
        cursor = start
        for match in re.finditer(r"\n\s*", body[start:end]):
            pieces.append((cursor, start + match.start()))
            cursor = start + match.end()
        pieces.append((cursor, end))
        for a, b in pieces:
            text = body[a:b]
            stripped = text.strip()
            if not stripped:
                continue
            a += len(text) - len(text.lstrip())
            b = a + len(stripped)
            if spans and _continues(body, spans[-1], a):
                spans[-1][1] = b
            else:
                spans.append([a, b])
    return [{"start": a, "end": b} for a, b in spans]


def _continues(body: str, previous: list[int], start: int) -> bool:
    between = body[previous[1] : start]
    if "\n" in between:
        return False
    if _ABBREVIATION.search(body[previous[0] : previous[1]]):
        return True
    first = body[start : start + 1]
    return first.islower()


def sentence_at(
    article: Article, offset: int, end_inclusive: bool = True
) -> tuple[int, int] | None:
    """The ``(start, end)`` of the sentence of ``article`` holding ``offset``, or None.

    ``end_inclusive``: an offset right at a sentence's end (a closing mark, the place after
    its last word) still belongs to it; the events stage asks for strict containment.
    """
    for sentence in article.sentences:
        start, end = sentence["start"], sentence["end"]
        if start <= offset < end or (end_inclusive and offset == end):
            return start, end
    return None
