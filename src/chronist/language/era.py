"""When an undated article is set: the offices its people hold in the text.

Most scraped articles carry no publication date, yet the knowledge base gives people dated
roles (Donald Trump: president 2017-2021, former president 2021-2025, president again from
2025). Taking "the latest role" for an undated story of 2019 codes Trump as a former
president and Theresa May as a former prime minister. The text itself places the story:
"Prime Minister Theresa May" is written between July 2016 and July 2019, "Attorney General
William Barr" between February 2019 and December 2020. :func:`text_era` finds the time most
such titled mentions agree on, and people's roles are then read as of its middle.

Only a title the text writes as current counts (not "former", "then-", "late", "candidate"),
only where the title's sector (and country, when it names one) matches one of the person's
dated roles; open-ended roles end at the KB's build date. An era longer than
:data:`MAX_YEARS` says too little and is not used. A story with a publication date never
needs this.

No library does this: it is a small interval sweep over the KB's dated roles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

#: An era longer than this places the story too loosely to choose between roles.
MAX_YEARS = 6
#: Words that make a title a past, future or acting one ("former", "would-be", "then-").
NOT_CURRENT = re.compile(
    r"\b(?:former|ex|then|late|retired|onetime|one-time|outgoing|incoming|elect|designate|"
    r"would-be|candidate|hopeful|nominee|acting|interim|future|next)\b",
    re.I,
)


@dataclass(frozen=True)
class Anchor:
    """A titled mention of a known person: the spans of time their roles give the title."""

    name: str
    title: str
    spans: tuple[tuple[date, date], ...]


@dataclass(frozen=True)
class Era:
    """The time a story is set in, with the titles that place it."""

    start: date
    end: date
    anchors: tuple[Anchor, ...]

    @property
    def on(self) -> date:
        """The middle of the era: the day roles are read on."""
        return self.start + (self.end - self.start) / 2

    def describe(self) -> str:
        titles = "; ".join(f"{a.title} {a.name}" for a in self.anchors[:3])
        return f"the text is set {self.start} to {self.end} ({titles})"


def text_era(anchors: list[Anchor]) -> Era | None:
    """The span of time inside the spans of the most anchors (people counted once); None
    without anchors, when two separate spans have as many, or when it is too long."""
    points = sorted({d for a in anchors for span in a.spans for d in span})
    segments: list[tuple[date, date, frozenset[str], tuple[Anchor, ...]]] = []
    for left, right in zip(points, points[1:], strict=False):
        mid = left + (right - left) / 2
        inside = tuple(a for a in anchors if any(s <= mid < e for s, e in a.spans))
        if inside:
            segments.append((left, right, frozenset(a.name for a in inside), inside))
    if not segments:
        return None
    most = max(len(names) for _, _, names, _ in segments)
    best: list[tuple[date, date, frozenset[str], tuple[Anchor, ...]]] = []
    for left, right, names, inside in segments:
        if len(names) != most:
            continue
        if best and best[-1][1] == left and best[-1][2] == names:
            best[-1] = (best[-1][0], right, names, best[-1][3])  # the same agreement goes on
        else:
            best.append((left, right, names, inside))
    if len(best) != 1:
        return None  # as many agree on another time: the text does not say which
    start, end, _, inside = best[0]
    if end - start > timedelta(days=365 * MAX_YEARS):
        return None
    return Era(start, end, inside)
