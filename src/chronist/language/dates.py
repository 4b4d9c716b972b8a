"""Temporal expressions: found by spaCy (DATE entities) and normalised to ISO with a precision.

Parsing a string into calendar parts is dateparser's job (it knows month names, weekdays and
relative phrases in many languages); *anchoring* is chronist's own, because no library does it
the way news needs: an expression is placed against the article's publication date, else the
``published_after`` bound (from dated captions), else the latest full date written in the body,
else an explicit year, and never against the page clock or today's date. The anchor used is
recorded on every item.

Rules for a date without a year ("November 22", "in October", "December 8-9"): the year that
puts it closest to the anchor, ties going to the past, so a story of late November 2016 reads
"January" as January 2017 and "October" as October 2016.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache
from typing import Any

from chronist.extract.dates import MONTH_ALTERNATION, find_dates
from chronist.model import Article, TimeExpression

_MONTHS_EN = {
    m: i
    for i, names in enumerate(
        [
            (),
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_MONTH = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # noqa: E501
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MODIFIERS = {
    "early": "early",
    "earlier": "early",
    "beginning": "early",
    "start": "early",
    "mid": "mid",
    "middle": "mid",
    "late": "late",
    "later": "late",
    "end": "late",
    "before": "before",
    "after": "after",
    "since": "after",
    "about": "about",
    "around": "about",
}
_PREFIX = re.compile(
    r"^(?:(?:on|in|at|by|from|since|until|till|during|for|of|the|this|that|as of|between|nearly|"
    r"almost|about|some|around|roughly|more than|over|less than|just|only)\s+)+",
    re.I,
)
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_EXTEND_LEFT = re.compile(
    r"(?:(?:earlier|later|early|late|mid|the (?:end|beginning|start|middle) of)\s+"
    r"(?:in\s+)?|mid-)$",
    re.I,
)
_DURATION = re.compile(
    r"\b(?:\d+|[a-z]+(?:-and-a-half)?)[- ](?:years?|months?|weeks?|days?|hours?)"
    r"(?:[- ]long|[- ]old)\b"
    r"|^(?:\d+|[a-z-]+|a few|a couple of|several|many|final|last|first)\s+"
    r"(?:years|months|weeks|days|hours|decades)$|^(?:years|months|weeks|days|hours|decades)$",
    re.I,
)


def anchor_for(article: Article) -> dict[str, str | None]:
    """The date relative expressions are resolved against, and where it came from.

    Only publication evidence anchors: the publication date, else ``published_after`` (dated
    captions). A date written in the body (or its largest year) is what the article talks about,
    not when it was written, so without publication evidence nothing is anchored and a year-less
    date keeps only what it says (``--04-16``, a weekday).
    """
    if article.published:
        return {"value": article.published, "source": "published"}
    if article.published_after:
        return {"value": article.published_after, "source": "published_after"}
    return {"value": None, "source": "none"}


def _anchor_date(anchor: dict[str, str | None]) -> date | None:
    value = anchor.get("value")
    if not value:
        return None
    if len(value) == 4:
        return date(int(value), 7, 1)  # mid-year: year-only evidence
    return date.fromisoformat(value[:10])


_SOON = 62  # days: an undated date this close ahead of the anchor is the coming one
_WITHIN_YEAR = 330  # days: how far ahead a date in a future-tense sentence may lie


def _closest_year(month: int, day: int, anchor: date, future: bool = False) -> int:
    """The year of a date written without one.

    News looks back: the last occurrence on or before the anchor wins, unless the next one is
    only weeks away ("talks on December 8-9" in a story of December 2), or the sentence speaks
    of the future and the next one is within the year ("inaugurated in January").
    """
    day = min(day, 28) if month == 2 else day
    try:
        past = date(anchor.year, month, day)
    except ValueError:
        return anchor.year
    if past > anchor:
        past = past.replace(year=anchor.year - 1)
    coming = past.replace(year=past.year + 1)
    ahead = (coming - anchor).days
    if ahead <= _SOON and ahead < (anchor - past).days:
        return coming.year
    if future and ahead <= _WITHIN_YEAR:
        return coming.year
    return past.year


def _month_number(name: str) -> int:
    return _MONTHS_EN.get(name.lower().rstrip(".")[:9], 0) or _MONTHS_EN.get(name.lower()[:3], 0)


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def normalise(
    text: str, anchor: date | None, future: bool = False
) -> tuple[str | None, str, str | None]:  # noqa: E501
    """``(value, precision, modifier)`` for one expression against an anchor date."""
    raw = " ".join(text.replace("\u2013", "-").replace("\u2014", "-").split())
    modifier = None
    low = raw.lower().rstrip(".,;")
    for word, mod in _MODIFIERS.items():
        if re.match(rf"^(?:the\s+)?{word}\b", low) or low.startswith(f"{word}-"):
            modifier = mod
            break
    body = re.sub(
        r"^(?:the\s+)?(?:earlier|later|early|late|mid|middle|beginning|start|end|before|after|"
        r"since|about|around)(?:\s+of|\s+in|-)?\s*",
        "",
        low,
    )
    body = _PREFIX.sub("", body).strip()
    body = re.sub(r"'s$|’s$", "", body)
    if _DURATION.search(low):
        return None, "duration", modifier
    # "Monday, October 1": the weekday adds nothing once the date is known.
    body = re.sub(rf"^(?:{'|'.join(_WEEKDAYS)}),?\s+(?=\w)", "", body)
    if match := re.fullmatch(
        r"(?:from\s+|between\s+)?(\d{4})\s*(?:-|to|until|through|and)\s*(\d{2}|\d{4})", body
    ):
        end_year = match[2] if len(match[2]) == 4 else match[1][:2] + match[2]
        return f"{match[1]}/{end_year}", "range", modifier
    # Full dates written out (any supported language).
    full = find_dates(raw)
    if full and len(full) == 1:
        return full[0].iso, "day", modifier
    if len(full) == 2:
        return f"{full[0].iso}/{full[1].iso}", "range", modifier
    if match := re.fullmatch(
        rf"{_MONTH}\s+(\d{{1,2}})\s*(?:-|to|and|through|until)\s*(\d{{1,2}})(?:,?\s+(\d{{4}}))?",
        body,
    ):
        value = _range(match.group("mon"), int(match[2]), int(match[3]), match[4], anchor, future)
        return value, "range", modifier
    if match := re.fullmatch(rf"(\d{{1,2}})\s*-\s*(\d{{1,2}})\s+{_MONTH}(?:,?\s+(\d{{4}}))?", body):
        value = _range(match.group("mon"), int(match[1]), int(match[2]), match[4], anchor, future)
        return value, "range", modifier
    if match := re.fullmatch(rf"{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?", body) or re.fullmatch(
        rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}", body
    ):
        groups = match.groups()
        day_text = match.groupdict().get("d") or groups[1]
        month = _month_number(match.group("mon"))
        if anchor is None:
            return _yearless(month, int(day_text)), "day", modifier
        year = _closest_year(month, int(day_text), anchor, future)
        try:
            return date(year, month, int(day_text)).isoformat(), "day", modifier
        except ValueError:
            return None, "day", modifier
    if match := re.fullmatch(rf"{_MONTH},?\s+(\d{{4}})", body):
        return f"{match[2]}-{_month_number(match.group('mon')):02d}", "month", modifier
    if match := re.fullmatch(rf"(last|next|this)\s+{_MONTH}", body):
        month = _month_number(match.group("mon"))
        if anchor is None:
            return _yearless(month), "month", modifier
        year = anchor.year
        if match[1] == "last" and month >= anchor.month:
            year -= 1
        elif match[1] == "next" and month <= anchor.month:
            year += 1
        return f"{year}-{month:02d}", "month", modifier
    if match := re.fullmatch(_MONTH, body):
        month = _month_number(match.group("mon"))
        if anchor is None:
            return _yearless(month), "month", modifier
        return f"{_closest_year(month, 15, anchor, future)}-{month:02d}", "month", modifier
    if match := re.fullmatch(r"(\d{4})", body):
        return match[1], "year", modifier
    if match := re.fullmatch(r"(\d{3})0s", body):
        return f"{match[1]}0/{match[1]}9", "decade", modifier
    return _relative(body, anchor, modifier, future)


def _yearless(month: int, day: int | None = None) -> str | None:
    """ISO 8601's year-less form (``--04-16``, ``--04``): what the text says, no year added."""
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"--{month:02d}"
    try:
        date(2000, month, day)  # a leap year: "February 29" is a real year-less date
    except ValueError:
        return None
    return f"--{month:02d}-{day:02d}"


