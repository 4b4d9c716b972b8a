"""Page-chrome vocabulary and line patterns shared by the plain-text classifier.

The widget vocabulary lives in ``widgets.txt`` beside this module (one regular expression per
line, matched case-insensitively) so users can read and extend it. A line is a widget when nothing
but separators is left after every vocabulary phrase is removed from it: that also catches phrases
that a scraper glued together ("Community standardsDiscussion").
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_SEPARATORS = re.compile(r"^[\s|·•/\\:;,.!?()\[\]{}<>«»\"'“”‘’\-–—_*#+=>~^0-9]*$")


@cache
def _widget_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    text = resources.files("chronist.extract").joinpath("widgets.txt").read_text("utf-8")
    widgets, barriers = [], []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("!"):
            barriers.append(line[1:].strip())
        else:
            widgets.append(line)
    alternation = "|".join(f"(?:{p})" for p in sorted(widgets + barriers, key=len, reverse=True))
    edge = r"(?:(?<!\w)|(?-i:(?<=[a-z])(?=[A-Z])))"
    tail = r"(?:(?!\w)|(?-i:(?<=[a-z])(?=[A-Z])))"
    widget = re.compile(rf"{edge}(?:{alternation}){tail}", re.I)
    barrier = re.compile(rf"^\W*(?:{'|'.join(barriers)})\W*$", re.I)
    return widget, barrier


def is_widget(line: str) -> bool:
    """True when the line is made of widget vocabulary alone ("Listen Live", "Share | Tweet")."""
    widget, _ = _widget_patterns()
    if len(line) > 160:
        return False
    rest, n = widget.subn(" ", line)
    return n > 0 and bool(_SEPARATORS.match(rest))


def is_barrier(line: str) -> bool:
    """True for headings that open a non-article section (comments, related stories)."""
    _, barrier = _widget_patterns()
    return bool(barrier.match(line))


COMMENTS_HEADING = re.compile(
    r"^\W*(?:\d+\s+)?(?:comments?|leave a (?:reply|comment)|reader comments|responses?|"
    r"join the (?:conversation|discussion)|top rated comments|discussion)\W*(?:\(\d+\))?\W*$",
    re.I,
)
COMMENT_AUTHOR = re.compile(r"^.{2,90}?\s(?:says|said|wrote|writes|replied)\s*:$", re.I)
RELATIVE_TIME = re.compile(
    r"\b\d+\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b", re.I
)
URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
IMAGE_FILE = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|svg|avif)(?:\?\S*)?$", re.I)
CREDIT = re.compile(
    r"^\(?(?:©|\(c\)\s|copyright\b|photo(?:graph)?s?\s*(?:by|credit)?\s*:|photo by\b|"
    r"(?:image|picture|photo) (?:credit|source)s?\s*:|image\s*:|"
    r"picture\s*:|credit\s*:|foto\s*:|source\s*:\s*(?:getty|reuters|ap|afp))",
    re.I,
)
AGENCY_CREDIT = re.compile(
    r"(?:getty images|shutterstock|afp|reuters|ap photo|associated press|epa|anadolu|tass|"
    r"bloomberg|"
    r"ria novosti|xinhua)\s*\)?$",
    re.I,
)
INLINE_LINK = re.compile(
    r"^(?:related|read more|read also|also read|see also|more|recommended|watch|listen|"
    r"more on this|further reading|read next)\s*:\s*\S",
    re.I,
)
BYLINE_PREFIX = re.compile(
    r"^(?:by|written by|reporting by|author\s*:|authors\s*:|text\s*:|von|par|por|di|"
    r"автор\s*:|авторы\s*:|текст\s*:)\s+(.+)$",
    re.I,
)
BYLINE_PIPE = re.compile(r"^([^|·•]{3,60}?)\s*[|·•]\s*([^|·•]{2,60})$")
TAG_PREFIX = re.compile(
    r"^(?:tags?|keywords?|topics?|filed under|tagged(?: with)?|schlagwörter|themen|mots-clés|"
    r"etiquetas|теги|метки|ключевые слова|темы)\s*:\s*(.+)$",
    re.I,
)
PUBLISHED_CUE = re.compile(
    r"^(?:published|posted|first published|publication date|date)\s*(?:on|at|:)?\s*(.+)$", re.I
)
UPDATED_CUE = re.compile(r"^(?:updated|last updated|modified)\b", re.I)


def is_image_id(line: str) -> bool:
    """A bare image file name or id left by a scraper: ``8090212-3x2-700x467``, ``rtsv6r5``."""
    if " " in line or not 4 <= len(line) <= 80:
        return False
    if IMAGE_FILE.match(line):
        return True
    has_digit = any(c.isdigit() for c in line)
    has_alpha = any(c.isalpha() for c in line)
    return has_digit and has_alpha and bool(re.fullmatch(r"[\w.\-]+", line))


PROMO = re.compile(
    r"\b(?:sign(?:ing)? up|subscribe|subscription|newsletters?|inbox|alerts|unsubscribe|"
    r"privacy policy|terms of service|recaptcha|download (?:the|our) app)\b",
    re.I,
)
CREDITED_CAPTION = re.compile(
    r"(?:[/|]\s*|\b(?:photo|image|credit)s?:\s*)(?:[\w.' -]{0,40}[/|]\s*)?"
    r"(?:getty images|ap(?: photo)?|afp|reuters|epa|shutterstock|bloomberg|anadolu|tass|xinhua)"
    r"(?: file| via getty images)?\s*\)?$",
    re.I,
)


def is_credit(line: str) -> bool:
    """A photo credit: ``© Agency / Name``, ``Photo: Name/Reuters``, ``Name | Getty Images``."""
    words = len(line.split())
    if words > 14:
        return False
    if CREDIT.match(line):
        return True
    return ("/" in line or "|" in line or words <= 4) and bool(AGENCY_CREDIT.search(line))


TRAILING_CREDIT = re.compile(
    r"\s*(?:\((?:photo|image|picture|credit|foto)[^)]*\)|(?:photo(?:graph)?|image|picture|credit|"
    r"foto)s?\s*(?:by|credit)?\s*:\s*[^.]{2,80}|©\s*[^.]{2,80})\s*$",
    re.I,
)
BREADCRUMB = re.compile(r"^[^›»>/|]{1,30}(?:\s+[›»>/|]\s+[^›»>/|]{1,30}){2,}$")


def strip_credit(caption: str) -> str:
    """A caption without the photo credit glued to its end (``… 2024. Photo: Agency/Name``)."""
    return TRAILING_CREDIT.sub("", caption).strip() or caption


#: Sentences of a web form or poll widget that scrapers keep in the text (a form plug-in's
#: hidden-field notice, a poll's sign-up terms): "This field is for validation purposes and
#: should be left unchanged. Completing this poll grants you access to … updates free of charge."
FORM = re.compile(
    r"\b(?:this field is for validation purposes|should be left unchanged|"
    r"completing this (?:poll|survey|form)|grants? you access to|updates free of charge|"
    r"you may opt[- ]out at any ?time|agree to (?:this|our) site['’]?s? privacy policy)\b",
    re.I,
)


#: Where a sentence ends inside a line: the form's sentences before the article's own text that
#: a scrape glued to them ("… Terms of Use. As long as the Hammonds remain in jail …").
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def split_form(line: str) -> list[str]:
    """``line``, or the form or poll widget text it opens with and the text after it, as two
    lines: the widget's sentences are chrome, what follows may be the article."""
    if len(FORM.findall(line)) < 2:
        return [line]  # most lines: no form here
    cut = 0
    for sentence in _SENTENCE_END.split(line):  # the form's sentences, up to another one
        if not FORM.search(sentence) and not PROMO.search(sentence):
            break
        cut = line.index(sentence, cut) + len(sentence)
    if cut == 0 or not line[cut:].strip() or len(FORM.findall(line[:cut])) < 2:
        return [line]  # no form first, or the whole line is the form's
    return [line[:cut].strip(), line[cut:].strip()]


def is_promo(line: str) -> bool:
    """Newsletter and app promotions: short lines with two promotion terms; a form or poll
    widget's text: two of its phrases, in a line of any length up to 80 words."""
    words = len(line.split())
    if words <= 80 and len(FORM.findall(line)) >= 2:
        return True
    return words <= 25 and len(PROMO.findall(line)) >= 2


#: A transcript line: a speaker label (capitals or Title Case, a few words) and a colon before a
#: quotation ('BIDEN ADVISOR BRIAN DEESE: "…"', 'Biden: “…”'), or an interview question ("Q: …").
#: It is the article's text, however short or unpunctuated (a tweet's link may close it).
TRANSCRIPT = re.compile(
    r"^(?:Q|A|Q\.|A\.)\s*:\s+\S"
    r"|^(?!(?i:watch|video|photo|image|picture|read|listen|see|update|breaking|related|more)\s*:)"
    r"(?-i:(?:[A-Z][\w.'’-]*)(?:\s+(?:[A-Z][\w.'’-]*|of|the|de|von|van|al|bin)){0,5})"
    r"\s*:\s*[“\"«„‘']\s*\w"
)
