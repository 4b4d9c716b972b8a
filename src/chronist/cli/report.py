"""Readable Rich reports: one article, search hits, events, store statistics."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from chronist.cli.safe import SafeTable, clean, esc, plain
from chronist.model import Article

_FIELDS = ("title", "authors", "outlet", "url", "published", "published_after", "language", "tags")


def _value(article: Article, field: str) -> str:
    value: Any = getattr(article, field)
    if isinstance(value, list):
        return ", ".join(value) if value else "—"
    return "—" if value in (None, "") else str(value)


def render_article(console: Console, article: Article) -> None:
    """Metadata with its evidence, the body paragraph by paragraph, and the captions."""
    article = Article.from_dict(clean(article.to_dict()))  # nothing from the input is markup
    meta = SafeTable.grid(padding=(0, 2))
    meta.add_column(style="bold cyan", no_wrap=True)
    meta.add_column(overflow="fold")
    meta.add_column(style="dim", overflow="fold")
    meta.add_row("id", article.id, f"{article.input} ({article.format})")
    for field in _FIELDS:
        if field == "title":
            continue
        ev = article.metadata_evidence.get(field)
        evidence = f"{ev.source}: {ev.text}" if ev else ""
        if ev and field != "url" and ev.source == "url" and ev.text == article.url:
            evidence = "url (above)"  # the URL is shown once, in its own row
        if len(evidence) > 90:
            evidence = evidence[:89] + "…"
        if field == "published_after" and article.published_after is None:
            continue
        meta.add_row(field, _value(article, field), evidence)
    body = Text()
    paragraphs = article.body.split("\n\n") if article.body else []
    for i, para in enumerate(paragraphs, start=1):
        body.append(f"{i:>3}  ", style="dim")
        body.append(para + ("\n\n" if i < len(paragraphs) else ""))
    parts: list[Any] = [meta, Text(""), body]
    parts.extend(_language_parts(article))
    if article.captions:
        captions = Text("\nCaptions\n", style="bold")
        for caption in article.captions:
            captions.append(f"  • {caption}\n", style="italic")
        parts.append(captions)
    title = esc(article.title or "(no title found)")
    console.print(Panel(Group(*parts), title=f"[bold]{title}[/bold]", title_align="left"))


def _language_parts(article: Article) -> list[Any]:
    """Actors, dates and places found by the language stage, when it ran."""
    parts: list[Any] = []
    if article.actors:
        table = SafeTable(title="Actors", title_justify="left", show_edge=False, expand=False)
        table.add_column("id", no_wrap=True)
        table.add_column("name", ratio=3)
        table.add_column("code", no_wrap=True)
        table.add_column("kind", no_wrap=True)
        table.add_column("role", ratio=3)
        table.add_column("n", justify="right", no_wrap=True)
        for actor in article.actors:
            code = " ".join(c for c in (actor["country"], actor["sector"]) if c) or "—"
            role = actor["role"] or "—"
            table.add_row(
                actor["id"],
                actor["name"],
                code,
                actor["kind"],
                role if len(role) <= 48 else role[:47] + "…",
                str(len(actor["mentions"])),
            )
        parts.extend([Text(""), table])
    if article.dates:
        anchor = article.dates[0]["anchor"]
        table = SafeTable(
            title=f"Dates (anchor {anchor.get('value')} from {anchor.get('source')})",
            title_justify="left",
            show_edge=False,
        )
        for column in ("text", "value", "precision", "at"):
            table.add_column(column)
        for item in article.dates:
            precision = item["precision"] + (f", {item['modifier']}" if item["modifier"] else "")
            table.add_row(item["text"], item["value"] or "—", precision, str(item["start"]))
        parts.extend([Text(""), table])
    if article.quotes:
        quotes = Text("\nQuotes\n", style="bold")
        for quote in article.quotes:
            if quote["kind"] == "scare":
                continue
            mention = quote["speaker_mention"]
            who = quote["speaker"] or (f"[{mention['text']}]" if mention else "(unattributed)")
            marks = "" if quote["kind"] == "indirect" else "“"
            quotes.append(f"  {who}", style="bold cyan")
            quotes.append(f" ({quote['kind']}, {quote['cue'] or '—'}): ", style="dim")
            quotes.append(f"{marks}{quote['text']}{'”' if marks else ''}\n")
        parts.append(quotes)
    if article.events:
        events = Text("\nEvents\n", style="bold")
        for event in article.events:
            mode = f"/{event['mode']}" if event["mode"] else ""
            location = event["location"]
            flags = _flags(event)  # type: ignore[arg-type]
            events.append(f"  {event['date'] or '—'} ", style="dim")
            events.append(f"{event['type']}{mode}", style="bold cyan")
            events.append(
                f" {_who(event['actors'])} → {_who(event['recipients'])}"  # type: ignore[arg-type]
                + (f" in {location['name']}" if location else "")
                + (f" [{flags}]" if flags else "")
            )
            events.append(
                f"  «{_clip(event['text'])}» [{event['start']}:{event['end']}]\n", style="dim"
            )
        parts.append(events)
    for stage, value in article.ext.items():  # what plug-in stages added, as they stored it
        added = Text(f"\n{stage} (plug-in)\n", style="bold")
        added.append(f"  {_clip(json.dumps(value, ensure_ascii=False), 300)}\n")
        parts.append(added)
    if article.places:
        table = SafeTable(title="Places", title_justify="left", show_edge=False)
        for column in ("name", "country", "geonameid", "lat, lon", "mentions"):
            table.add_column(column)
        for place in article.places:
            where = f"{place['lat']:.2f}, {place['lon']:.2f}" if place["lat"] is not None else "—"
            table.add_row(
                place["name"],
                place["country_code"] or "—",
                str(place["geonameid"]),
                where,
                str(len(place["mentions"])),
            )
        parts.extend([Text(""), table])
    return parts


def render_hits(console: Console, hits: list[Any], query: str) -> None:
    """Search results with snippets (matches between square brackets are highlighted)."""
    if not hits:
        console.print(f"No article matches {plain(repr(query))}.", markup=False)
        return
    title = Text(f"{len(hits)} articles matching {plain(repr(query))}")
    table = SafeTable(title=title, show_lines=True)
    table.add_column("id", no_wrap=True, style="cyan")
    table.add_column("published", no_wrap=True)
    table.add_column("outlet")
    table.add_column("title / snippet", overflow="fold")
    for hit in hits:
        snippet = Text()
        for part in re.split(r"(\[[^\[\]]*\])", plain(hit.snippet)):
            if part.startswith("[") and part.endswith("]"):
                snippet.append(part[1:-1], style="bold yellow")
            else:
                snippet.append(part)
        cell = Text.assemble((plain(hit.title or "(untitled)"), "bold"), "\n", snippet)
        table.add_row(plain(hit.id), plain(hit.published or "—"), plain(hit.outlet or "—"), cell)
    console.print(table)


def render_stats(console: Console, stats: Any, db: Path) -> None:
    """Totals and breakdowns of a store."""
    data = clean(stats.to_dict())
    head = SafeTable.grid(padding=(0, 2))
    head.add_column(style="bold cyan")
    head.add_column()
    head.add_row("store", str(db))
    for key in ("articles", "input_files", "duplicates", "with_date", "without_date"):
        if key in data:
            head.add_row(key.replace("_", " "), str(data[key]))
    if data.get("earliest"):
        head.add_row("published", f"{data['earliest']} … {data['latest']}")
    console.print(head)
    for key, label in (("by_outlet", "outlet"), ("by_language", "language"), ("by_year", "year")):
        counts = data.get(key) or {}
        if not counts:
            continue
        table = SafeTable(title=f"by {label}", title_justify="left")
        table.add_column(label)
        table.add_column("articles", justify="right")
        if key == "by_year":  # years in order, the unknown ones last
            rows = sorted(counts.items(), key=lambda kv: (not str(kv[0])[:1].isdigit(), kv[0]))
        else:
            rows = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
        for name, n in rows[:25]:
            table.add_row(str(name), str(n))
        if len(rows) > 25:
            rest = sum(n for _, n in rows[25:])
            table.caption = f"and {len(rows) - 25} more {label}s with {rest} articles"
        console.print(table)


def _clip(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _who(people: list[dict[str, Any]]) -> str:
    return (
        " + ".join(p["name"] + (f" ({p['country']})" if p.get("country") else "") for p in people)
        or "—"
    )


def _flags(event: dict[str, Any]) -> str:
    modality = event.get("modality") or {}
    flags = [
        name
        for name in ("negated", "future", "hypothetical", "historical", "alleged")
        if modality.get(name)
    ]
    reporter = event.get("reported_by")
    if reporter:
        flags.append(f"said by {reporter.get('speaker') or '?'}")
    return ", ".join(flags)


#: Below this terminal width the events table has three columns, not seven.
NARROW = 110


def _narrow_event_table(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> Table:
    """Three columns for a narrow terminal (80 columns, a pipe, CI logs): when and what, who
    to whom, and the evidence with where and the flags under it, so no word breaks."""
    table = SafeTable(title="Events", title_justify="left", show_edge=False, expand=True)
    table.add_column("date, type", overflow="fold", min_width=12, max_width=14)
    table.add_column("actors → recipients", overflow="fold", ratio=2)
    table.add_column("evidence, where, flags", overflow="fold", ratio=3)
    for _, event in pairs:
        location = (event.get("location") or {}).get("name")
        mode = f" ({event['mode']})" if event.get("mode") else ""
        notes = [f"in {location}"] if location else []
        if flags := _flags(event):
            notes.append(flags)
        evidence = f"{_clip(event['text'])} [{event['start']}:{event['end']}]"
        table.add_row(
            f"{event.get('date') or '—'}\n({event.get('date_source')})\n{event['type']}{mode}",
            f"{_who(event.get('actors') or [])}\n→ {_who(event.get('recipients') or [])}",
            evidence + ("\n" + "; ".join(notes) if notes else ""),
        )
    return table


def _event_table(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> Table:
    # widths that stay readable at 80 columns: the date and the type never break inside a
    # word ("2016-12-0 / 9"), the evidence takes the room that is left
    table = SafeTable(title="Events", title_justify="left", show_edge=False, expand=True)
    table.add_column("date", overflow="fold", min_width=10, max_width=12)
    table.add_column("type", overflow="fold", min_width=7, max_width=12)
    for column, ratio in (("actors", 2), ("recipients", 2), ("where", 1), ("flags", 1)):
        table.add_column(column, overflow="fold", ratio=ratio)
    table.add_column("evidence", overflow="fold", ratio=4)
    for _, event in pairs:
        location = event.get("location") or {}
        mode = f"\n{event['mode']}" if event.get("mode") else ""
        table.add_row(
            f"{event.get('date') or '—'}\n({event.get('date_source')})",
            f"{event['type']}{mode}",
            _who(event.get("actors") or []),
            _who(event.get("recipients") or []),
            location.get("name") or "—",
            _flags(event),
            f"{_clip(event['text'])} [{event['start']}:{event['end']}]",
        )
    return table


def render_events(console: Console, pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    """Events as a table: date, type, who, whom, where, modality, the evidence with offsets."""
    if not pairs:
        console.print("no events match")
        return
    console.print(_event_table(pairs) if console.width >= NARROW else _narrow_event_table(pairs))
    console.print(f"{len(pairs)} events in {len({r.get('id') for r, _ in pairs})} articles")


def render_rows(
    console: Console, rows: list[dict[str, Any]], columns: tuple[str, ...], title: str
) -> None:
    """Query results as a table of the named columns (long text clipped), with a count."""
    if not rows:
        console.print(f"no {title.lower()} match")
        return
    table = SafeTable(title=title, title_justify="left", show_edge=False)
    for column in columns:
        numeric = all(isinstance(r.get(column), int | float) for r in rows)
        table.add_column(column, overflow="fold", justify="right" if numeric else "left")
    for row in rows:
        table.add_row(
            *("—" if row.get(c) in (None, "") else escape(_clip(str(row[c]), 120)) for c in columns)
        )
    console.print(table)
    console.print(f"{len(rows)} rows")
