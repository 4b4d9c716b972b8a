"""Quotes: who said what, in direct, partial and indirect speech, with a resolved speaker.

No library does this well offline (textacy pairs quote marks and raises on odd counts; the
trackers that do better pin 2019-era spaCy), so chronist writes its own, on top of the language
stage's sentences, clauses (each verb with its subject and complement from spaCy's parse),
actors and pronoun resolution. It needs no second parse:

1. **Marks** (:mod:`chronist.quotes.marks`): quoted spans per paragraph, every mark style,
   apostrophes excluded, an unclosed mark ending at the paragraph's end.
2. **Kinds**: a span that stands as its own clause is *direct*; a fragment inside the writer's
   sentence is *partial*; a short quoted term ("so-called «moderate»", a "quiet mission") is
   *scare* unless a verb of saying or labelling governs it ('Rubio called Trump "very
   flexible"'); a title of a work is dropped.
3. **Speakers** (:mod:`chronist.quotes.speakers`): the rules in :data:`RULES`, tried in order:
   the cue next to the quote ('," he said', '», said X', 'X said: "', 'According to X, «',
   '," according to X.', '“…” ― X' closing a paragraph, 'X asking, "'), the
   verb of saying of the writer's sentence, the clause that holds the quote, the writer's
   sentence that introduces it, the last speaker of the paragraph. The subject comes from the
   parse where it has one, else from the words before the verb; it is resolved to an actor
   (pronouns through the language stage, "who" to its noun, "the newspaper" to the outlet named
   before it).
4. **Indirect speech**: "X said (that) …", "X warned that …", "according to X, …", "X described
   Y as …", "X pointed to …", ", X said." and a trailing "— X"; the span is the reported clause.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from chronist.language import sentence_at
from chronist.language.actors import open_quotation, resolve_pronoun
from chronist.model import Article, Quote, Span
from chronist.quotes.marks import Marked, paragraph_runs, quoted_spans
from chronist.quotes.names import full_names
from chronist.quotes.posts import find_posts, inside_posts, post_quotes
from chronist.quotes.speakers import (
    _SPEAKER_NOUN,
    Found,
    Speakers,
    _is_pronoun,
    colon_subject,
    cue_after,
    cue_at_end,
    cue_before,
    cue_in_sentence,
    governing_subject,
    intro_subject,
    speaker_words,
    transcript_label,
)

__all__ = ["QuoteStage", "find_quotes"]

_TITLE_CUE = re.compile(
    r"\b(?:book|film|movie|song|album|novel|article|column|op-ed|essay|documentary|show|series|"
    r"play|poem|titled|entitled|headlined|headline|hashtag|slogan)\s*,?\s*$",
    re.I,
)
_SO_CALLED = re.compile(r"\bso-called\s*$", re.I)
#: A noun right after the closing mark that names what the quotation is the title or label of:
#: 'on the “Today” show', 'an “elevator access door lock” report', 'the “Brexit Day” podcast'.
_TITLE_NOUN_AFTER = re.compile(
    r"^[”\"'’»]*[^\S\n]+(?:show|program|programme|series|podcast|documentary|film|movie|book|"
    r"novel|album|song|column|magazine|newspaper|segment|broadcast|report|hashtag|slogan|"
    r"headline)s?\b"
    r"(?![^\S\n]+(?:of|that|up|how|what|whether)\b)",
    re.I,
)
#: An outlet's possessive before a title-cased quotation: 'told CNN’s “State of the Union”'.
_POSSESSIVE_BEFORE = re.compile(r"[A-Z][\w.]*(?:’s|'s|’|')\s*$")
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
    r"repeat|quote|cite|mention|note|stress|concede|admit|deny|dub|nickname|christen|speak|talk|"
    r"reassure|congratulate|celebrate|applaud|laud|thank|blame|brag|vow|assure|remark|tell)$"
)
#: A verb of saying right before the mark: 'Clinton Joked “You Are The Smartest People.”' is
#: speech in a title-cased line, not the title of a work; so is 'Biden blamed “Russia, Russia,
#: Russia”' (a title is named or a work's, not any capitalised quotation).
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|joked|quipped|asked|added|declared|wrote|tweeted|replied|told\s+\w+|"
    r"blamed|chanted|shouted|yelled|screamed|cried|repeated|exclaimed|insisted|warned|claimed|"
    r"argued)\s*$",
    re.I,
)
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


class QuoteStage:
    """Pipeline stage: fills ``article.quotes`` (needs the language stage's annotations)."""

    name = "quotes"

    def process(self, articles: list[Article]) -> list[Article]:
        """Every article with its quotes (new articles; the given ones are left as they are)."""
        return [replace(article, quotes=find_quotes(article)) for article in articles]


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
    if marked.closed and _TITLE_NOUN_AFTER.match(after):
        return None  # the title or label of the show, report or podcast named after it
    if _title_case(words) and (
        _POSSESSIVE_BEFORE.search(tail) or re.search(r"(?:^|\s)(?:[Oo]n|[Ii]n|[Aa]t)$", tail)
    ):
        return None  # 'CNN’s “State of the Union”', 'On "State of the Union," Paul added
    if (
        _title_case(words)
        and not _CUE_NEXT.match(after)
        and not re.search(r"[:,]\s*$", before)
        and not _SAID_BEFORE.search(tail)
        and not (len(words) >= 5 and text.rstrip().endswith("."))
    ):
        return None  # a title or a name: "Morning Joe", “A Change Is Gonna Come”
    if len(words) <= 3 and text.rstrip().endswith((",", "!", "?")):
        if _CUE_NEXT.match(after):
            return "direct"  # dialogue: “Judge,” Brafman said
    sentence = text.rstrip().endswith((".", "!", "?")) and text.lstrip()[:1].isupper()
    opens = not before or before.endswith((".", "!", "?", ":"))
    if len(words) <= 3 and not text.rstrip(" ,.").endswith(("!", "?")) and not (sentence and opens):
        if _SO_CALLED.search(tail) or re.fullmatch(r"[A-Z][\w-]*\d[\w-]*|[A-Z]{2,}", text.strip()):
            return "scare"  # so-called «moderate»; a code or an acronym: the pope's “G9” group
        # 'Rubio called Trump "very flexible"', 'an op-ed describing him as a "dimwitted duke"',
        # 'Dumont congratulated the party for its "seriousness"': a verb of saying or labelling
        # whose clause holds the term makes it the words of that clause's subject, determiner
        # or not; so does a reported clause closed by a cue ('… "these noble animals" …, it
        # states.').
        governing = governing_subject(speakers, marked.start, marked.end, _LABELLING)
        if (
            governing is not None
            and (governing[1] is not None or speaker_words(governing[2]) is not None)
            and not _is_a_subject(speakers, marked.start, marked.end)
        ):
            return "partial"
        if cue_at_end(speakers, marked.start, marked.end) is not None:
            return "partial"
        if _TERM_BEFORE.search(tail):
            return "scare"
        start, _ = _sentence_of(article, marked.start)
        if cue_in_sentence(speakers, start, marked.start) is not None:
            return "partial"
        return "scare"
    if not before or before.endswith((":", ",", ".", "!", "?", "—", "–")) or before[-1:] in "\n":
        return "direct"
    sentence_start, _ = _sentence_of(article, marked.start)
    if not body[sentence_start : marked.start].strip(" \"'“«„‘"):
        return "direct"
    return "partial"


def _is_a_subject(speakers: Speakers, start: int, end: int) -> bool:
    """The quoted term is the subject of a clause of its own ('After “parties not-so-unknown”
    bombed the pipeline, Blinken celebrated …'): a noun the writer puts in quotes, not words
    that the later verb's subject said."""
    sentence = sentence_at(speakers.article, start)
    if sentence is None:
        return False
    return any(
        clause["subject_head"]["start"] < end and start < clause["subject_head"]["end"]
        for clause in speakers.clauses_between(sentence[0], sentence[1])
        if not clause["passive"] and clause["governor"] is None
    )  # the head: a term inside a subject's relative clause is not the subject; nor is one in
    # a complement clause ('Abe said that the “whole world” wanted to avoid …')


_SMALL = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "is", "with", "by"}