def _range(
    mon: str, d1: int, d2: int, year: str | None, anchor: date | None, future: bool = False
) -> str | None:
    month = _month_number(mon)
    if year is None:
        if anchor is None:
            first, last = _yearless(month, d1), _yearless(month, d2)
            return f"{first}/{last}" if first and last and d1 < d2 else None
        year_n = _closest_year(month, d1, anchor, future)
    else:
        year_n = int(year)
    try:
        return f"{date(year_n, month, d1).isoformat()}/{date(year_n, month, d2).isoformat()}"
    except ValueError:
        return None


def _relative(
    body: str, anchor: date | None, modifier: str | None, future: bool
) -> tuple[str | None, str, str | None]:
    if anchor is None:
        return None, "none", modifier
    simple = {
        "today": (anchor, "day"),
        "tonight": (anchor, "day"),
        "yesterday": (anchor - timedelta(days=1), "day"),
        "tomorrow": (anchor + timedelta(days=1), "day"),
    }
    if body in simple:
        day, precision = simple[body]
        return day.isoformat(), precision, modifier
    match = re.fullmatch(r"(last|this|next|past|coming|current|previous)\s+(week|month|year)", body)
    match = match or re.fullmatch(r"(year|month|week)", body) and re.fullmatch(r"()(\w+)", body)
    if match:
        shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(match[1], 0)
        return _shifted(anchor, match[2], shift), match[2], modifier
    match = re.fullmatch(r"(\w+)\s+(day|week|month|year)s?\s+(ago|earlier|later|from now)", body)
    if match and match[1] in _NUMBER_WORDS or match and match[1].isdigit():
        n = int(match[1]) if match[1].isdigit() else _NUMBER_WORDS[match[1]]
        sign = 1 if match[3] in ("later", "from now") else -1
        unit = match[2]
        if unit == "day":
            return (anchor + timedelta(days=sign * n)).isoformat(), "day", modifier
        return _shifted(anchor, unit, sign * n), unit, modifier
    match = re.fullmatch(
        rf"(last|next|this|past)?\s*({'|'.join(_WEEKDAYS)})(?:\s+(?:night|morning|evening|afternoon))?",
        body,
    )
    if match:
        target = _WEEKDAYS.index(match[2])
        ahead = match[1] == "next" or (future and match[1] != "last")
        delta = (target - anchor.weekday()) % 7
        if ahead:
            day = anchor + timedelta(days=delta or 7)
        else:
            day = anchor - timedelta(days=(anchor.weekday() - target) % 7)
        return day.isoformat(), "day", modifier
    if re.fullmatch(r"(?:this|the)?\s*(?:end of the year|year's end|year-end)", body):
        return str(anchor.year), "year", "late"
    return _dateparser_fallback(body, anchor, modifier)


