"""Line classifier for plain-text scrapes: title, body, captions, byline, tags, chrome.

No library separates an article from its page chrome once a scraper has flattened the page to
text (trafilatura, jusText and readability all need the HTML tree), so chronist has its own. It
works on *units* (lines; blank-line blocks when the text is hard-wrapped) in three passes:

1. **Rules** label what has a shape of its own: widget vocabulary (``widgets.txt``), clocks and
   date-only lines, bare URLs, image ids, photo credits, bylines (``NAME | OUTLET``, ``By …``),
   tag lines, captions (printed twice close together, next to a credit, or a long line without
   sentence punctuation).
2. **The body** is the run of units with the largest score, where prose (sentence punctuation,
   enough words) scores its length and other lines cost; section barriers ("Leave a Reply",
   "Related") cannot be crossed. Chrome already labelled costs nothing, so captions and widgets
   inside an article do not split it. Short lines inside the run are kept as subheadings unless
   they come in a list (related headlines, menus).
3. **The title** is the best headline-shaped line above the body: capitalisation, length,
   nearness to the body, and overlap with the URL slug when the page names its URL.

Nothing here names a particular site; every rule is a feature of the line or its neighbours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from chronist.extract import chrome
from chronist.extract.dates import MONTH_ALTERNATION, FoundDate, find_dates

_TERMINAL = set(".!?…:;。！？।")
_CLOSERS = "\"'”’»)]›】」』"
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.U)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?", re.I)
_DATE_WORDS = re.compile(
    rf"\b(?:{MONTH_ALTERNATION}|gmt|utc|[ecmp][sd]t|cet|cest|msk|bst|ist|mon(?:day)?|tue(?:sday)?|"
    r"wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|today|yesterday|am|pm|"
    r"at|on|of|the|th|st|nd|rd|de|um|uhr|le|à|в|г)\b",
    re.I,
)
_INNER_PUNCT = re.compile(r"[.,;:!?。，、](?=\s)")
_LIST_ITEM = re.compile(r"^(?:[•·▪●◦*–—-]|\d{1,2}[.)])\s+")
_MIN_PROSE_WORDS = 6
_LONG_LINE = 40  # a line this long is text even without a final stop
_AFTER_COMMENTS = 0.3  # what prose is worth once a comment section has begun
_MIN_ARTICLE = 40.0  # score of a run that reads like an article (about 40 words of prose)


@dataclass
class Unit:
    """One line (or hard-wrapped block) of the scrape with its features and label."""

    index: int
    text: str
    words: int
    terminal: bool
    capitalised: float
    label: str = ""

    @property
    def transcript(self) -> bool:
        """A speaker label and a colon before a quotation, or an interview question."""
        return chrome.TRANSCRIPT.match(self.text) is not None

    @property
    def prose(self) -> bool:
        """Sentence-like: ends with sentence punctuation and has enough words, or a transcript
        line ('NAME: “…”', "Q: …") of a few words, whose quotation may end in a link."""
        if self.transcript:
            return self.words >= 3
        if self.terminal:
            return self.words >= _MIN_PROSE_WORDS
        # A long line without a final stop is still text if it has punctuation inside
        # (a paragraph ending in an emoji or a link), unlike a tag cloud or a menu.
        # So is a line that narrates (see _NARRATES) whose final stop the scrape lost.
        inner = len(_INNER_PUNCT.findall(self.text))
        if self.words >= 15 and inner >= 1 and _narrates(self.text):
            return True
        return self.words >= _LONG_LINE and inner >= 2


@dataclass
class PlainResult:
    """What the classifier found in one scrape."""

    units: list[Unit]
    paragraphs: list[str]
    captions: list[str]
    title: str | None = None
    bylines: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    tag_lines: list[str] = field(default_factory=list)
    date_lines: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)


def count_words(text: str) -> int:
    """Words in a line; CJK text counts two characters as a word."""
    cjk = len(_CJK.findall(text))
    if cjk > len(text) * 0.3:
        return max(1, cjk // 2)
    return len(text.split())


def ends_terminal(text: str) -> bool:
    """The line ends like a sentence (closing quotes and brackets ignored); "..." truncates."""
    stripped = text.rstrip().rstrip(_CLOSERS).rstrip()
    if stripped.endswith(("...", "…")):
        return False
    return bool(stripped) and stripped[-1] in _TERMINAL


def capitalised_share(text: str) -> float:
    """Share of words of 4+ letters that start with a capital (headline style)."""
    words = [w for w in _WORD.findall(text) if len(w) >= 4]
    if not words:
        return 0.0
    return sum(w[0].isupper() for w in words) / len(words)


#: A line that ends in an abbreviation's stop ("E.U.", "U.S.", "Mr."), not a sentence's.
_ABBREVIATION_END = re.compile(
    r"(?:\b[A-Z]\.){2,}$|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Prof)\.$"
)


def _clean_line(line: str) -> str:
    return line.replace("\u200b", "").replace("\ufeff", "").strip()


def _is_hard_wrapped(lines: list[str]) -> bool:
    long_lines = [i for i, line in enumerate(lines) if len(line) >= 40]
    if len(long_lines) < 6:
        return False
    widths = sorted(len(lines[i]) for i in long_lines)
    if widths[int(len(widths) * 0.9)] > 100:
        return False
    continued = sum(
        1 for i in long_lines if i + 1 < len(lines) and lines[i + 1] and not ends_terminal(lines[i])
    )
    return continued / len(long_lines) >= 0.3


def make_units(text: str) -> list[Unit]:
    """Split a scrape into units and compute their features."""
    lines = [
        _clean_line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    pieces: list[str] = []
    if _is_hard_wrapped(lines):
        block: list[str] = []
        for line in lines + [""]:
            if line:
                block.append(line)
            elif block:
                pieces.append(" ".join(block))
                block = []
    else:
        pieces = []
        for i, line in enumerate(lines):
            if not line:
                continue
            if (
                pieces
                and lines[i - 1]
                and _ABBREVIATION_END.search(pieces[-1])
                and line[:1].islower()
            ):
                # "… opposition E.U." / "leaders, who are refusing …": a sentence the scrape
                # broke after an abbreviation's stop
                pieces[-1] = f"{pieces[-1]} {line}"
            else:
                pieces.append(line)
    pieces = [part for piece in pieces for part in chrome.split_form(piece)]
    return [
        Unit(i, p, count_words(p), ends_terminal(p), capitalised_share(p))
        for i, p in enumerate(pieces)
    ]


def _date_only(text: str) -> bool:
    """A line made of a date and/or a clock and nothing else."""
    if len(text) > 60 or not re.search(r"\d", text):
        return False
    rest = _DATE_WORDS.sub(" ", _TIME.sub(" ", text))
    rest = re.sub(r"[\d\s,./:+\-–—|()]+", "", rest)
    return len(rest) <= 1


def _is_tag_line(unit: Unit) -> str | None:
    match = chrome.TAG_PREFIX.match(unit.text)
    if match:
        return match.group(1)
    if unit.terminal or unit.text.count(",") < 3:
        return None
    items = [i.strip() for i in unit.text.split(",") if i.strip()]
    if any(count_words(i) > 5 for i in items):
        return None
    if sum(count_words(i) for i in items) / len(items) > 3.5:
        return None
    lowered = f" {unit.text.lower()} "
    if any(f" {w} " in lowered for w in ("the", "and", "a", "of", "is", "was", "to")):
        return None
    return unit.text


def _byline(unit: Unit) -> bool:
    if unit.words > 12 or unit.terminal and not unit.text.endswith("."):
        return False
    if chrome.BYLINE_PREFIX.match(unit.text):
        return unit.capitalised >= 0.5 or unit.text.isupper()
    match = chrome.BYLINE_PIPE.match(unit.text)
    if not match:
        return False
    name = match.group(1).split()
    return 2 <= len(name) <= 4 and all(w[0].isupper() for w in name if w[0].isalpha())


#: The signature of an embedded social-media post ("https://t.co/… — Amy Klobuchar
#: (@amyklobuchar) March 22, 2019"): the post's attribution, part of the article.
_POST_SIGNATURE = re.compile(r"(?:—|–|―|--)\s*[^()\n—–]{1,60}?\s*\(@\w{1,15}\)")


def _label_rules(units: list[Unit]) -> None:
    """Pass 1: label units whose own shape says what they are."""
    for unit in units:
        text = unit.text
        if _POST_SIGNATURE.search(text):
            continue  # an embedded post's signature, even after its link: article text
        if chrome.URL_LINE.match(text):
            unit.label = "url"
        elif chrome.is_barrier(text) or chrome.COMMENT_AUTHOR.match(text):
            unit.label = "barrier"
        elif chrome.is_widget(text) or chrome.is_promo(text) or _poll(text):
            unit.label = "widget"
        elif chrome.is_image_id(text):
            unit.label = "image-id"
        elif chrome.is_credit(text):
            unit.label = "credit"
        elif chrome.BREADCRUMB.match(text):
            unit.label = "breadcrumb"
        elif unit.words <= 25 and chrome.INLINE_LINK.match(text):
            unit.label = "related"
        elif _date_only(text) or (
            unit.words <= 10 and chrome.RELATIVE_TIME.search(text) is not None
        ):
            unit.label = "clock"
        elif (cue := chrome.PUBLISHED_CUE.match(text)) and _date_only(cue.group(1)):
            unit.label = "date-line"
        elif chrome.UPDATED_CUE.match(text) and _date_only(chrome.UPDATED_CUE.sub("", text)):
            unit.label = "clock"
        elif _byline(unit):
            unit.label = "byline"
        elif _is_tag_line(unit) is not None:
            unit.label = "tags"
    _label_captions(units)


#: A question of a reader poll: printed twice in a row, or before its starred options ("Who
#: should replace Nikki Haley …? * John Bolton Richard Grenell …").
_POLL_QUESTION = re.compile(r"\s*([^?!]{10,200}?\?)")


def _poll(text: str) -> bool:
    """A line that is a reader poll's question, twice, or with its options after a star."""
    first = _POLL_QUESTION.match(text)
    if first is None:
        return False
    rest = text[first.end() :].strip()
    return rest.startswith("* ") or rest == first.group(1).strip()