def _title_case(words: list[str]) -> bool:
    """Two or more words, every word but the small ones capitalised (a title or a name)."""
    content = [w for w in words if w.lower() not in _SMALL]
    return len(words) >= 2 and bool(content) and all(w[:1].isupper() for w in content)


@dataclass(frozen=True)
class _Quoted:
    """One quoted span being attributed, with what the rules look at."""

    speakers: Speakers
    marked: Marked
    kind: str
    start: int  # the quoted words, trimmed
    end: int
    paragraph: tuple[int, int]
    limit: int  # where the previous quote of the paragraph closed
    last: _Last | None  # the last speaker found before this quote

    @property
    def opening(self) -> int:
        """Offset of the opening mark."""
        return self.marked.start - len(self.marked.open_mark)

    @property
    def after_close(self) -> int:
        """Offset right after the closing mark (the quote's end when it never closed)."""
        return self.marked.end + (len(self.marked.open_mark) if self.marked.closed else 0)


#: (cue, actor id, speaker mention, end of the paragraph it was found in)
_Last = tuple[str | None, str | None, Span | None, int]


def _at_end(q: _Quoted) -> Found | None:
    return cue_at_end(q.speakers, q.start, q.end)


def _in_sentence(q: _Quoted) -> Found | None:
    sentence_start, _ = _sentence_of(q.speakers.article, q.marked.start)
    return cue_in_sentence(q.speakers, sentence_start, q.marked.start)


