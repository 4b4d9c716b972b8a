"""The ``chronist`` command line: analyze, ingest, search, show, events, export, stats.

Exit codes: 0 when every input succeeded, 1 when some inputs failed (each reported in one line on
stderr, naming the input), 2 for usage errors.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from chronist.errors import ChronistError, InputError
from chronist.model import Article
from chronist.pipeline import FileDone, run
from chronist.registry import plan
from chronist.settings import DEFAULT_STAGES, Settings
from chronist.sources import expand_paths, input_size

app = typer.Typer(
    help="chronist: raw news articles in, clean articles with evidence out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)

DbOption = Annotated[Path, typer.Option("--db", help="SQLite store file.", envvar="CHRONIST_DB")]
PathsArg = Annotated[
    list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")
]
MaxSize = Annotated[
    float, typer.Option("--max-size", help="Refuse inputs over this many MB.", min=0.001)
]
Workers = Annotated[
    int, typer.Option("--workers", "-w", help="Processes to analyse with (same results).", min=1)
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


StagesOption = Annotated[
    str | None,
    typer.Option(
        "--stages",
        help="Comma-separated analysis stages to run (default: language,quotes,events; "
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
    )
    try:
        plan(settings.stages)
        if settings.kb_files and names:
            settings.knowledge_base()  # a broken --kb file fails here, in one line
    except (ChronistError, ValueError) as exc:
        err.print(f"error: {exc}", markup=False)
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
    err.print(error.line(), markup=False, soft_wrap=True)


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
) -> None:
    """Analyze articles without a store and print them (a Rich report, or JSON Lines)."""
    from chronist.cli.report import render_article

    failures = 0
    settings = _settings(language, kb, classifier, max_size, workers, stages)
    for item in run(paths, settings):
        if isinstance(item, FileDone):
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
    db: DbOption = Path("chronist.db"),
    max_size: MaxSize = 50.0,
    workers: Workers = 1,
    language: Language = True,
    kb: KbFiles = None,
    classifier: Classifier = True,
    stages: StagesOption = None,
) -> None:
    """Analyze articles and store them (one transaction per article; re-running is idempotent)."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

    from chronist.store import open_store

    paths = list(paths)
    settings = _settings(language, kb, classifier, max_size, workers, stages)
    total = sum(input_size(p) for p in expand_paths(paths)) or None
    counts = {"new": 0, "exists": 0, "duplicate": 0, "failed": 0}
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[articles]} articles"),
        TimeElapsedColumn(),
    )
    with open_store(db) as store, Progress(*columns, console=err, transient=False) as progress:
        task = progress.add_task("ingest", total=total, articles=0)
        for item in run(paths, settings):
            if isinstance(item, FileDone):
                progress.advance(task, item.size)
                continue
            if isinstance(item, InputError):
                counts["failed"] += 1
                progress.console.print(item.line(), markup=False, soft_wrap=True)
                continue
            result = _put(store, item)
            if result is None:
                counts["failed"] += 1
                continue
            counts[result.status] += 1
            if result.status == "duplicate":
                progress.console.print(
                    f"duplicate: {item.input}: same body as stored article {result.duplicate_of}",
                    markup=False,
                    soft_wrap=True,
                )
            progress.update(task, articles=sum(counts.values()) - counts["failed"])
    err.print(
        f"{counts['new']} new, {counts['exists']} already stored, "
        f"{counts['duplicate']} exact duplicates (stored, linked), {counts['failed']} failed "
        f"→ {db}",
        markup=False,
    )
    raise typer.Exit(1 if counts["failed"] else 0)


def _put(store: object, article: Article) -> object | None:
    try:
        return store.put(article)  # type: ignore[attr-defined]
    except ChronistError as exc:
        _report_error(InputError(article.input, f"not stored ({exc})"))
    return None


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Full-text query over titles and bodies.")],
    db: DbOption = Path("chronist.db"),
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 20,
) -> None:
    """Full-text search of the store, with snippets."""
    from chronist.cli.report import render_hits

    with _open_existing(db) as store:
        render_hits(out, store.search(query, limit=limit), query)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id or unique prefix.")],
    db: DbOption = Path("chronist.db"),
    fmt: Annotated[
        AnalyzeFormat, typer.Option("--format", "-f", help="report or jsonl.")
    ] = AnalyzeFormat.report,
) -> None:
    """Show one stored article."""
    from chronist.cli.report import render_article

    with _open_existing(db) as store:
        try:
            article = store.get(article_id)
        except ChronistError as exc:
            err.print(f"error: {exc}", markup=False)
            raise typer.Exit(2) from None
        if article is None:
            err.print(f"error: no article with id {article_id!r} in {db}", markup=False)
            raise typer.Exit(1)
        if fmt is AnalyzeFormat.jsonl:
            record = store.get_record(article.id)
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            render_article(out, article)


@app.command()
def events(
    db: DbOption = Path("chronist.db"),
    actor: Annotated[
        str | None, typer.Option("--actor", help="Actor or recipient name contains this.")
    ] = None,
    country: Annotated[
        str | None, typer.Option("--country", help="Actor or recipient country (ISO alpha-3).")
    ] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="PLOVER event type, e.g. CONSULT.")
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help="Earliest date (ISO).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Latest date (ISO).")] = None,
    fmt: Annotated[
        EventFormat, typer.Option("--format", "-f", help="table, jsonl, csv or plover.")
    ] = EventFormat.table,
    out_file: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output file (stdout if omitted).")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1)] = None,
) -> None:
    """List the stored events, filtered by actor, country, type and date range."""
    from itertools import islice

    from chronist.events.records import EventFilter, iter_events, plover_record
    from chronist.export import write_event_csv, write_jsonl

    where = EventFilter(actor=actor, country=country, type=event_type, since=since, until=until)
    with _open_existing(db) as store:
        pairs = islice(iter_events(store.iter_records(), where), limit)
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


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")],
    out_file: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output file (stdout if omitted).")
    ] = None,
    db: DbOption = Path("chronist.db"),
) -> None:
    """Export every stored article as JSON Lines, CSV or Parquet, or its events as PLOVER."""
    from chronist.export import export_records

    with _open_existing(db) as store:
        try:
            n = export_records(store.iter_records(), fmt.value, out_file)
        except ChronistError as exc:
            err.print(f"error: {exc}", markup=False)
            raise typer.Exit(2) from None
    if out_file is not None:
        what = "events" if fmt is ExportFormat.plover else "articles"
        err.print(f"{n} {what} → {out_file}", markup=False)


@app.command()
def stats(db: DbOption = Path("chronist.db")) -> None:
    """Counts of stored articles by outlet, language and year."""
    from chronist.cli.report import render_stats

    with _open_existing(db) as store:
        render_stats(out, store.stats(), db)


def _open_existing(db: Path):  # noqa: ANN202 - returns the store context manager
    from chronist.store import open_store

    if not str(db).startswith(("sqlite:", "postgresql:")) and not Path(db).exists():
        err.print(f"error: no store at {db} (run `chronist ingest` first)", markup=False)
        raise typer.Exit(2)
    return open_store(db)


def main() -> None:
    """Entry point of the ``chronist`` console script."""
    app()