#: What a caption does not do: tell a story over sentences ("… a #MAGA hat. The criminal
#: attacker …"), open with a connective ("And", "Of course,", "In fact,"), speak in the first or
#: second person, or report with "that" ("told a hearing that she …"). A prose paragraph
#: whose final stop the scrape lost (the text ran on into an embedded post or video) keeps them.
_NARRATES = re.compile(
    r"[a-z]{2,}[.!?][”\"’]?\s+[A-Z]|^(?:And|But|So|Yet|Of course|In fact|However|Indeed|Still|"
    r"Meanwhile|Also|Then)\b|\b(?:I|we|you|my|our|your|us)\b|\b(?:that|because)\s+(?:she|he|they|it|"
    r"the|there|this|his|her|their|[a-z]+ed)\b"
)


#: A teaser of another article ("Also on rt.com ‘Don’t want to see you again’: …").
_TEASER = re.compile(r"^(?:also on|read more|read also|related|see also|watch|more on)\b", re.I)


def _narrates(text: str) -> bool:
    """A line that tells a story (see ``_NARRATES``), not a teaser of another article."""
    return not _TEASER.match(text) and bool(_NARRATES.search(text))


def _caption_shape(unit: Unit) -> bool:
    """A descriptive line that is not a sentence: long, or ending with a date (not the
    signature of an embedded post, which ends with one too)."""
    if unit.terminal or unit.capitalised >= 0.75 or unit.words >= _LONG_LINE:
        return False
    if _POST_SIGNATURE.search(unit.text):
        return False
    if unit.words >= 15 and _narrates(unit.text):
        return False
    if unit.words >= 15:
        return True
    return unit.words >= 8 and bool(find_dates(unit.text[-30:]))


