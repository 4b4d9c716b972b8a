"""Quotes: who said what, in direct, partial and indirect speech, with a resolved speaker.

No library does this well offline (textacy pairs quote marks and raises on odd counts; the
trackers that do better pin 2019-era spaCy), so chronist writes its own, on top of the language
stage's sentences, actors and pronoun resolution. It needs no second parse:

1. **Marks** (:mod:`chronist.quotes.marks`): quoted spans per paragraph, every mark style,
   apostrophes excluded, an unclosed mark ending at the paragraph's end.
2. **Kinds**: a span that stands as its own clause is *direct*; a fragment inside the writer's
   sentence is *partial*; a short quoted term ("so-called «moderate»", a "quiet mission") is
   *scare*; a title of a work is dropped.
3. **Speakers** (:mod:`chronist.quotes.speakers`): the cue next to the quote ('," he said',
   '», said X', 'X said: "', 'According to X, «'), its subject resolved to an actor (pronouns
   through the language stage, "the newspaper" to the outlet named before it); a quote-only
   paragraph continues the last speaker.
4. **Indirect speech**: "X said (that) …", "X warned that …", "according to X, …", "X described
   Y as …", "X pointed to …", ", X said." and a trailing "— X"; the span is the reported clause.
"""

from __future__ import annotations

import re

from chronist.model import Article, Quote, Span
from chronist.quotes.marks import Marked, quoted_spans
from chronist.quotes.speakers import (
    Speakers,
    colon_subject,
    cue_after,
    cue_at_end,
    cue_before,
    cue_in_sentence,
    governing_subject,
    intro_subject,
    sentence_at,
)

__all__ = ["QuoteStage", "find_quotes"]

_TITLE_CUE = re.compile(
    r"\b(?:book|film|movie|song|album|novel|article|column|op-ed|essay|documentary|show|series|"
    r"play|poem|titled|entitled|headlined|headline|hashtag|slogan)\s*,?\s*$",
    re.I,
)
_TERM_BEFORE = re.compile(r"(?:\bso-called|\b(?:a|an|the|its|their|his|her|our))\s*$", re.I)
#: A cue right after a closing mark: '”, Brafman said' / '” I said' / '” read one'.
_CUE_NEXT = re.compile(
    r"^[”\"'’»“]*\s*,?\s*(?:(?:he|she|they|I|we|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}|"
    r"(?:the|a|an|one)\s+\w+)\s+(?:said|says|asked|told|added|replied|wrote|read|continued|"
    r"explained|exclaimed|insisted|shouted|answered)|(?:said|says|asked|added|replied|wrote|"
    r"read|was)\b)"
)
_LABELLING = re.compile(
    r"(?:say|tell|call|label|describe|dub|term|brand|slam|blast|praise|portray|characteri[sz]e|"
    r"refer|deride|mock|denounce|urge|promise|pledge|vow|insist|warn|add|argue|claim|write|"
    r"tweet|predict|accuse|criticize|criticise|dismiss|decry|condemn|hail|welcome|ask|demand|"
    r"question|cast|defend|ridicule|attack|tout|boast|reject|oppose|champion|promote|pledge|"
    r"announce|declare|insist|suggest|charge|complain|lament|chant|shout|yell|post|read|recite|"
    r"repeat|quote|cite|mention|note|stress|concede|admit|deny|dub|nickname|christen)$"
)
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


class QuoteStage:
    """Pipeline stage: fills ``article.quotes`` (needs the language stage's annotations)."""

    name = "quotes"

    def process(self, articles: list[Article]) -> list[Article]:
        """Every article with its quotes."""
        for article in articles:
            article.quotes = find_quotes(article)
        return articles


def _paragraphs(body: str) -> list[tuple[int, int]]:
    """Paragraph spans; a single line break also ends one (feeds and corpora use either)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", body)]


def _sentence_of(article: Article, offset: int) -> tuple[int, int]:
    found = sentence_at(article, offset)
    if found is not None:
        return found
    start = max(article.body.rfind(". ", 0, offset) + 2, article.body.rfind("\n", 0, offset) + 1)
    end = article.body.find(". ", offset)
    return start, (end + 1 if end >= 0 else len(article.body))


def _trim(body: str, start: int, end: int) -> tuple[int, int]:
    """The quoted words without surrounding spaces or a trailing comma."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and (body[end - 1].isspace() or body[end - 1] in ",;:"):
        end -= 1
    return start, end


def _kind(speakers: Speakers, marked: Marked, para: tuple[int, int]) -> str | None:
    """direct, partial, scare, or None for a title of a work."""
    article = speakers.article
    body = article.body
    text = body[marked.start : marked.end]
    words = _WORD.findall(text)
    before = body[para[0] : marked.start - len(marked.open_mark)].rstrip()
    if _TITLE_CUE.search(before) and sum(w[:1].isupper() for w in words) >= max(1, len(words) // 2):
        return None
    tail = before[-40:]
    after = body[marked.end : marked.end + 60]
    if _title_case(words) and not _CUE_NEXT.match(after) and not re.search(r"[:,]\s*$", before):
        return None  # a title or a name: "Morning Joe", “A Change Is Gonna Come”
    if len(words) <= 3 and text.rstrip().endswith((",", "!", "?")):
        if _CUE_NEXT.match(after):
            return "direct"  # dialogue: “Judge,” Brafman said
    sentence = text.rstrip().endswith((".", "!", "?")) and text.lstrip()[:1].isupper()
    opens = not before or before.endswith((".", "!", "?", ":"))
    if len(words) <= 3 and not text.rstrip(" ,.").endswith(("!", "?")) and not (sentence and opens):
        if _TERM_BEFORE.search(tail):
            return "scare"
        start, _ = _sentence_of(article, marked.start)
        if cue_in_sentence(speakers, start, marked.start) is not None:
            return "partial"
        governing = governing_subject(speakers, marked.start, marked.end, _LABELLING)
        if governing is not None and governing[1] is not None:
            return "partial"  # 'Rubio called Trump "very flexible"'
        return "scare"
    if not before or before.endswith((":", ",", ".", "!", "?", "—", "–")) or before[-1:] in "\n":
        return "direct"
    sentence_start, _ = _sentence_of(article, marked.start)
    if not body[sentence_start : marked.start].strip(" \"'“«„‘"):
        return "direct"
    return "partial"


_SMALL = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "is", "with", "by"}


