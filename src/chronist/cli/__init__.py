"""The ``chronist`` command line: analyze, ingest, search, show, events, export, stats,
stories, story, timeline.

Exit codes: 0 when every input succeeded, 1 when some inputs failed (each reported in one line on
stderr, naming the input), 2 for usage errors.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import click
import typer
from rich.console import Console
from typer.core import TyperGroup

from chronist.cli.safe import plain
from chronist.errors import ChronistError, InputError
from chronist.model import Article
from chronist.pipeline import FileDone, Known, StoredIn, run
from chronist.registry import plan
from chronist.settings import DEFAULT_STAGES, Settings
from chronist.sources import expand_paths, input_size
from chronist.steps import run_store_steps
from chronist.store import PutResult, Store

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)  # one error, one line


class _Commands(TyperGroup):
    """The commands, with one rule for a usage error any of them meets: a
    :class:`ChronistError` (a date that is no date, an unknown event type, a store that is
    none) is one line on stderr and exit code 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ChronistError as exc:
            err.print(plain(f"error: {exc}"), markup=False)
            raise typer.Exit(2) from None


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        out.print(f"chronist {version('chronist')}", markup=False)
        raise typer.Exit()


app = typer.Typer(
    cls=_Commands,
    help="chronist: raw news articles in, clean articles with evidence out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """chronist: raw news articles in, clean articles with evidence out."""


DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        help="Store: a SQLite file path, sqlite:///path or postgresql://user:pw@host/db.",
        envvar="CHRONIST_DB",
    ),
]
DEFAULT_DB = "chronist.db"
PathsArg = Annotated[
    list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")
]
MaxSize = Annotated[
    float, typer.Option("--max-size", help="Refuse inputs over this many MB.", min=0.001)
]
Workers = Annotated[
    int, typer.Option("--workers", "-w", help="Processes to analyse with (same results).", min=1)
]
DaskFlag = Annotated[
    bool,
    typer.Option(
        "--dask",
        help="Analyse on a Dask cluster: a local one of --workers processes (at least 2), or "
        "the scheduler given with --scheduler. Needs chronist[dask].",
    ),
]
Scheduler = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="A running Dask scheduler (tcp://host:8786); implies --dask.",
    ),
]
Language = Annotated[
    bool,
    typer.Option(
        "--language/--no-language",
        help="Run the language, quotes and events stages after extraction.",
    ),
]
KbFiles = Annotated[
    list[Path] | None,
    typer.Option("--kb", help="Extra knowledge-base file (YAML or CSV); repeatable.", exists=True),
]


Classifier = Annotated[
    bool,
    typer.Option(
        "--classifier/--no-classifier",
        help="Events: let the sentence classifier confirm, retype and add events (slower).",
    ),
]


RhetoricEncoder = Annotated[
    bool,
    typer.Option(
        "--rhetoric-encoder/--no-rhetoric-encoder",
        help="Rhetoric: read each paragraph with the MiniLM encoder too (better techniques, "
        "about twice the analysis time).",
    ),
]


StagesOption = Annotated[
    str | None,
    typer.Option(
        "--stages",
        help="Comma-separated analysis stages to run (default: language,quotes,rhetoric,events; "
        "plug-in stages by name). Their order follows from what each requires.",
    ),
]


def _settings(
    language: bool,
    kb: list[Path] | None,
    classifier: bool,
    max_size: float,
    workers: int,
    stages: str | None = None,
    rhetoric_encoder: bool = False,
) -> Settings:
    """The run's settings from the command-line options, checked before any input is read."""
    if stages is not None:
        names = tuple(n.strip() for n in stages.split(",") if n.strip())
    else:
        names = DEFAULT_STAGES if language else ()
    settings = Settings(
        kb_files=tuple(kb or ()),
        classifier=classifier,
        stages=names,
        max_bytes=int(max_size * 1_000_000),
        workers=workers,
        rhetoric_encoder=rhetoric_encoder,
    )
    try:
        plan(settings.stages)
        if settings.kb_files and names:
            settings.knowledge_base()  # a broken --kb file fails here, in one line
    except (ChronistError, ValueError) as exc:
        err.print(plain(f"error: {exc}"), markup=False)
        raise typer.Exit(2) from None
    return settings


class AnalyzeFormat(StrEnum):
    report = "report"
    jsonl = "jsonl"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    plover = "plover"


class EventFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    plover = "plover"


def _report_error(error: InputError) -> None:
    err.print(plain(error.line()), markup=False, soft_wrap=True)


@app.command()
def analyze(
    paths: PathsArg,
    fmt: Annotated[
        AnalyzeFormat, typer.Option("--format", "-f", help="report (readable) or jsonl.")
    ] = AnalyzeFormat.report,
    max_size: MaxSize = 50.0,
    workers: Workers = 1,
    language: Language = True,
    kb: KbFiles = None,
    classifier: Classifier = True,
    stages: StagesOption = None,
    rhetoric_encoder: RhetoricEncoder = False,
) -> None:
    """Analyze articles without a store and print them (a Rich report, or JSON Lines)."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    from chronist.cli.report import render_article

    failures = 0
    paths = list(paths)
    settings = _settings(language, kb, classifier, max_size, workers, stages, rhetoric_encoder)
    # a bar on the terminal while the output goes to a file or a pipe (on a terminal, the
    # reports themselves show the progress); it never touches standard output
    progress = Progress(
        BarColumn(), DownloadColumn(), TimeRemainingColumn(), console=err, transient=True,
        redirect_stdout=False, redirect_stderr=False,
        disable=not (err.is_terminal and not out.is_terminal),
    )  # fmt: skip
    with progress:
        task = progress.add_task("analyze", total=sum(input_size(p) for p in expand_paths(paths)))
        for item in run(paths, settings):
            if isinstance(item, FileDone):
                progress.advance(task, item.size)
                continue
            if isinstance(item, InputError):
                failures += 1
                _report_error(item)
            elif fmt is AnalyzeFormat.jsonl:
                sys.stdout.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
                sys.stdout.flush()
            else:
                render_article(out, item)
    raise typer.Exit(1 if failures else 0)


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOption = DEFAULT_DB,
    max_size: MaxSize = 50.0,
    workers: Workers = 1,
    language: Language = True,
    kb: KbFiles = None,
    classifier: Classifier = True,
    stages: StagesOption = None,
    rhetoric_encoder: RhetoricEncoder = False,
    dask: DaskFlag = False,
    scheduler: Scheduler = None,
) -> None:
    """Analyze articles and store them (one transaction per article; re-running is idempotent)."""
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from chronist.store import open_store

    paths = list(paths)
    settings = _settings(language, kb, classifier, max_size, workers, stages, rhetoric_encoder)
    total = sum(input_size(p) for p in expand_paths(paths)) or None
    counts = {"new": 0, "exists": 0, "duplicate": 0, "failed": 0}
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[articles]} articles"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    try:
        store = open_store(db)
    except ChronistError as exc:
        err.print(plain(f"error: {exc}"), markup=False)
        raise typer.Exit(2) from None
    with store, Progress(*columns, console=err, transient=False) as progress:
        task = progress.add_task("ingest", total=total, articles=0)
        # what the store already holds is extracted (its id is its content's) and skipped,
        # not analysed again: re-running an interrupted ingest does only what is missing
        if dask or scheduler:
            from chronist.cluster import run_dask

            items = run_dask(paths, settings, skip=StoredIn(db), address=scheduler)
        else:
            items = run(paths, settings, skip=StoredIn(db))
        for item in items:
            if isinstance(item, FileDone):
                progress.advance(task, item.size)
                continue
            if isinstance(item, Known):
                counts["exists"] += 1
                progress.update(task, articles=sum(counts.values()) - counts["failed"])
                continue
            if isinstance(item, InputError):
                counts["failed"] += 1
                progress.console.print(plain(item.line()), markup=False, soft_wrap=True)
                continue
            result = _put(store, item)
            if result is None:
                counts["failed"] += 1
                continue
            counts[result.status] += 1
            if result.status == "duplicate":
                progress.console.print(
                    plain(f"duplicate: {item.input}: same body as stored")
                    + f" article {result.duplicate_of}",
                    markup=False,
                    soft_wrap=True,
                )
            progress.update(task, articles=sum(counts.values()) - counts["failed"])
        step_failed = False
        try:
            for name, n in run_store_steps(store, settings).items():
                progress.console.print(f"store step {name}: {n} new articles", markup=False)
        except Exception as exc:  # the articles are stored; a step resumes on the next run
            step_failed = True
            progress.console.print(
                plain(f"error: a store step failed ({type(exc).__name__}: {exc}); the articles "
                      "are stored, and `chronist stories --update` resumes it"),
                markup=False,
                soft_wrap=True,
            )  # fmt: skip
    err.print(
        f"{counts['new']} new, {counts['exists']} already stored, "
        f"{counts['duplicate']} exact duplicates (stored, linked), {counts['failed']} failed "
        f"→ {_label(db)}",
        markup=False,
    )
    raise typer.Exit(1 if counts["failed"] or step_failed else 0)


def _put(store: Store, article: Article) -> PutResult | None:
    try:
        return store.put(article)
    except Exception as exc:  # a store error stops this article, not the batch
        _report_error(InputError(article.input, f"not stored ({exc})"))
    return None


SinceOption = Annotated[str | None, typer.Option("--since", help="Earliest date (ISO prefix).")]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="Latest date (ISO prefix: 2016-09 = all September).")
]
OutletOption = Annotated[str | None, typer.Option("--outlet", help="Outlet name (exact).")]
CountryOption = Annotated[
    str | None, typer.Option("--country", help="Country (ISO alpha-3), e.g. RUS.")
]
Limit = Annotated[int | None, typer.Option("--limit", "-n", min=1)]
OutFile = Annotated[
    Path | None, typer.Option("--out", "-o", help="Output file (stdout if omitted).")
]


class RowFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


def _write_rows(
    rows: list[dict[str, object]] | Iterator[dict[str, object]],
    fmt: RowFormat,
    out_file: Path | None,
    columns: tuple[str, ...],
    title: str,
) -> None:
    """Query rows as a table, JSON Lines or CSV."""
    from chronist.export import write_jsonl, write_rows_csv

    if fmt is RowFormat.table:
        from chronist.cli.report import render_rows

        render_rows(out, list(rows), columns, title)
        return
    writer = write_jsonl if fmt is RowFormat.jsonl else write_rows_csv
    n = writer(rows, out_file) if fmt is RowFormat.jsonl else writer(rows, out_file, columns)
    if out_file is not None:
        err.print(f"{n} {title.lower()} → {out_file}", markup=False)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Full-text query over titles and bodies.")],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 20,
    outlet: OutletOption = None,
    language: Annotated[str | None, typer.Option("--language", help="Language code.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    actor: Annotated[str | None, typer.Option("--actor", help="An actor's name contains.")] = None,
    country: CountryOption = None,
) -> None:
    """Full-text search of the store, with snippets, filtered by outlet, language, date,
    actor or country."""
    from chronist.cli.report import render_hits
    from chronist.query import ArticleQuery

    where = ArticleQuery(outlet, language, since, until, actor, country)
    with _open_existing(db) as chronicle:
        # a query the full-text syntax rejects is refused, never rewritten as plain words:
        # "NOT Kerry" searched as "Kerry" would answer the opposite question
        chronicle.strict_search = True
        try:
            hits = chronicle.search(query, where, limit=limit)
        except ChronistError as exc:
            err.print(plain(f"error: {exc}"), markup=False)
            raise typer.Exit(2) from None
        render_hits(out, hits, query)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id or unique prefix.")],
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[
        AnalyzeFormat, typer.Option("--format", "-f", help="report or jsonl.")
    ] = AnalyzeFormat.report,
) -> None:
    """Show one stored article."""
    from chronist.cli.report import render_article

    with _open_existing(db) as chronicle:
        try:
            record = chronicle.article(article_id)
        except ChronistError as exc:
            err.print(plain(f"error: {exc}"), markup=False)
            raise typer.Exit(2) from None
        if record is None:
            err.print(f"error: no article with id {article_id!r} in {_label(db)}", markup=False)
            raise typer.Exit(1)
        if fmt is AnalyzeFormat.jsonl:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            render_article(out, Article.from_dict(record))


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Actor or recipient name contains this.")
    ] = None,
    country: Annotated[
        str | None, typer.Option("--country", help="Actor or recipient country (ISO alpha-3).")
    ] = None,
    dyad: Annotated[
        str | None,
        typer.Option("--dyad", help="Actor and recipient countries, SOURCE-TARGET (USA-RUS)."),
    ] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="PLOVER event type, e.g. CONSULT.")
    ] = None,
    quad: Annotated[
        int | None,
        typer.Option(
            "--quad", min=1, max=4, help="1 verbal coop., 2 material coop., 3, 4 conflict."
        ),
    ] = None,
    mode: Annotated[str | None, typer.Option("--mode", help="PLOVER mode.")] = None,
    modality: Annotated[
        str | None,
        typer.Option(
            "--modality",
            help="asserted, or one of negated, future, hypothetical, historical, alleged.",
        ),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    outlet: OutletOption = None,
    fmt: Annotated[
        EventFormat, typer.Option("--format", "-f", help="table, jsonl, csv or plover.")
    ] = EventFormat.table,
    out_file: OutFile = None,
    limit: Limit = None,
) -> None:
    """List the stored events, filtered by actor, country, dyad, type, quad, mode, modality,
    date range and outlet."""
    from chronist.events.records import plover_record
    from chronist.export import write_event_csv, write_jsonl
    from chronist.query import EventQuery

    pair: tuple[str, str] | None = None
    if dyad:
        parts = [p for p in dyad.replace(",", "-").split("-") if p]
        if len(parts) != 2:
            err.print(f"error: --dyad {dyad!r}: give two countries, e.g. USA-RUS", markup=False)
            raise typer.Exit(2)
        pair = (parts[0], parts[1])
    try:
        where = EventQuery(
            actor, country, pair, event_type, quad, mode, modality, since, until, outlet
        )
    except ChronistError as exc:
        err.print(plain(f"error: {exc}"), markup=False)
        raise typer.Exit(2) from None
    with _open_existing(db) as chronicle:
        pairs = chronicle.events(where, limit=limit)
        if fmt is EventFormat.table:
            from chronist.cli.report import render_events

            render_events(out, list(pairs))
            return
        if fmt is EventFormat.csv:
            n = write_event_csv(pairs, out_file)
        elif fmt is EventFormat.plover:
            n = write_jsonl((plover_record(r, e) for r, e in pairs), out_file)
        else:
            n = write_jsonl(({"article_id": r.get("id"), **e} for r, e in pairs), out_file)
    if out_file is not None:
        err.print(f"{n} events → {out_file}", markup=False)


QUOTE_COLUMNS = ("published", "outlet", "speaker", "speaker_country", "kind", "text", "article_id")


@app.command()
def quotes(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[
        str | None, typer.Option("--speaker", help="The speaker's name contains this.")
    ] = None,
    country: CountryOption = None,
    outlet: OutletOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    fmt: Annotated[RowFormat, typer.Option("--format", "-f")] = RowFormat.table,
    out_file: OutFile = None,
    limit: Limit = None,
) -> None:
    """Who said what: the stored quotes by speaker, speaker's country, outlet and date, with
    each quote's article and character offsets."""
    from chronist.query import QuoteQuery

    where = QuoteQuery(speaker, country, outlet, since, until)
    with _open_existing(db) as chronicle:
        rows = chronicle.quotes(where, limit=limit)
        columns = QUOTE_COLUMNS if fmt is RowFormat.table else QUOTE_COLUMNS + QUOTE_EXTRA
        _write_rows(rows, fmt, out_file, columns, "Quotes")


QUOTE_EXTRA = ("quote_id", "speaker_actor", "speaker_sector", "cue", "start", "end", "title", "url")
ACTOR_COLUMNS = ("name", "country", "sector", "kind", "articles", "mentions")


@app.command()
def actors(
    db: DbOption = DEFAULT_DB,
    name: Annotated[str | None, typer.Option("--name", help="The name contains this.")] = None,
    country: CountryOption = None,
    sector: Annotated[str | None, typer.Option("--sector", help="Sector code, e.g. GOV.")] = None,
    fmt: Annotated[RowFormat, typer.Option("--format", "-f")] = RowFormat.table,
    out_file: OutFile = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 50,
) -> None:
    """The actors of the stored articles, one row per name, country and sector, most articles
    first."""
    with _open_existing(db) as chronicle:
        rows = chronicle.actors(name, country, sector, limit=limit)
        _write_rows(rows, fmt, out_file, ACTOR_COLUMNS, "Actors")


DYAD_COLUMNS = ("week", "source", "target", "events", "quad1", "quad2", "quad3", "quad4", "score")


@app.command()
def dyads(
    db: DbOption = DEFAULT_DB,
    source: Annotated[str | None, typer.Option("--source", help="Actor's country.")] = None,
    target: Annotated[str | None, typer.Option("--target", help="Recipient's country.")] = None,
    country: Annotated[
        str | None, typer.Option("--country", help="A country on either side.")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    fmt: Annotated[RowFormat, typer.Option("--format", "-f")] = RowFormat.table,
    out_file: OutFile = None,
    limit: Limit = None,
) -> None:
    """Events per country dyad and ISO week (its Monday): counts per quad (1 verbal
    cooperation … 4 material conflict) and the summed scores."""
    with _open_existing(db) as chronicle:
        rows = chronicle.dyads_per_week(source, target, country, since, until, limit=limit)
        _write_rows(rows, fmt, out_file, DYAD_COLUMNS, "Dyads")


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")],
    out_file: OutFile = None,
    db: DbOption = DEFAULT_DB,
    outlet: OutletOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
) -> None:
    """Export the stored articles (all, or by outlet and date) as JSON Lines, CSV or Parquet,
    or their events as PLOVER. Streams: memory stays flat however large the store."""
    from chronist.export import export_records
    from chronist.query import ArticleQuery

    where = ArticleQuery(outlet=outlet, since=since, until=until)
    with _open_existing(db) as chronicle:
        try:
            n = export_records(chronicle.records(where), fmt.value, out_file)
        except ChronistError as exc:
            err.print(plain(f"error: {exc}"), markup=False)
            raise typer.Exit(2) from None
    if out_file is not None:
        what = "events" if fmt is ExportFormat.plover else "articles"
        err.print(f"{n} {what} → {out_file}", markup=False)


@app.command()
def stats(
    db: DbOption = DEFAULT_DB,
    per_day: Annotated[
        bool, typer.Option("--per-day", help="Articles per outlet and publication day instead.")
    ] = False,
    fmt: Annotated[RowFormat, typer.Option("--format", "-f")] = RowFormat.table,
    out_file: OutFile = None,
) -> None:
    """Counts of stored articles by outlet, language and year (or per outlet and day)."""
    from chronist.cli.report import render_stats

    with _open_existing(db) as chronicle:
        if per_day:
            rows = chronicle.articles_per_day()
            _write_rows(rows, fmt, out_file, ("day", "outlet", "articles"), "Articles per day")
        else:
            render_stats(out, chronicle.stats(), _label(db))


def _label(db: str) -> str:
    from chronist.store import redact

    return redact(db)


def _open_existing(db: str):  # noqa: ANN202 - returns the Chronicle context manager
    from chronist.query import Chronicle
    from chronist.store import is_url

    if not is_url(db) and not Path(db).exists():
        err.print(f"error: no store at {db} (run `chronist ingest` first)", markup=False)
        raise typer.Exit(2)
    try:
        return Chronicle.open(db)
    except ChronistError as exc:
        err.print(plain(f"error: {exc}"), markup=False)
        raise typer.Exit(2) from None


def main() -> None:
    """Entry point of the ``chronist`` console script."""
    app()


# The story commands register on ``app`` (kept apart to keep this module short).
from chronist.cli import rhetoric as _rhetoric  # noqa: E402, F401
from chronist.cli import serve as _serve  # noqa: E402, F401
from chronist.cli import stories as _stories  # noqa: E402, F401
