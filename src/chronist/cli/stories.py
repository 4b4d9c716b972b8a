"""``chronist stories``, ``chronist story ID`` and ``chronist timeline``: the chronicle across
outlets, read through the query layer."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.table import Table

from chronist.cli import (
    DEFAULT_DB,
    DbOption,
    Limit,
    OutFile,
    OutletOption,
    RowFormat,
    SinceOption,
    UntilOption,
    _open_existing,
    _write_rows,
    app,
    err,
    out,
)
from chronist.cli.safe import esc as escape
from chronist.cli.safe import plain
from chronist.errors import ChronistError

STORY_COLUMNS = ("id", "start", "end", "articles", "outlets", "label")


class StoryFormat(StrEnum):
    text = "text"
    json = "json"


class Period(StrEnum):
    day = "day"
    week = "week"
    month = "month"


@app.command()
def stories(
    db: DbOption = DEFAULT_DB,
    since: SinceOption = None,
    until: UntilOption = None,
    outlet: OutletOption = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Part of an actor's name.")] = None,
    min_articles: Annotated[
        int, typer.Option("--min-articles", min=1, help="Only stories of so many articles.")
    ] = 1,
    min_outlets: Annotated[
        int, typer.Option("--min-outlets", min=1, help="Only stories told by so many outlets.")
    ] = 1,
    fmt: Annotated[RowFormat, typer.Option("--format", "-f")] = RowFormat.table,
    out_file: OutFile = None,
    limit: Limit = 50,
    update: Annotated[
        bool, typer.Option("--update", help="First place the articles stored since the last run.")
    ] = False,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="First forget every story and place all again.")
    ] = False,
) -> None:
    """Stories across outlets: articles on one real-world story, the widest told first."""
    from chronist.query import StoryQuery

    with _open_existing(db) as chronicle:
        if update or rebuild:
            _place(chronicle.store, rebuild)
        where = StoryQuery(since, until, outlet, actor, min_articles, min_outlets)
        rows = chronicle.stories(where, limit=limit)
        if not rows and not chronicle.stories(limit=1) and chronicle.count_articles():
            err.print(
                "no article is placed in a story yet: run `chronist stories --update` (ingest "
                "places them when the language and events stages run)",
                markup=False,
            )
        _write_rows(rows, fmt, out_file, STORY_COLUMNS, "Stories")


def _place(store: Any, rebuild: bool) -> None:
    from chronist.settings import Settings
    from chronist.steps import run_store_steps
    from chronist.stories.step import reset

    if rebuild:
        reset(store)
    with err.status("placing articles in stories"):
        try:
            done = run_store_steps(store, Settings(), ("stories",))
        except ChronistError as exc:
            err.print(plain(f"error: {exc}"), markup=False)
            raise typer.Exit(2) from None
    err.print(f"stories: {done.get('stories', 0)} articles placed", markup=False)


@app.command()
def story(
    story_id: Annotated[str, typer.Argument(help="Story id or an unambiguous prefix.")],
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[StoryFormat, typer.Option("--format", "-f")] = StoryFormat.text,
) -> None:
    """One story: its articles by outlet, the events they report merged (every report with
    its sentence), how each outlet tells it, and a timeline."""
    with _open_existing(db) as chronicle:
        try:
            found = chronicle.story(story_id)
        except ChronistError as exc:
            err.print(plain(f"error: {exc}"), markup=False)
            raise typer.Exit(2) from None
    if found is None:
        err.print(plain(f"error: no story {story_id!r} in {db}"), markup=False)
        raise typer.Exit(1)
    if fmt is StoryFormat.json:
        out.print_json(json.dumps(found, ensure_ascii=False))
        return
    render_story(found)


@app.command()
def timeline(
    db: DbOption = DEFAULT_DB,
    dyad: Annotated[
        str | None, typer.Option("--dyad", help="Actor's and recipient's countries: USA-RUS.")
    ] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Part of a name.")] = None,
    country: Annotated[str | None, typer.Option("--country", help="On either side.")] = None,
    story_id: Annotated[str | None, typer.Option("--story", help="One story.")] = None,
    by: Annotated[Period, typer.Option("--by", help="Period.")] = Period.week,
    since: SinceOption = None,
    until: UntilOption = None,
    fmt: Annotated[RowFormat, typer.Option("--format", "-f")] = RowFormat.table,
    out_file: OutFile = None,
) -> None:
    """Events over time, each act counted once however many outlets report it: per day, week
    (its Monday) or month, by quad (1 verbal cooperation … 4 material conflict), with summed
    scores and the number of reports."""
    pair = None
    if dyad:
        parts = dyad.replace(">", "-").split("-")
        if len(parts) != 2 or not all(parts):
            err.print(
                plain(f"error: --dyad {dyad!r}: give two country codes, e.g. USA-RUS"), markup=False
            )
            raise typer.Exit(2)
        pair = (parts[0], parts[1])
    with _open_existing(db) as chronicle:
        try:
            rows = chronicle.timeline(by.value, pair, actor, country, story_id, since, until)
        except ChronistError as exc:
            err.print(plain(f"error: {exc}"), markup=False)
            raise typer.Exit(2) from None
    columns = (by.value, "events", "quad1", "quad2", "quad3", "quad4", "score", "reports")
    _write_rows(rows, fmt, out_file, columns, "Timeline")


def _people(people: list[dict[str, Any]]) -> str:
    return (
        " + ".join(p["name"] + (f" ({p['country']})" if p.get("country") else "") for p in people)
        or "—"
    )


def render_story(s: dict[str, Any]) -> None:
    """A story in the terminal (everything from articles escaped)."""
    out.print(f"[bold]{escape(s['label'] or s['id'])}[/bold]")
    span = f"{s['start'] or '?'} – {s['end'] or '?'}"
    out.print(f"{s['id']} · {span} · {s['n_articles']} articles, {s['n_outlets']} outlets")
    table = Table(title="Articles", title_justify="left", show_edge=False)
    for column in ("article", "outlet", "published", "title", "similarity"):
        table.add_column(column, overflow="fold")
    for a in s["articles"]:
        sim = f"copy of {a['copy_of'][:10]}" if a["copy_of"] else f"{a['similarity']:.2f}"
        table.add_row(a["id"][:12], escape(a["outlet"] or "—"), a["published"] or "—",
                      escape(a["title"] or "—"), sim)  # fmt: skip
    out.print(table)
    shared = [e for e in s["events"] if len(e["outlets"]) > 1]
    out.print(
        f"\n[bold]Events[/bold]: {len(s['events'])} acts, {len(shared)} reported by more than"
        " one outlet"
    )
    for e in sorted(s["events"], key=lambda e: -len(e["outlets"]))[:25]:
        who = f"{_people(e['actors'])} → {_people(e['recipients'])}"
        out.print(
            f"  {e['date'] or '—'}  [bold]{e['type']}[/bold]  {escape(who)}"
            f"  ({len(e['reports'])} reports, {len(e['outlets'])} outlets)"
        )
        for r in e["reports"]:
            said = f" said by {r['reported_by'].get('speaker')}" if r.get("reported_by") else ""
            flags = f" [{', '.join(r['modality'])}]" if r["modality"] else ""
            text = " ".join((r["sentence"].get("text") or "").split())
            out.print(
                f"      {escape(r['outlet'] or '?')}{escape(said + flags)}: {escape(text[:160])}",
                soft_wrap=True,
            )
        for c in e["conflicts"]:
            versions = "; ".join(f"{v['value']} ({', '.join(v['outlets'])})" for v in c["versions"])
            out.print(f"      [yellow]differs on {c['field']}[/yellow]: {escape(versions)}")
    types = {e["id"]: e for e in s["events"]}
    out.print("\n[bold]Outlets[/bold]")
    for outlet, v in s["outlets"].items():
        out.print(
            f"  [bold]{escape(outlet)}[/bold]: {len(v['articles'])} articles,"
            f" {len(v['events'])} events, leaves out {len(v['leaves_out'])}, {v['quotes']} quotes"
        )
        voices = ", ".join(
            f"{x['speaker']} ({x['country'] or '?'})" for x in v["voices"][:6] if x["speaker"]
        )
        if voices:
            out.print(f"    voices: {escape(voices)}")
        for name, forms in list(v["names"].items())[:8]:
            out.print(f"    calls {escape(name)}: {escape(', '.join(forms))}")
        for cid, verbs in v["acts"].items():
            act = types.get(cid, {})
            if verbs:
                what = f"{act.get('type', '?')} of {act.get('date') or 'no date'} ({cid})"
                out.print(f"    words for the {what}: {escape(', '.join(verbs))}")
        if v["terms"]:
            out.print(f"    its words: {escape(', '.join(v['terms']))}")
        r = v.get("rhetoric")
        if r:
            genres = ", ".join(f"{g} {n}" for g, n in sorted(r["genres"].items()))
            out.print(
                f"    tells it as: {escape(genres)}; {r['per_1000_words']:.1f} techniques per"
                f" 1,000 words in its own voice ({escape(', '.join(r['top'])) or 'none'})"
            )
            if r["loaded"]:
                out.print(f"    loaded words: {escape(', '.join(r['loaded'][:8]))}")
    if s["timeline"]:
        out.print("\n[bold]Timeline[/bold] (acts per day)")
        for row in s["timeline"]:
            out.print(f"  {row['day']}  {row['events']} acts  score {row['score']:+.1f}")