def _shifted(anchor: date, unit: str, shift: int) -> str:
    if unit == "year":
        return str(anchor.year + shift)
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + shift
        return f"{index // 12}-{index % 12 + 1:02d}"
    return _iso_week(anchor + timedelta(weeks=shift))


@cache
def _parser() -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": "past"})


def _dateparser_fallback(
    body: str, anchor: date | None, modifier: str | None
) -> tuple[str | None, str, str | None]:
    """What dateparser makes of an expression the rules above do not cover."""
    if anchor is None or not re.search(r"\d|" + MONTH_ALTERNATION, body, re.I):
        return None, "none", modifier
    from datetime import datetime

    parser = _parser()
    parser._settings.RELATIVE_BASE = datetime(anchor.year, anchor.month, anchor.day)
    try:
        data = parser.get_date_data(body)
    except Exception:  # dateparser raises on odd strings; then the expression stays unplaced
        return None, "none", modifier
    if data is None or data.date_obj is None:
        return None, "none", modifier
    found = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        return str(found.year), "year", modifier
    if period == "month":
        return f"{found.year}-{found.month:02d}", "month", modifier
    if period == "week":
        return _iso_week(found), "week", modifier
    return found.isoformat(), "day", modifier


def _sentence_around(body: str, offset: int) -> str:
    start = max(body.rfind(". ", 0, offset), body.rfind("\n", 0, offset)) + 1
    end = min(
        (i for i in (body.find(". ", offset), body.find("\n", offset)) if i >= 0), default=len(body)
    )
    return body[start:end]


