"""The outlet an article names for itself, read from its text.

Three shapes carry it, tried in order of trust, each returning the value with the exact text it
rests on:

1. an agency dateline at the start of the body: ``BUDAPEST, Feb 18 (Reuters) -``,
   ``Washington (CNN)``, ``ROME, February 2, 2018 (LifeSiteNews) –``, ``TAOS, N.M. (AP) —``;
2. a copyright notice: ``©2018 Los Angeles Times, Distributed by Tribune Content Agency``,
   ``Copyright 2019 The Associated Press.`` (syndicates and photo libraries are not outlets);
3. the article speaking of itself: ``Sunday Express readers``, ``RT has learned``, ``told RT
   exclusively``, or ``told RT`` written twice with RT never cited as a third party ("according
   to RT", "RT reported"). Only outlets of the curated list in ``outlets.txt`` count here,
   because an article quotes other outlets all the time.

A copyright year is not taken as the publication date: a page footer carries the year it was
scraped in.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from chronist.extract.dates import MONTH_ALTERNATION

_SYNDICATES = {
    "tribune content agency",
    "creators.com",
    "creators",
    "creators syndicate",
    "king features",
    "king features syndicate",
    "andrews mcmeel",
    "andrews mcmeel syndication",
    "cagle cartoons",
    "getty images",
    "getty",
    "shutterstock",
    "alamy",
    "istock",
    "all rights reserved",
}

_PLACE = r"(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
_REGION = r"(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})"
_DAY = rf"(?:(?i:{MONTH_ALTERNATION})\.?\s+\d{{1,2}}(?:,?\s+(?:19|20)\d{{2}})?)"
_AGENCY_DATELINE = re.compile(
    rf"^(?:{_PLACE}{_REGION}{{0,2}}\s*,?\s*)?(?:{_DAY}\s*)?"
    r"\((?P<outlet>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})\)\s*(?:[-–—:]|(?=[A-Z“\"]))"
)
_COPYRIGHT = re.compile(
    r"^\s*(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)?\d{2,4})?)?"
    r"\s*,?\s*(?P<name>[^,.(|]+(?:\.(?:com|co\.uk|org|net))?)",
    re.I,
)
_COMPANY_SUFFIX = re.compile(r"\s+(?:Inc|LLC|Ltd|GmbH|plc|Corp|Co|S\.A|AG)\.?$", re.I)


@cache
def known_outlets() -> dict[str, str]:
    """Lower-cased name or alias → the name as usually written, from ``outlets.txt``."""
    text = resources.files("chronist.extract").joinpath("outlets.txt").read_text("utf-8")
    names: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            aliases = [name.strip() for name in line.split("|") if name.strip()]
            names.update((alias.lower(), aliases[0]) for alias in aliases)
    return names


def _outlet_alternation() -> str:
    text = resources.files("chronist.extract").joinpath("outlets.txt").read_text("utf-8")
    written = {
        name.strip()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
        for name in line.split("|")
        if name.strip()
    }
    return "|".join(re.escape(n) for n in sorted(written, key=len, reverse=True))


def is_copyright_notice(line: str) -> bool:
    """``©2018 …``, ``Copyright 2019 …``: a notice with its year, not a photo credit."""
    return bool(re.match(r"\s*(?:©|\(c\)|copyright)\s*©?\s*(?:19|20)\d{2}\b", line, re.I)) and (
        "/" not in line
    )


def credit_outlet(credit: str, widgets: list[str] | tuple[str, ...] = ()) -> str | None:
    """The outlet that owns a photo credit (``© Sputnik / Name``), only when it comes first and is
    a known outlet (``Name / AFP / Getty Images`` credits a photographer and an agency's photo),
    or when the page's own widgets name it as the site ("Comment via Meridian")."""
    text = re.sub(r"^(?:©|\(c\)|photo(?:graph)?\s*(?:by|credit)?\s*:?)\s*", "", credit, flags=re.I)
    first = re.split(r"\s*[/|]\s*", text.strip(" -–—"))[0].strip(" .")
    if first.lower() in known_outlets():
        return first
    if not re.fullmatch(r"[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}", first):
        return None
    if first.lower() in _SYNDICATES:
        return None
    site = re.compile(
        # glued widget text counts too: "Comment via FacebookComment via Meridian"
        r"(?i:comment|share|discuss|follow)(?:s|ed|ing)?\s+(?i:via|on|with)\s+"
        + re.escape(first)
        + r"(?![\w-])"
    )
    return first if any(site.search(line) for line in widgets) else None


def agency_dateline(paragraph: str) -> tuple[str, str] | None:
    """``(outlet, evidence)`` from a dateline that credits an agency or outlet in brackets."""
    match = _AGENCY_DATELINE.match(paragraph[:160])
    if not match:
        return None
    outlet = match.group("outlet").strip()
    if outlet.lower() in _SYNDICATES or re.fullmatch(r"[A-Z]\.?", outlet):
        return None
    if outlet.lower() in {"photo", "video", "audio", "update", "updated", "file", "opinion"}:
        return None
    return outlet, match.group(0).rstrip(" -–—:")


def copyright_outlet(line: str) -> tuple[str, str] | None:
    """``(outlet, evidence)`` from a copyright notice naming who published the text."""
    match = _COPYRIGHT.match(line)
    if not match or not is_copyright_notice(line):
        return None  # a notice names its year; "© Agency / Name" is a photo credit
    name = _COMPANY_SUFFIX.sub("", match.group("name").strip(" .,;:")).strip()
    if not name or name.lower() in _SYNDICATES or len(name.split()) > 6:
        return None
    if not name[0].isupper() and not name[0].isdigit():
        return None
    if name.isupper() and len(name) > 5:
        name = name.title() if "." not in name else name.lower().capitalize()
    return name, line.strip()


_SELF = (
    r"(?P<a>{o})\s+(?:readers|can reveal|has learned|has learnt|understands)\b"
    r"|(?:exclusively\s+told|in an exclusive interview with)\s+(?:the\s+)?(?P<b>{o})\b"
    r"|told\s+(?:the\s+)?(?P<c>{o})\s+exclusively\b"
)
_TOLD = r"\b(?:told|tells|telling|speaking to|spoke to|said to)\s+(?:the\s+)?(?P<o>{o})\b(?!['’]s)"
_THIRD_PARTY = (
    r"(?:according to|reported by|cited by|quoted by|via|per|told by|obtained by|published by|"
    r"(?:report|reporting|story|article|interview|piece|investigation)\s+(?:by|in|from|with))"
    r"\s+(?:the\s+)?(?:{o})\b|(?<![\w-])(?:{o})(?:['’]s)?\s+(?:reported|reports|said|says|wrote|"
    r"writes|noted|notes|published|revealed|report|article|story|reporter|correspondent|host|"
    r"anchor|interview)\b"
)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    alternation = _outlet_alternation()
    return (
        re.compile(r"(?<![\w-])(?:" + _SELF.format(o=alternation) + ")"),
        re.compile(_TOLD.format(o=alternation)),
    )


def _canonical(name: str) -> str:
    return known_outlets().get(name.lower(), name)


def _quoted(body: str, offset: int) -> bool:
    """Whether ``offset`` lies inside quotation marks of its paragraph."""
    start = body.rfind("\n", 0, offset) + 1
    before = body[start:offset]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def self_reference(body: str) -> tuple[str, str] | None:
    """``(outlet, evidence)`` where the article speaks of the outlet that publishes it."""
    own, told = _patterns()
    for match in own.finditer(body):
        if _quoted(body, match.start()):
            continue
        name = next(g for g in match.groups() if g)
        return name, _snippet(body, match.start(), match.end())
    counts: dict[str, list[re.Match[str]]] = {}
    for match in told.finditer(body):
        if not _quoted(body, match.start()):
            counts.setdefault(_canonical(match.group("o")), []).append(match)
    if len(counts) != 1:
        return None  # several outlets told things: the article cites, it does not speak
    ((canonical, matches),) = counts.items()
    if len(matches) < 2:
        return None
    aliases = [a for a, c in known_outlets().items() if c == canonical]
    third = _THIRD_PARTY.format(o="|".join(re.escape(a) for a in aliases))
    if re.search(third, body, re.I):
        return None
    return matches[0].group("o"), _snippet(body, matches[0].start(), matches[0].end())


def _snippet(body: str, start: int, end: int) -> str:
    """The sentence-sized text around a match, as evidence."""
    stop_before = body.rfind(". ", 0, start)
    left = max(stop_before + 2 if stop_before >= 0 else 0, body.rfind("\n", 0, start) + 1)
    left = max(left, start - 80)
    right = [i for i in (body.find(". ", end), body.find("\n", end)) if i >= 0]
    stop = min([*right, end + 80, len(body)])
    return body[left:stop].strip()
