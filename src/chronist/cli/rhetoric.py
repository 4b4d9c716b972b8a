"""``chronist rhetoric``: persuasion techniques per outlet and period, read through the query
layer (the rhetoric stage's genre and techniques of stored articles)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from chronist.cli import (
    DEFAULT_DB,
    DbOption,
    OutFile,
    OutletOption,
    RowFormat,
    SinceOption,
    UntilOption,
    _open_existing,
    _write_rows,
    app,
    err,
)
from chronist.cli.safe import plain
from chronist.cli.stories import Period
from chronist.errors import ChronistError
from chronist.query import ArticleQuery

RATE_COLUMNS = ("outlet", "articles", "words", "techniques", "per_1000_words", "genre", "top")
#: The terminal table's columns (CSV and JSON Lines carry every figure).
TABLE_COLUMNS = ("outlet", "articles", "per_1000_words", "top")


@app.command()
def rhetoric(
    db: DbOption = DEFAULT_DB,
    outlet: OutletOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    by: Annotated[Period, typer.Option("--by", help="Period.")] = Period.month,
    technique: Annotated[
        str | None, typer.Option("--technique", help="One technique, e.g. Loaded_Language.")
    ] = None,
    voice: Annotated[
        str | None, typer.Option("--voice", help="author (the outlet's text) or speaker.")
    ] = None,
    fmt: Annotated[RowFormat, typer.Option("--format", "-f")] = RowFormat.table,
    out_file: OutFile = None,
) -> None:
    """Persuasion techniques per outlet and period: articles, words, techniques found, the
    rate per 1,000 words, the articles by genre and the most used techniques. Counts what the
    rhetoric stage found in stored articles (`chronist ingest` runs it)."""
    if voice not in (None, "author", "speaker"):
        err.print(plain(f"error: --voice {voice!r}: give author or speaker"), markup=False)
        raise typer.Exit(2)
    try:
        where = ArticleQuery(outlet=outlet, since=since, until=until)
    except ChronistError as exc:
        err.print(plain(f"error: {exc}"), markup=False)
        raise typer.Exit(2) from None
    with _open_existing(db) as chronicle:
        rows = chronicle.rhetoric_rates(where, by.value, technique, voice)
    if fmt is RowFormat.table:
        rows = [_flat(row, by.value, short=True) for row in rows]
        columns: tuple[str, ...] = (by.value, *TABLE_COLUMNS)
    elif fmt is RowFormat.csv:
        rows = [_flat(row, by.value) for row in rows]
        columns = (by.value, *RATE_COLUMNS)
    else:
        columns = ()
    _write_rows(rows, fmt, out_file, columns, "Rhetoric")


def _flat(row: dict[str, Any], by: str, short: bool = False) -> dict[str, Any]:
    """A row for a table or CSV: genre counts and the top techniques as short text (in a
    table, two techniques, their names cut at the first "-" or "_" part that makes them
    long: "Loaded 10, Name_Calling 2")."""
    top = sorted(row["by_technique"].items(), key=lambda kv: (-kv[1], kv[0]))[: 2 if short else 3]
    if short:
        top = [(t.split("-")[0].removesuffix("_Language"), n) for t, n in top]
    return {
        by: row[by] or "undated",
        "outlet": row["outlet"] or "—",
        "articles": row["articles"],
        "words": row["words"],
        "techniques": row["techniques"],
        "per_1000_words": f"{row['per_1000_words']:.1f}",
        "genre": ", ".join(f"{g} {n}" for g, n in sorted(row["genre"].items())),
        "top": ", ".join(f"{t} {n}" for t, n in top),
    }