_FUTURE = re.compile(
    r"\b(?:will|shall|'ll|going to|is to|are to|plans? to|scheduled|expected to)\b", re.I
)  # noqa: E501


_NUMBER_ALTERNATION = "|".join(w for w in _NUMBER_WORDS if len(w) > 2)
_WEEKDAY_THEN_NUMBER = re.compile(
    rf"\b(?:{'|'.join(_WEEKDAYS)})(\s+(?:{_NUMBER_ALTERNATION}))$", re.I
)
_DEICTIC = re.compile(r"\b(?:today|tonight|yesterday|tomorrow)\b", re.I)
_RANGE_GLUE = re.compile(r"^\s*(?:-|–|to|through|until|till|and)\s*$", re.I)


def _spans(article: Article, doc: Any) -> list[tuple[int, int]]:
    """DATE entities, plus deictic words the tagger missed, joined into ranges where written so."""
    spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
    for match in _DEICTIC.finditer(article.body):
        if not any(a <= match.start() < b for a, b in spans):
            spans.append(match.span())
    spans.sort()
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined:
            between = article.body[joined[-1][1] : start]
            before = article.body[max(0, joined[-1][0] - 8) : joined[-1][0]].lower()
            opened = re.search(r"(?:from|between)\s*$", before) or re.match(
                r"(?:from|between)\s", article.body[joined[-1][0] : joined[-1][1]].lower()
            )
            if _RANGE_GLUE.match(between) and opened:
                joined[-1] = (joined[-1][0], end)  # "from Nov. 2017 through Aug. 2018"
                continue
        joined.append((start, end))
    return joined


def _range_value(text: str, anchor: date | None, future: bool) -> str | None:
    """Both ends of "X to Y" normalised, the later end lending its year to the earlier one."""
    parts = re.split(r"\s+(?:-|–|to|through|until|till|and)\s+", _PREFIX.sub("", text), maxsplit=1)
    if len(parts) != 2:
        return None
    year = re.search(r"\b(19|20)\d{2}\b", parts[1])
    first = (
        parts[0]
        if re.search(r"\b(19|20)\d{2}\b", parts[0]) or not year
        else (f"{parts[0]} {year.group(0)}")
    )
    a, _, _ = normalise(first, anchor, future)
    b, _, _ = normalise(parts[1], anchor, future)
    return f"{a}/{b}" if a and b and "/" not in a and "/" not in b else None