def _after(q: _Quoted) -> Found | None:
    return cue_after(q.speakers, q.after_close, q.paragraph[1], q.marked.end)


def _before(q: _Quoted) -> Found | None:
    return cue_before(q.speakers, q.opening, q.limit)


def _colon_before_paragraph(q: _Quoted) -> Found | None:
    """A paragraph that opens with the quote, after one ending "X continued:"."""
    body = q.speakers.body
    if body[q.paragraph[0] : q.opening].strip():
        return None
    previous = body[: q.paragraph[0]].rstrip()
    if not previous.endswith(":"):
        return None
    return colon_subject(q.speakers, max(0, len(previous) - 300), len(previous))


def _transcript(q: _Quoted) -> Found | None:
    """'BIDEN ADVISOR BRIAN DEESE: “…”': the speaker label that opens a transcript line."""
    return transcript_label(q.speakers, q.paragraph[0], q.opening)


def _governing(q: _Quoted) -> Found | None:
    return governing_subject(q.speakers, q.start, q.end)


def _paragraph_voice(q: _Quoted) -> Found | None:
    """'he said outside. But “Trump's candidacy …”': the speaker of the same paragraph."""
    if q.last is not None and q.last[3] >= q.paragraph[0]:
        return q.last[0], q.last[1], q.last[2]
    return None


def _previous_voice(q: _Quoted) -> Found | None:
    """'And the runners “are often drunk …”' with no cue in its sentence, in the paragraph
    right after a quote: the words go on in that quote's voice."""
    if q.last is not None and _near(q.speakers.body, q.last[3], q.paragraph[0]):
        return q.last[0], q.last[1], q.last[2]
    return None


def _voice(q: _Quoted) -> Found | None:
    """A direct quote with no cue beside it: in a new paragraph after a sentence of the
    writer's ("Clinton touted her credentials. “…”"), that sentence's subject; else the last
    speaker when the quote is in the same paragraph or the one right after; else the subject
    of the clause that holds it."""
    same_paragraph = q.last is not None and q.last[3] >= q.paragraph[0]
    if not same_paragraph:
        intro = intro_subject(q.speakers, q.paragraph[0], q.opening)
        if intro is not None:
            return intro
    if q.last is not None and _near(q.speakers.body, q.last[3], q.paragraph[0]):
        return q.last[0], q.last[1], q.last[2]
    return governing_subject(q.speakers, q.start, q.marked.end)