def _label_captions(units: list[Unit]) -> None:
    norm = [re.sub(r"\W+", " ", u.text.lower()).strip() for u in units]
    seen: dict[str, int] = {}
    for i, unit in enumerate(units):
        if unit.label or unit.words < 4:
            seen.setdefault(norm[i], i)
            continue
        first = seen.get(norm[i])
        if first is not None:
            if i - first <= 4:
                units[first].label = units[first].label or "caption"
                unit.label = "caption"
            else:
                unit.label = "duplicate"
        else:
            seen[norm[i]] = i
    for i, unit in enumerate(units):
        if unit.label:
            continue
        near_credit = any(
            0 <= j < len(units) and units[j].label == "credit" for j in (i - 1, i + 1)
        )
        if near_credit and 3 <= unit.words <= 60 and (not unit.terminal or unit.words <= 25):
            unit.label = "caption"
        elif unit.words >= 5 and chrome.CREDITED_CAPTION.search(unit.text):
            unit.label = "caption"
        elif _caption_shape(unit) and not unit.transcript:
            unit.label = "caption"


_ISOLATED = 0.35


def _opens_comments(unit: Unit) -> bool:
    return bool(chrome.COMMENTS_HEADING.match(unit.text) or chrome.COMMENT_AUTHOR.match(unit.text))


