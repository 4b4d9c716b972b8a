"""HTML the templates cannot write by themselves: the highlighted body and the SVG charts.

Every piece of article text goes through :func:`markupsafe.escape` here before it meets any
markup, and every string from an article is isolated for bidirectional text (``<bdi>``), so a
title with a right-to-left override cannot reorder the page around it.

Why chronist draws its own charts: the pages load no script, so a charting library would have
to render on the server; a bar chart and a line chart are a few rectangles and a polyline, and
drawing them here keeps the page self-contained and the charts readable without JavaScript.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from chronist.extract.metadata import web_url

#: What a highlighted span is, in the order a span covered by several links to (the first).
KINDS = ("event", "actor", "date", "place", "rhetoric")


@dataclass(frozen=True)
class Mark:
    """One annotated span of the body: its kind, the anchor of its record and a label."""

    start: int
    end: int
    kind: str
    anchor: str
    label: str


def bdi(value: Any) -> Markup:
    """``value`` escaped and isolated from the text around it."""
    return Markup("<bdi>{}</bdi>").format("" if value is None else str(value))


def safe_url(url: Any) -> str | None:
    """``url`` when it is an http(s) address a link may point to, else None (no
    ``javascript:``, ``data:`` or relative links from article data)."""
    if not isinstance(url, str) or len(url) > 2000:
        return None
    return web_url(url)


def marks(record: dict[str, Any]) -> list[Mark]:
    """The spans of a record the article page highlights: event triggers, actor mentions,
    dates, places, the rhetoric stage's loaded words and quotes (``quote`` marks are a
    background, never a link)."""
    body_len = len(record.get("body") or "")
    out: list[Mark] = []

    def add(span: Any, kind: str, anchor: str, label: str) -> None:
        if not isinstance(span, dict):
            return
        start, end = span.get("start"), span.get("end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= body_len:
            out.append(Mark(start, end, kind, anchor, label))

    for event in record.get("events") or []:
        add(event.get("trigger"), "event", f"ev-{event.get('id')}", str(event.get("type")))
    for actor in record.get("actors") or []:
        for mention in actor.get("mentions") or []:
            add(mention, "actor", f"ac-{actor.get('id')}", str(actor.get("name")))
    for i, date in enumerate(record.get("dates") or []):
        add(date, "date", f"da-{i + 1}", str(date.get("value") or date.get("text")))
    for i, place in enumerate(record.get("places") or []):
        for mention in place.get("mentions") or [place]:
            add(mention, "place", f"pl-{i + 1}", str(place.get("name")))
    for i, item in enumerate(record.get("rhetoric") or []):
        if item.get("level") == "span":
            add(item, "rhetoric", f"rh-{i + 1}", str(item.get("technique")))
    for i, quote in enumerate(record.get("quotes") or []):
        add(quote, "quote", f"qu-{i + 1}", str(quote.get("speaker") or "unattributed"))
    return out


def highlighted(body: str, spans: Sequence[Mark]) -> Markup:
    """``body`` as HTML paragraphs (blank lines end one), every span of ``spans`` marked:
    quotes as a background, the rest as links to their record (one link per piece of text,
    by :data:`KINDS` order). A span over a paragraph break is marked in each paragraph."""
    out: list[str] = []
    start = 0
    for match in [*re.finditer(r"\n\s*\n", body), None]:
        end = match.start() if match else len(body)
        if body[start:end].strip():
            out.append('<p class="para">' + _paragraph(body, start, end, spans) + "</p>")
        if match:
            start = match.end()
    return Markup("".join(out))


def _paragraph(body: str, start: int, end: int, spans: Sequence[Mark]) -> str:
    here = [m for m in spans if m.start < end and start < m.end]
    cuts = {start, end}
    for m in here:
        cuts.update(p for p in (m.start, m.end) if start < p < end)
    points = sorted(cuts)
    pieces = []
    for a, b in zip(points, points[1:], strict=False):
        covering = [m for m in here if m.start <= a and b <= m.end]
        html = str(escape(body[a:b])).replace("\n", "<br>")
        linked = sorted(
            (m for m in covering if m.kind != "quote"),
            key=lambda m: (KINDS.index(m.kind), m.start),
        )
        if linked:
            m = linked[0]
            html = (
                str(
                    Markup('<a class="hl {}" href="#{}" title="{}">').format(
                        m.kind, m.anchor, m.label
                    )
                )
                + html
                + "</a>"
            )
        if any(m.kind == "quote" for m in covering):
            html = f'<span class="quoted">{html}</span>'
        pieces.append(html)
    return "".join(pieces)


# ---------------------------------------------------------------------------- charts
#: Colours of the four PLOVER quads (verbal/material cooperation, verbal/material conflict).
QUAD_COLOURS = {1: "#4c9a2a", 2: "#1f6f8b", 3: "#e0a030", 4: "#c0392b"}
_SERIES = ("#1f6f8b", "#c0392b", "#4c9a2a", "#8e44ad")


def bar_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float], str]],
    title: str,
    width: int = 720,
    height: int = 220,
) -> Markup:
    """A stacked bar chart as inline SVG: one bar per label, ``series`` of (name, values,
    colour) stacked; a title, the largest total on the axis and a legend."""
    if not labels:
        return Markup('<p class="empty">No data.</p>')
    totals = [sum(values[i] for _, values, _ in series) for i in range(len(labels))]
    top = max(totals) or 1
    left, bottom, plot_h = 40, 36, height - 60
    step = (width - left - 10) / len(labels)
    bar = max(1.0, step * 0.8)
    parts = [
        Markup('<svg class="chart" role="img" viewBox="0 0 {} {}" width="100%">').format(
            width, height
        ),
        Markup("<title>{}</title>").format(title),
        Markup('<text x="{}" y="14" class="axis">{}</text>').format(left, _number(top)),
        Markup('<line x1="{0}" y1="20" x2="{0}" y2="{1}" class="axis-line"/>').format(
            left, 20 + plot_h
        ),
    ]
    for i, label in enumerate(labels):
        x = left + i * step + (step - bar) / 2
        y = 20 + plot_h
        for name, values, colour in series:
            value = values[i]
            if value <= 0:
                continue
            h = plot_h * value / top
            y -= h
            parts.append(
                Markup(
                    '<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}">'
                    "<title>{}: {} {}</title></rect>"
                ).format(x, y, bar, h, colour, label, _number(value), name)
            )
    for i in _tick_indexes(len(labels)):
        parts.append(
            Markup('<text x="{:.1f}" y="{}" class="tick">{}</text>').format(
                min(left + i * step, width - 8 * len(labels[i])), height - bottom + 14, labels[i]
            )
        )
    x = left
    for name, _, colour in series:
        name = name if len(name) <= 22 else name[:21] + "…"
        parts.append(
            Markup(
                '<rect x="{}" y="{}" width="10" height="10" fill="{}"/>'
                '<text x="{}" y="{}" class="legend">{}</text>'
            ).format(x, height - 12, colour, x + 14, height - 3, name)
        )
        x += 16 + 6 * len(name) + 12
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def line_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    title: str,
    width: int = 720,
    height: int = 220,
    percent: bool = False,
) -> Markup:
    """Lines over shared labels as inline SVG (attention over time: two queries side by
    side); values as fractions shown in percent when ``percent``."""
    if not labels:
        return Markup('<p class="empty">No data.</p>')
    top = max((v for _, values in series for v in values), default=0) or 1
    left, bottom, plot_h = 48, 36, height - 60
    step = (width - left - 10) / max(1, len(labels) - 1)
    parts = [
        Markup('<svg class="chart" role="img" viewBox="0 0 {} {}" width="100%">').format(
            width, height
        ),
        Markup("<title>{}</title>").format(title),
        Markup('<text x="2" y="14" class="axis">{}</text>').format(
            f"{top * 100:.3g}%" if percent else _number(top)
        ),
        Markup('<line x1="{0}" y1="20" x2="{0}" y2="{1}" class="axis-line"/>').format(
            left, 20 + plot_h
        ),
    ]
    for (name, values), colour in zip(series, _SERIES, strict=False):
        points = " ".join(
            f"{left + i * step:.1f},{20 + plot_h - plot_h * v / top:.1f}"
            for i, v in enumerate(values)
        )
        parts.append(
            Markup('<polyline fill="none" stroke="{}" stroke-width="2" points="{}">').format(
                colour, points
            )
        )
        parts.append(Markup("<title>{}</title></polyline>").format(name))
    for i in _tick_indexes(len(labels)):
        parts.append(
            Markup('<text x="{:.1f}" y="{}" class="tick">{}</text>').format(
                min(left + i * step, width - 8 * len(labels[i])), height - bottom + 14, labels[i]
            )
        )
    x = left
    for (name, _), colour in zip(series, _SERIES, strict=False):
        parts.append(
            Markup(
                '<rect x="{}" y="{}" width="10" height="10" fill="{}"/>'
                '<text x="{}" y="{}" class="legend">{}</text>'
            ).format(x, height - 12, colour, x + 14, height - 3, name)
        )
        x += 16 + 7 * min(len(name), 40) + 12
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def _tick_indexes(n: int, most: int = 6) -> list[int]:
    if n <= most:
        return list(range(n))
    step = (n - 1) / (most - 1)
    return sorted({round(i * step) for i in range(most)})


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


__all__ = ["Mark", "bar_chart", "bdi", "highlighted", "line_chart", "marks", "safe_url"]