#: The attribution rules, in the order they are tried, by kind of quote. A partial quote is
#: the writer's sentence first (its verb of saying before or after the quote); a direct quote
#: is the cue beside its marks first.
RULES: dict[str, tuple[Callable[[_Quoted], Found | None], ...]] = {
    "partial": (
        _transcript,
        _at_end,
        _in_sentence,
        _after,
        _before,
        _colon_before_paragraph,
        _governing,
        _paragraph_voice,
        _previous_voice,
    ),
    "direct": (_transcript, _after, _before, _at_end, _colon_before_paragraph, _voice),
    "scare": (),
}


def find_quotes(article: Article) -> list[Quote]:
    """Direct, partial, scare and indirect quotes of an analysed article."""
    body = article.body
    speakers = Speakers(article)
    quotes: list[Quote] = []
    last: _Last | None = None
    for para in paragraph_runs(body, _paragraphs(body)):
        marks = quoted_spans(body[para[0] : para[1]], para[0])
        limit = para[0]
        for marked in marks:
            kind = _kind(speakers, marked, para)
            if kind is None:
                continue
            start, end = _trim(body, marked.start, marked.end)
            if end <= start:
                continue
            quoted = _Quoted(speakers, marked, kind, start, end, para, limit, last)
            limit = quoted.after_close
            rules = RULES[kind]
            index, found = next(
                ((i, f) for i, rule in enumerate(rules) if (f := rule(quoted)) is not None),
                (len(rules), None),
            )
            cue, actor, mention = found if found is not None else (None, None, None)
            if _is_pronoun(mention):
                actor = _pronoun_check(speakers, quoted, actor, mention, rules[index + 1 :])
            if actor is None and last is not None:
                actor = _pronoun_from_last(speakers, mention, last, para)
            quotes.append(
                {
                    "text": body[start:end],
                    "kind": kind,
                    "cue": cue,
                    "speaker": speakers.name(actor) or speaker_words(mention),
                    "speaker_actor": actor,
                    "speaker_mention": mention,
                    "start": start,
                    "end": end,
                }
            )
            if kind in ("direct", "partial") and (actor or mention):
                last = (cue, actor, mention, para[1])
    reported = speakers.indirect(quotes)
    posts = find_posts(body, [_reach(q) for q in reported if q["speaker_actor"]])
    quotes.extend(post_quotes(speakers, posts))
    quotes = inside_posts(posts, quotes + reported)
    quotes.sort(key=lambda q: q["start"])
    _continue_speakers(body, quotes)
    _publishers(speakers, quotes)
    _role_holders(speakers, quotes)
    _the_man_or_woman(speakers, quotes)
    full_names(speakers, quotes)
    return quotes


#: "the man", "the woman": a definite description that only refers back, as "he" or "she".
_REFERS_BACK = re.compile(r"the\s+(?:(?P<he>man|gentleman)|(?P<she>woman|lady))", re.I)


def _the_man_or_woman(speakers: Speakers, quotes: list[Quote]) -> None:
    """'“Provocations,” the man said.': "the man" is the last man named before it, found as
    "he" would be (:func:`resolve_pronoun`); "the woman" as "she"."""
    for quote in quotes:
        mention = quote["speaker_mention"]
        if mention is None:
            continue
        found = _REFERS_BACK.fullmatch(mention["text"].strip())
        if not found:
            continue
        # a stranger described so is no one named far back ("the man is heard saying")
        pronoun = "he" if found["he"] else "she"
        actor = resolve_pronoun(speakers.article, mention["start"], pronoun, reach_back=False)
        if actor:
            quote["speaker"], quote["speaker_actor"] = speakers.name(actor), actor


def _reach(quote: Quote) -> tuple[int, int]:
    """A reported quote's span with its speaker's mention."""
    mention = quote["speaker_mention"]
    if mention is None:
        return quote["start"], quote["end"]
    return min(mention["start"], quote["start"]), max(mention["end"], quote["end"])


#: "the QS leader", "the Green Alliance negotiator": a role qualified by a name or an acronym.
_NAMED_ROLE_DESCRIPTION = re.compile(
    r"the\s+(?P<qual>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})(?:’s|'s)?\s+(?:[a-z][\w-]*\s+)?"
    r"(?P<role>[a-z]+)",
    re.I,
)