def _title_case(words: list[str]) -> bool:
    """Two or more words, every word but the small ones capitalised (a title or a name)."""
    content = [w for w in words if w.lower() not in _SMALL]
    return len(words) >= 2 and bool(content) and all(w[:1].isupper() for w in content)


def find_quotes(article: Article) -> list[Quote]:
    """Direct, partial, scare and indirect quotes of an analysed article."""
    body = article.body
    speakers = Speakers(article)
    quotes: list[Quote] = []
    last_speaker: tuple[str | None, str | None, Span | None, int] | None = None
    for para in _paragraphs(body):
        text = body[para[0] : para[1]]
        marks = quoted_spans(text, para[0])
        previous_close = para[0]
        for marked in marks:
            kind = _kind(speakers, marked, para)
            if kind is None:
                continue
            start, end = _trim(body, marked.start, marked.end)
            if end <= start:
                continue
            close = len(marked.open_mark) if marked.closed else 0
            previous_close, limit = marked.end + close, previous_close
            found = None
            if kind != "scare":
                opening = marked.start - len(marked.open_mark)
                if kind == "partial":  # the speech verb of its own sentence comes first
                    sentence_start, _ = _sentence_of(article, marked.start)
                    found = cue_at_end(speakers, start, end) or cue_in_sentence(
                        speakers, sentence_start, marked.start
                    )
                found = (
                    found
                    or cue_after(speakers, marked.end + close, para[1], marked.end)
                    or cue_before(speakers, opening, limit)
                    or (cue_at_end(speakers, start, end) if kind == "direct" else None)
                )
                if found is None and not body[para[0] : opening].strip():
                    # A paragraph that opens with a quote after one ending "X continued:".
                    previous = body[: para[0]].rstrip()
                    if previous.endswith(":"):
                        found = colon_subject(speakers, max(0, len(previous) - 300), len(previous))
            if found is None and kind == "partial":
                found = governing_subject(speakers, start, end)
            if found is None and kind == "direct":
                found = _voice(speakers, last_speaker, para, start, marked)
            elif found is None and kind == "partial" and last_speaker is not None:
                if last_speaker[3] >= para[0]:  # 'he said outside. But “Trump's candidacy …”'
                    found = last_speaker[0], last_speaker[1], last_speaker[2]
            cue = speaker = actor = None
            mention: Span | None = None
            if found is not None:
                cue, actor, mention = found
                speaker = speakers.name(actor)
            quotes.append(
                {
                    "text": body[start:end],
                    "kind": kind,
                    "cue": cue,
                    "speaker": speaker,
                    "speaker_actor": actor,
                    "speaker_mention": mention,
                    "start": start,
                    "end": end,
                }
            )
            if kind in ("direct", "partial") and (actor or mention):
                last_speaker = (cue, actor, mention, para[1])
    quotes.extend(speakers.indirect(quotes))
    quotes.sort(key=lambda q: q["start"])
    _continue_speakers(body, quotes)
    return quotes


def _continue_speakers(body: str, quotes: list[Quote]) -> None:
    """A direct quote with no cue, opening the paragraph right after an attribution, goes on
    in that speaker's voice ("Kerry said that … / “That adds up to …”")."""
    previous: Quote | None = None
    for quote in quotes:
        if quote["kind"] == "scare":
            continue
        if (
            quote["kind"] == "direct"
            and quote["speaker_mention"] is None
            and previous is not None
            and previous["speaker_mention"] is not None
        ):
            gap = body[previous["end"] : quote["start"]]
            if (
                gap.count("\n")
                and len(gap) < 200
                and not re.search(r"[.!?]\s+\S", gap.strip(" \n\"'“”«»"))
            ):
                for key in ("cue", "speaker", "speaker_actor", "speaker_mention"):
                    quote[key] = previous[key]  # type: ignore[literal-required]
        previous = quote


def _near(body: str, previous_end: int, start: int) -> bool:
    """The paragraph starting at ``start`` is the same as, or the one right after, the last."""
    return previous_end >= start or not body[previous_end:start].strip()


def _voice(
    speakers: Speakers,
    last_speaker: tuple[str | None, str | None, Span | None, int] | None,
    para: tuple[int, int],
    start: int,
    marked: Marked,
) -> tuple[str | None, str | None, Span | None] | None:
    """The speaker of a direct quote with no cue beside it.

    In its paragraph after a sentence of the writer's ("Clinton touted her credentials. “…”"),
    that sentence's subject; else the last speaker when the quote is in the same paragraph or
    the one right after; else the subject of the clause that holds it.
    """
    opening = marked.start - len(marked.open_mark)
    same_paragraph = last_speaker is not None and last_speaker[3] >= para[0]
    if not same_paragraph:
        intro = intro_subject(speakers, para[0], opening)
        if intro is not None:
            return intro
    if last_speaker is not None and _near(speakers.body, last_speaker[3], para[0]):
        return last_speaker[0], last_speaker[1], last_speaker[2]
    return governing_subject(speakers, start, marked.end)
