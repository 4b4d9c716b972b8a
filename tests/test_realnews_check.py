"""The realnews check set (bench/data/realnews_check.json): every stored span re-reads right.

The gold holds no article text, only character offsets into the SemEval-2023 dev articles read
in place from ../shared; these tests check that each offset still points at sensible text.
Event anchors, no-event sentences and dates sit inside one sentence-ish span of one line,
8-300 characters. Quotes are the words inside the marks as written: they may be a single word
("betrayal") or a quotation that runs over several lines of the article, so they are held to
looser bounds (non-empty, 4-600 characters, no blank line inside).
"""

from __future__ import annotations

import json
import re

import pytest

from .conftest import CORPORA, ROOT, need_shared

GOLD = ROOT / "bench" / "data" / "realnews_check.json"
ARTICLES = CORPORA / "semeval2023-task3-en" / "dev-articles-subtask-3"
TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    "DEMAND", "DISAPPROVE",
}  # fmt: skip
#: a full stop that ends a sentence: not after an initial ("U.K.", "E.U.") or a title ("Mr.")
_BOUNDARY = re.compile(
    r"(?<![A-Z])(?<!\bMrs)(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)[.!?][\"”’']?\s+[A-Z]"
)
_MARKS = "\"'“”‘’"


def _gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def _articles() -> list[str]:
    return [name for name in _gold() if not name.startswith("_")]


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    need_shared(ARTICLES)
    return {n: (ARTICLES / n).read_text(encoding="utf-8") for n in _articles()}


def _read(text: str, span: dict[str, int]) -> str:
    assert 0 <= span["start"] < span["end"] <= len(text), span
    return text[span["start"] : span["end"]]


def test_the_set_is_described_and_has_its_articles():
    gold = _gold()
    about = gold["_about"]
    assert "dev-articles-subtask-3" in about["source"] and "ANNOTATION.md" in about["conventions"]
    assert 7 <= len(_articles()) <= 12


@pytest.mark.parametrize("name", _articles())
def test_anchors_and_no_event_sentences_re_read_inside_one_sentence(
    texts: dict[str, str], name: str
):
    entry, text = _gold()[name], texts[name]
    assert _read(text, entry["title"]) == text.split("\n", 1)[0]
    for span in [e["anchor"] for e in entry["events"]] + entry["no_event_sentences"]:
        piece = _read(text, span)
        assert piece.strip() and "\n" not in piece and 8 <= len(piece) <= 300, (name, piece)
        assert not _BOUNDARY.search(piece), (name, piece)
    for date in entry["dates"]:
        piece = _read(text, date["text"])
        assert piece.strip() and "\n" not in piece and date["value"][:4] in piece, (name, piece)


@pytest.mark.parametrize("name", _articles())
def test_events_have_known_types_and_country_codes(name: str):
    events = _gold()[name]["events"]
    assert events and any(e["required"] for e in events)
    for event in events:
        assert event["types"] and set(event["types"]) <= TYPES, event
        for side in ("actor", "recipient"):
            assert event[side] is None or all(len(c) == 3 for c in event[side]), event


@pytest.mark.parametrize("name", _articles())
def test_quotes_re_read_as_the_words_inside_the_marks(texts: dict[str, str], name: str):
    entry, text = _gold()[name], texts[name]
    for quote in entry["quotes"] + entry["quotes_optional"]:
        piece = _read(text, quote["text"])
        assert piece.strip() and 4 <= len(piece) <= 600 and "\n\n" not in piece, (name, piece)
    for quote in entry["quotes"]:
        start, end = quote["text"]["start"], quote["text"]["end"]
        before, after = text[start - 1], text[end] if end < len(text) else "\n"
        assert before in _MARKS + "\n" and after in _MARKS + "\n", (name, before, after)
        assert quote["speaker"], quote


def test_no_text_of_the_articles_is_stored():
    def strings(value: object) -> list[str]:
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return [value] if isinstance(value, str) else []

    gold = _gold()
    longest = max((s for n in _articles() for s in strings(gold[n])), key=len)
    assert len(longest) < 120, longest