def _role_holders(speakers: Speakers, quotes: list[Quote]) -> None:
    """'the QS leader told …': when the mention is a role of a named body and exactly one
    person of the article holds a role of that body in an apposition ('Gabriel Nadeau-Dubois,
    Québec Solidaire’s (QS) principal spokesperson') or before the name ('QS leader Gabriel
    Nadeau-Dubois'), that person speaks."""
    body = speakers.body
    people = [a for a in speakers.article.actors if a["kind"] == "person"]
    for quote in quotes:
        mention = quote["speaker_mention"]
        if quote["speaker_actor"] or mention is None:
            continue
        match = _NAMED_ROLE_DESCRIPTION.fullmatch(mention["text"].strip())
        if not match or not _SPEAKER_NOUN.fullmatch(match.group("role")):
            holders = _holders_of_role_of(body, mention, people)
        else:
            qual = re.escape(match.group("qual"))
            holders = set()
            for person in people:
                for m in person["mentions"]:
                    after = body[m["end"] : m["end"] + 80]
                    before = body[max(0, m["start"] - 60) : m["start"]]
                    if re.match(rf",\s*[^,.;\n]{{0,60}}\b{qual}\b", after) or re.search(
                        rf"\b{qual}(?:’s|'s)?\s+(?:[a-z][\w-]*\s+){{1,3}}$", before
                    ):
                        holders.add(person["id"])
        if len(holders) == 1:
            actor = holders.pop()
            quote["speaker"], quote["speaker_actor"] = speakers.name(actor), actor


#: "A former head" of "… of British intelligence agency MI6": an indefinite or definite role.
_ROLE_MENTION = re.compile(r"(?:a|an|the)\s+(?:[a-z][\w-]*\s+){0,2}?(?P<role>[a-z]+)", re.I)
#: The "of" phrase after it, up to the verb or a comma, and its capitalised words.
_OF_PHRASE = re.compile(
    r"\s+of\s+(?P<of>[^,.;:\n“”\"]{2,60}?)(?=\s+(?:has|have|had|is|are|was|were|will|would|"
    r"says|said|told|\w+ed)\b|[,.;:]|$)"
)
_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]*[A-Za-z0-9]")
_HONORIFIC = r"(?:(?:Sir|Dame|Lord|Lady|Baroness|Dr\.?|Gen\.?|Mr\.?|Mrs\.?|Ms\.?)\s+)?"


def _holders_of_role_of(body: str, mention: Span, people: list) -> set[str]:
    """'A former head of British intelligence agency MI6 has warned …': the people the
    article names with that role of one of the phrase's capitalised words ('former MI6 head
    Sir Richard Dearlove', 'Richard Dearlove, a former head of MI6'); a lead often
    describes its speaker before naming them."""
    match = _ROLE_MENTION.fullmatch(mention["text"].strip())
    if not match or not _SPEAKER_NOUN.fullmatch(match.group("role")):
        return set()
    of = _OF_PHRASE.match(body, mention["end"])
    if of is None:
        return set()
    role = re.escape(match.group("role"))
    holders: set[str] = set()
    for qual in {re.escape(word) for word in _CAPITALISED.findall(of.group("of"))}:
        for person in people:
            for m in person["mentions"]:
                before = body[max(0, m["start"] - 60) : m["start"]]
                after = body[m["end"] : m["end"] + 100]
                if re.search(
                    rf"\b{qual}(?:’s|'s)?\s+(?:[a-z][\w-]*\s+){{0,2}}{role}s?\s+{_HONORIFIC}$",
                    before,
                ) or re.match(
                    rf",\s*(?:a|an|the)?\s*(?:[a-z][\w-]*\s+){{0,2}}{role}\s+of\s+"
                    rf"[^,.;\n]{{0,60}}\b{qual}\b",
                    after,
                ):
                    holders.add(person["id"])
    return holders


