"""What is not reported speech, though a verb of saying or "according to" stands in it.

Indirect speech is found from its verb alone (no quotation marks say it is speech), so the
verb's other uses must be told apart from a report of what someone said:

- the writer's own exhortation: "let's consider two explanations", "let me say";
- an addressee and a topic, with no content: "Shoigu reported to Putin on the liberation of
  …" ("on …" is what the report was about, not what it said), "told NBC in an interview";
- a source that is no one, before or after "according to": data, figures, statistics or
  information ("according to the information made public at the time", "according to DHS
  data"): the head of the phrase counts, not its last word;
- the cue of a quotation before it, in the same sentence: '“…,” one organizer shouted during
  a livestream', '“…,” he added, attributing …' (what follows the cue is no reported clause);
- a link alone: 'pic.twitter.com/… — Kay Burley (@KayBurley)' signs an embedded tweet whose
  words are on the lines before;
- a finding, not words: what a poll, survey, footage, a picture or figures "show", "found"
  or "indicate" ("A December poll found the movement had the highest favorability ratings",
  "Video footage shows Goddard being put in the back of a police van") is evidence the writer
  reports, and no one said it.
"""

from __future__ import annotations

import re

from chronist.model import Clause

#: A source of figures or information, not of anyone's words.
_FACELESS = re.compile(
    r"\b(?:data|figures|statistics|stats|numbers|estimates?|records|calculations|tally|"
    r"census|database|charts?|graphs?|tables?|information|info)$",
    re.I,
)
#: Where the head of an "according to" source ends: a participle or a relative ("the
#: information made public at the time", "figures released on Monday", "data that …").
_HEAD_END = re.compile(
    r"\s+(?:made|released|published|obtained|provided|gathered|compiled|collected|seen|"
    r"cited|quoted|shared|posted|leaked|which|that)\b",
    re.I,
)
#: "to Putin on the liberation …": an addressee, then a topic.
_ADDRESSEE_TOPIC = re.compile(
    r"\s+to\s+(?:(?:the|a|an|his|her|their|its|our|him|them|us|me|reporters|journalists)\b|"
    r"[A-Z])[^,.;:\"“”«»]{0,60}?\s+(?:on|about|regarding|concerning|over)\b",
    re.I,
)


#: Verbs by which evidence, not a speaker, shows something.
_SHOWING = frozenset(
    {"show", "find", "found", "indicate", "suggest", "reveal", "confirm", "demonstrate", "depict"}
)
#: Things that show but never say, besides the faceless sources of figures: polls,
#: recordings, pictures, results.
_MUTE = re.compile(
    r"\b(?:polls?|polling|surveys?|footage|videos?|clips?|pictures?|photos?|photographs?|"
    r"images?|recordings?|cameras?|maps?|satellite|results?|tests?|samples?|numbers|"
    r"documents|filings|files|papers)$",
    re.I,
)


def a_finding(lemma: str, subject_head: str) -> bool:
    """A verb of showing whose subject is a poll, a recording, a picture or numbers ("polls
    show", "the figures showed", "A Friday picture showed"): a finding, not reported speech."""
    head = subject_head.strip()
    return lemma in _SHOWING and bool(_MUTE.search(head) or _FACELESS.search(head))


def faceless_source(source: str) -> bool:
    """The source of "according to" is data or information, not someone whose words these
    are ("the information made public at the time", "US Department of Homeland Security
    (DHS) data")."""
    source = source.strip()
    if _FACELESS.search(source):
        return True
    head = _HEAD_END.split(source, maxsplit=1)[0]
    return bool(_FACELESS.search(head))


def not_a_report(clause: Clause, after_verb: str) -> bool:
    """The clause's verb of saying does not report content here: the writer's "let's …", or
    an addressee and a topic with no reported clause ('reported to Putin on …', 'told NBC in
    an interview airing Monday', with no "that" or comma after it). ``after_verb``: the text
    after the verb."""
    governor = clause["governor"]
    if governor is not None and governor["lemma"] == "let":
        return True
    if clause["complement"] is None and clause["lemma"] == "tell":
        rest = after_verb.split(".", 1)[0]
        if not re.search(r"\bthat\b|,", rest):
            return True  # 'told the network in an interview' (the words, if any, are quoted)
    return (
        clause["complement"] is None
        and clause["lemma"] != "point"
        and bool(_ADDRESSEE_TOPIC.match(after_verb))
    )


#: A quotation's end: its last punctuation and the closing mark ('war,”', "family,'").
_QUOTE_END = re.compile(r"[,.!?…][”\"’'»]")
#: Content that is links and nothing else.
_LINKS_ONLY = re.compile(r"(?:\S*(?:https?://|pic\.twitter\.com/|t\.co/|www\.)\S*\s*)+")


def cue_of_a_quotation(before_verb: str, speech_verb: re.Pattern[str]) -> bool:
    """``before_verb``, the sentence up to the verb, ends in a quotation and then only its
    speaker ('“…,” one far-right organizer '), with no other verb of saying between: the verb
    is that quotation's cue, not the start of reported speech."""
    ends = list(_QUOTE_END.finditer(before_verb))
    if not ends:
        return False
    between = before_verb[ends[-1].end() :]
    return len(between) <= 120 and not speech_verb.search(between)


def links_only(content: str) -> bool:
    """The reported words are a link or links and nothing else."""
    return bool(_LINKS_ONLY.fullmatch(content.strip(" .")))


#: Small words a headline leaves in lower case.
_HEADLINE_SMALL = frozenset(
    "a an and as at but by for from in into of on or the to up via vs with".split()
)


def headline_only(content: str) -> bool:
    """The reported words are a headline: three or more words, every one but the small ones
    capitalised ("Eurointelligence says You Really Should Not Take EU's Willingness to Extend
    for Granted", "Bloomberg's Brexit Bulletin concludes Not Enough Votes"): the title of a
    piece cited, not what anyone said."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", content)]
    big = [w for w in words if w.lower() not in _HEADLINE_SMALL]
    capitals = sum(1 for w in big if w[:1].isupper())
    if len(words) < 3 or len(big) < 2:
        return False
    # a long headline may keep a word or two in lower case ("Deal or No deal, Brexit Cannot
    # be Stopped"); a short one, all names, may be a sentence of names ("Obama and Clinton lied")
    return capitals == len(big) or (len(big) >= 6 and capitals >= 0.7 * len(big))