def _weight(unit: Unit) -> float:
    if unit.label == "barrier":
        # A comment section ends the article; a "Related" box may sit inside it.
        return -1000.0 if _opens_comments(unit) else -40.0
    if unit.label in {"byline", "tags", "url"}:
        return -8.0
    if unit.label or _POST_SIGNATURE.search(unit.text):
        return 0.0
    if unit.prose:
        return float(min(unit.words, 120))
    if unit.terminal and unit.words >= 3:
        return 0.5
    return -(4.0 + 0.5 * min(unit.words, 30))


def _weights(units: list[Unit]) -> list[float]:
    """Unit weights, with prose that stands alone between short lines discounted.

    Article paragraphs follow one another (captions and widgets between them are skipped when
    looking for neighbours); the prose of comment threads and teaser lists comes one blurb at a
    time between names, dates and headlines.
    """
    weights = [_weight(u) for u in units]
    factor = 1.0
    for i, unit in enumerate(units):
        if unit.label == "barrier" and _opens_comments(unit):
            factor = _AFTER_COMMENTS
        if weights[i] > 0:
            weights[i] *= factor
    text_units = [i for i, u in enumerate(units) if not u.label]
    for k, i in enumerate(text_units):
        if not units[i].prose:
            continue
        before = k > 0 and units[text_units[k - 1]].prose
        after = k + 1 < len(text_units) and units[text_units[k + 1]].prose
        if not before and not after:
            weights[i] *= _ISOLATED
    return weights


def _kadane(weights: list[float]) -> tuple[float, int, int]:
    """Maximum-sum contiguous run: ``(score, start, end)`` inclusive, or (0, 0, -1)."""
    best, best_span = 0.0, (0, -1)
    total, start = 0.0, 0
    for i, weight in enumerate(weights):
        if total <= 0:
            total, start = 0.0, i
        total += weight
        if total > best:
            best, best_span = total, (start, i)
    return best, best_span[0], best_span[1]


def _best_run(units: list[Unit]) -> tuple[int, int]:
    """The article's run of units; ``(start, end)`` inclusive, or (0, -1).

    An article above a comment section wins whenever it has some prose; the comments are
    searched only when nothing before them reads like an article.
    """
    weights = _weights(units)
    comments = next(
        (i for i, u in enumerate(units) if u.label == "barrier" and _opens_comments(u)), None
    )
    if comments is not None:
        score, start, end = _kadane(weights[:comments])
        if score >= _MIN_ARTICLE:
            return start, end
    _, start, end = _kadane(weights)
    return start, end