#: A document and who published it: "animal welfare associations have published a manifesto".
_PUBLISHED = re.compile(
    r"(?P<who>[A-Z][^.;:!?\n]{1,80}?)\s+(?:(?:has|have|had)\s+(?:also\s+)?)?"
    r"(?:published|issued|released|signed|presented|put\s+out|drew\s+up|drawn\s+up|wrote|"
    r"written|sent|launched)\s+(?:a|an|the|its|their|his|her)\s+(?:[\w-]+\s+){0,3}?"
    r"(?P<doc>manifesto|report|statement|letter|declaration|petition|communiqu[ée]|study|"
    r"document|paper|memo|resolution|charter|appeal|open\s+letter)s?\b"
)
#: ... and the passive: "The letter, written by former MI6 head Sir Richard Dearlove and …".
_WRITTEN_BY = re.compile(
    r"\b(?:manifesto|report|statement|letter|declaration|petition|communiqu[ée]|study|document|"
    r"paper|memo|resolution|charter|appeal)s?\s*,?\s+(?:(?:which|that)\s+(?:was|were)\s+)?"
    r"(?:written|signed|issued|published|sent|penned|drafted|authored|released)\s+by\s+"
    r"(?P<who>[^,.;:!?\n]{2,120}?)(?=\s*[,.;:!?\n]|$)"
)
_LEAD_WORDS = re.compile(r"^(?:(?:And|But|So|Now|Meanwhile|Also|Then|Yet|Still)\b[\s,]*)+")
#: What stands for the document in the cue: "which describes", "it states", "the manifesto".
_DOCUMENT_MENTION = re.compile(
    r"(?:which|that|it|(?:the|this|that|its|their)\s+(?:[\w-]+\s+)?"
    r"(?:manifesto|report|statement|letter|declaration|petition|communiqu[ée]|study|document|"
    r"paper|memo|resolution|charter|appeal))",
    re.I,
)


def _publishers(speakers: Speakers, quotes: list[Quote]) -> None:
    """A quote whose cue's subject is a document ('a manifesto …, which describes …', '…, it
    states.', 'the letter says') belongs to whoever published it, when the same or the
    paragraph before says so ('animal welfare associations have published a manifesto'), or
    a few paragraphs before, its first author ('The letter, written by … Sir Richard Dearlove
    and … Lord Guthrie,')."""
    body = speakers.body
    paragraphs = _paragraphs(body)
    for quote in quotes:
        mention = quote["speaker_mention"]
        if mention is None or (
            quote["speaker_actor"] and mention["text"].strip().lower() not in ("it", "which")
        ):
            continue  # 'it' may have been resolved to a noun of the quote's own sentence
        if not _DOCUMENT_MENTION.fullmatch(mention["text"].strip()):
            continue
        here = next((i for i, p in enumerate(paragraphs) if p[0] <= mention["start"] < p[1]), 0)
        window_start = paragraphs[max(0, here - 1)][0]
        matches = list(_PUBLISHED.finditer(body, window_start, mention["start"]))
        # the passive names the authors first, the first of them leads: a few paragraphs back
        written = [  # or in the mention itself: 'The letter, written by …, claims'
            m
            for m in _WRITTEN_BY.finditer(
                body, paragraphs[max(0, here - 4)][0], min(len(body), mention["end"] + 200)
            )
            if m.start() < mention["end"]
        ]
        found = max(matches[-1:] + written[-1:], key=lambda m: m.start(), default=None)
        if found is None:
            continue
        who_start = found.start("who")
        lead = _LEAD_WORDS.match(found.group("who"))
        if lead:
            who_start += lead.end()
        who_end = found.end("who")
        if found.re is _WRITTEN_BY:  # its first author, not the body in a role ("MI6 head")
            inside = speakers.mentions_between(who_start, who_end)
            people = [m for m in inside if speakers.kinds.get(m[2], ("",))[0] == "person"]
            hit = (people or inside or [None])[0]
        else:
            hit = speakers.last_mention_ending_in(who_start, who_end)
            hit = hit if hit is not None and hit[1] >= who_end - 1 else None
        if hit is not None:
            actor, span = hit[2], speakers.span(hit[0], hit[1])
        else:
            actor, span = None, speakers.span(who_start, who_end)
        name = speakers.name(actor) or speaker_words(span)
        if name is None:
            continue
        quote["speaker"], quote["speaker_actor"], quote["speaker_mention"] = name, actor, span