_FREQUENCY = re.compile(
    r"(?:bi-?)?(?:daily|nightly|weekly|monthly|quarterly|yearly|annual(?:ly)?|hourly)", re.I
)
_AGE_BEFORE = re.compile(r"\b(?:aged?|ages\s+of|age\s+of|at)\s*$", re.I)
_DAY_IDIOM = re.compile(
    r"(?:these|those|some|one|market|election|polling|working|school)\s+(?:[a-z]+\s+)?days?"
    r"|(?:these|those)\s+[a-z]+\s+days",
    re.I,
)
_DAY_IDIOM_VERB = re.compile(
    r"\b(?:wins?|won|winning|carr(?:y|ies|ied)|sav(?:e|es|ed)|seiz(?:e|es|ed)|rules?|ruled|"
    r"call(?:ed)? it a|end of)\s+(?:the\s+)?$",
    re.I,
)
_MONTH_WORDS = re.compile(
    r"\b(?:in|since|until|till|by|from|during|before|after|of|early|late|mid|last|next|this|"
    r"through|between|and|or|to|on|until|each|every)\s*-?$",
    re.I,
)
_MAY_PERSON = re.compile(r"\b(?:Theresa|Mrs\.?|Ms\.?|Minister|PM|Premier)\s+May\b")
_WEEKDAY_IN = re.compile(rf"\b({'|'.join(_WEEKDAYS)})\b", re.I)


def not_a_date(body: str, start: int, end: int) -> bool:
    """What the tagger calls a DATE but a reader does not: ages and counts ("54", "aged 54"),
    frequencies ("daily", "annual"), idioms with "day" ("won the day", "these stormy days") and
    May the person ("Theresa May", "May said" in a story that names her)."""
    text = body[start:end].strip()
    left = body[max(0, start - 30) : start]
    if re.fullmatch(r"\d{1,3}", text) or _FREQUENCY.fullmatch(text):
        return True
    if re.match(r"(?:between\s+)?(?:the\s+)?ages?\s+(?:of\s+)?\d", text, re.I):
        return True
    if re.match(r"\d{1,3}\b", text) and _AGE_BEFORE.search(left):
        return True
    if _DAY_IDIOM.fullmatch(text) or (
        re.fullmatch(r"(?:the\s+)?day", text, re.I) and _DAY_IDIOM_VERB.search(left)
    ):
        return True
    if text == "May":
        before = left.rstrip()
        previous = before.split()[-1] if before.split() else ""
        sentence_start = not before or before[-1] in '.!?\n"“'
        if previous[:1].isupper() and not sentence_start and not _MONTH_WORDS.search(before):
            return True  # "Theresa May", "Prime Minister May"
        if _MAY_PERSON.search(body) and not _MONTH_WORDS.search(before):
            return True  # the article names her; "May said" is the person
    return False


def time_expressions(article: Article, doc: Any) -> list[TimeExpression]:
    """Every temporal expression of the parsed body, widened to its modifiers and normalised."""
    anchor = anchor_for(article)
    anchor_day = _anchor_date(anchor)
    items: list[TimeExpression] = []
    for start, end in _spans(article, doc):
        left = article.body[max(0, start - 30) : start]
        widened = _EXTEND_LEFT.search(left)
        if widened:
            start -= len(left) - widened.start()
        text = article.body[start:end]
        if text.lower().startswith("the "):
            start, text = start + 4, text[4:]
        if not_a_date(article.body, start, end):
            continue
        if cut := _WEEKDAY_THEN_NUMBER.search(text):
            end -= len(text) - cut.start(1)  # "on Monday three of the lines": not the date
            text = text[: cut.start(1)]
        sentence = _sentence_around(article.body, start)
        future = bool(_FUTURE.search(sentence))
        value, precision, modifier = normalise(text, anchor_day, future)
        if value is None and re.search(r"\s(?:to|through|until|till|and|-|–)\s", text):
            value = _range_value(text, anchor_day, future)
            precision = "range" if value else precision
        items.append(
            {
                "text": text,
                "value": value,
                "precision": precision,
                "modifier": modifier,
                "start": start,
                "end": end,
                "anchor": dict(anchor),
                "weekday": named[1].capitalize() if (named := _WEEKDAY_IN.search(text)) else None,
            }
        )
    return items