def _select_body(units: list[Unit], start: int, end: int) -> None:
    """Pass 2: inside the best run, label prose and subheadings as body."""
    inside = units[start : end + 1]
    run: list[Unit] = []

    previous: list[Unit] = []

    def flush() -> None:
        # A single short line between prose is a subheading or list item; a run of them is a list
        # of headlines or a menu, unless they are marked as list items or a line ending in a
        # colon introduces them.
        intro = bool(previous) and previous[-1].text.rstrip().endswith(":")
        keep = len(run) <= 2 or intro or all(_LIST_ITEM.match(u.text) for u in run)
        for u in run:
            u.label = "body" if keep and u.words >= 2 else "boilerplate"
        run.clear()

    for unit in inside:
        if unit.label:
            continue
        if unit.prose or (unit.terminal and unit.words >= 3) or _POST_SIGNATURE.search(unit.text):
            flush()
            unit.label = "body"
            previous[:] = [unit]
        else:
            run.append(unit)
    # Short lines trailing the run (after the last prose) are not subheadings.
    for u in run:
        u.label = "boilerplate"
    run.clear()


def _title(units: list[Unit], body_start: int, slug: set[str]) -> Unit | None:
    """Pass 3: the headline-shaped line above the body."""
    best: tuple[float, Unit] | None = None
    for unit in units[max(0, body_start - 25) : body_start]:
        if unit.label not in ("", "boilerplate", "caption") or not 2 <= unit.words <= 30:
            continue
        if unit.text.endswith(".") and not unit.text.endswith("..."):
            continue
        score = 2.0 * unit.capitalised - 0.15 * (body_start - unit.index)
        score += 1.0 if 4 <= unit.words <= 20 else 0.0
        score += 0.5 if unit.index == 0 else 0.0
        if unit.label == "caption":
            score -= 3.0
        if slug:
            words = {w.lower() for w in _WORD.findall(unit.text)}
            score += 4.0 * len(words & slug) / max(1, len(slug))
        if best is None or score > best[0]:
            best = (score, unit)
    return best[1] if best and best[0] > 0 else None


def classify(text: str, url: str | None = None) -> PlainResult:
    """Label every unit of a plain-text scrape and collect the article's parts."""
    units = make_units(text)
    _label_rules(units)
    start, end = _best_run(units)
    if end >= start:
        _select_body(units, start, end)
    body_start = next((u.index for u in units if u.label == "body"), len(units))
    slug = _slug_words(url or next((u.text for u in units if u.label == "url"), ""))
    title = _title(units, body_start, slug)
    if title is not None:
        title.label = "title"
        # A date printed under the headline, before the body, is the page's publication date;
        # one above the headline is a clock in the page header.
        for unit in units[title.index + 1 : min(body_start, title.index + 4)]:
            if unit.label == "clock" and not chrome.RELATIVE_TIME.search(unit.text):
                unit.label = "date-line"
    for unit in units:
        if not unit.label:
            unit.label = (
                "related" if unit.capitalised >= 0.6 and not unit.terminal else "boilerplate"
            )
    result = PlainResult(
        units=units,
        paragraphs=[u.text for u in units if u.label == "body"],
        captions=list(
            dict.fromkeys(chrome.strip_credit(u.text) for u in units if u.label == "caption")
        ),
        title=title.text if title else None,
    )
    collect = {
        "byline": result.bylines,
        "url": result.urls,
        "tags": result.tag_lines,
        "date-line": result.date_lines,
        "credit": result.credits,
    }
    for unit in units:
        if unit.label in collect:
            collect[unit.label].append(unit.text)
    return result


def _slug_words(url: str) -> set[str]:
    path = re.sub(r"^\w+://[^/]+", "", url)
    words = {w.lower() for w in re.findall(r"[a-zA-Z]{3,}", path)}
    return words - {"html", "htm", "php", "aspx", "news", "article", "articles", "www", "story"}


def caption_dates(captions: list[str]) -> list[FoundDate]:
    """Full dates written in captions (a lower bound for the publication date, never the date)."""
    return [d for caption in captions for d in find_dates(caption)]


def tag_values(tag_lines: list[str]) -> list[str]:
    """Tags from tag lines ("Tags: a, b" or a bare comma list), de-duplicated in order."""
    values: list[str] = []
    for line in tag_lines:
        match = chrome.TAG_PREFIX.match(line)
        body = match.group(1) if match else line
        values.extend(t.strip(" .;") for t in re.split(r"[,;|]", body) if t.strip(" .;"))
    return list(dict.fromkeys(values))