_PERSONAL = {"he": "person", "she": "person", "they": None, "it": None}


def _pronoun_check(
    speakers: Speakers,
    q: _Quoted,
    actor: str | None,
    mention: Span,
    later: tuple[Callable[[_Quoted], Found | None], ...],
) -> str | None:
    """The actor of a pronoun cue ('…,' he added): not one named only inside the quote itself
    ('“I intend to consult with … Rod Rosenstein …,” he added' is not Rosenstein's); when the
    pronoun stays unresolved, the actor the later rules find, if of the pronoun's kind ('May
    told reporters …: ¶ "…," she said': the colon before the paragraph)."""

    def only_inside(who: str) -> bool:
        inside = any(a == who for _, _, a in speakers.mentions_between(q.start, q.end))
        window = max(0, q.paragraph[0] - 600)  # the paragraph and the one or two before it
        before = any(a == who for _, _, a in speakers.mentions_between(window, q.opening))
        return inside and not before

    if actor is not None and _only_a_modifier(speakers, actor, mention["start"]):
        # 'Making no mention of the Mueller report, he posted': "the Mueller report" names no
        # one that "he" can be; the sentence before has the referent ('Earlier Trump had …')
        sentence = sentence_at(speakers.article, mention["start"])
        if sentence is not None:
            actor = resolve_pronoun(speakers.article, sentence[0], mention["text"])
    if actor is not None and not only_inside(actor):
        return actor
    person = _PERSONAL.get(mention["text"].lower()) == "person"
    for rule in later:
        found = rule(q)
        if found is None or found[1] is None or only_inside(found[1]):
            continue
        if (speakers.kinds.get(found[1], ("",))[0] == "person") == person:
            return found[1]
    return None


#: A name as a noun's modifier: 'the Mueller report', 'the Trump administration'.
_MODIFIER_BEFORE = re.compile(r"\b(?:the|a|an)\s+$", re.I)
_MODIFIER_AFTER = re.compile(r"^\s+[a-z]")


def _only_a_modifier(speakers: Speakers, actor: str, pronoun: int) -> bool:
    """Every mention of ``actor`` in the pronoun's sentence before it modifies a noun."""
    sentence = sentence_at(speakers.article, pronoun)
    if sentence is None:
        return False
    body = speakers.body
    mentions = [m for m in speakers.mentions_between(sentence[0], pronoun) if m[2] == actor]
    return bool(mentions) and all(
        _MODIFIER_BEFORE.search(body[max(0, m[0] - 6) : m[0]])
        and _MODIFIER_AFTER.match(body[m[1] : m[1] + 3])
        for m in mentions
    )


def _pronoun_from_last(
    speakers: Speakers, mention: Span | None, last: _Last, para: tuple[int, int]
) -> str | None:
    """A pronoun cue the language stage could not resolve ('“…,” she added.' after two
    paragraphs that are all quotation, 'He concluded: “…”' after a quote running over several
    paragraphs): the speaker of the last quote, when it is of the pronoun's kind and that quote
    is at most three paragraphs back with nobody named outside quotation marks since."""
    if mention is None or mention["text"].lower() not in _PERSONAL or last[1] is None:
        return None
    kind = speakers.kinds.get(last[1], ("", None))[0]
    wanted = _PERSONAL[mention["text"].lower()]
    if (wanted == "person") != (kind == "person"):
        return None
    body = speakers.body
    between = body[last[3] : para[0]]
    if between.count("\n\n") > 3 or between.count("\n") > 6:
        return None
    for start, _, actor in speakers.mentions_between(last[3], mention["start"]):
        if (speakers.kinds.get(actor, ("", None))[0] == "person") == (wanted == "person"):
            if not open_quotation(body[body.rfind("\n", 0, start) + 1 : start]):
                return None
    return last[1]


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
            and not (previous["cue"] or "").startswith("@")  # an embedded post goes on in no one
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
