"""Export article records (dicts as :meth:`Article.to_dict` or a store produce them).

``jsonl`` writes each full record on one line; ``csv`` writes flat columns (:data:`FLAT_COLUMNS`);
``parquet`` writes the same columns with lists kept as lists, plus ``record``, the full JSON, so
fields later stages add survive; ``plover`` writes one PLOVER JSON record per event. jsonl and
csv stream; parquet is written in batches. Output to a path goes to a ``.part`` file renamed on
success, so a failed export leaves no half-written file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TextIO

from chronist.errors import ChronistError

Output = IO[str] | IO[bytes] | str | os.PathLike[str] | None

#: Columns of the csv and parquet exports, in order.
FLAT_COLUMNS = (
    "id",
    "input",
    "format",
    "title",
    "authors",
    "outlet",
    "url",
    "published",
    "published_after",
    "language",
    "home_country",
    "genre",
    "frames",
    "tags",
    "captions",
    "n_paragraphs",
    "body",
)
_LIST_COLUMNS = {"authors": "; ", "tags": "; ", "captions": " | ", "frames": "; "}
PARQUET_BATCH = 1000


def flat_row(record: dict[str, Any]) -> dict[str, Any]:
    """The :data:`FLAT_COLUMNS` of one record; list columns stay lists, missing values None."""
    row = {name: record.get(name) for name in FLAT_COLUMNS}
    for name in _LIST_COLUMNS:
        row[name] = [str(v) for v in (record.get(name) or [])]
    # the rhetoric stage's labels (the records keep their confidences)
    row["genre"] = (record.get("genre") or {}).get("label")
    row["frames"] = [f["label"] for f in record.get("frames") or []]
    body = record.get("body") or ""
    row["n_paragraphs"] = len(body.split("\n\n")) if body else 0
    return row


@contextmanager
def _atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary sibling of ``path`` to write to, moved onto ``path`` only on success."""
    target = Path(path)
    if target.is_dir():
        raise ChronistError(f"{target}: is a folder; give a file to write to")
    if target.exists() and _is_store(target):
        raise ChronistError(f"{target}: is a chronist store; refusing to overwrite it")
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    try:
        yield part
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)


def _is_store(path: Path) -> bool:
    """Whether ``path`` is a SQLite database (a store the export would destroy)."""
    try:
        with path.open("rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


@contextmanager
def _text_sink(out: Output) -> Iterator[TextIO]:
    """A text stream for ``out``: stdout, a path, a text stream, or a binary stream (UTF-8)."""
    if out is None:
        yield sys.stdout
        sys.stdout.flush()
    elif isinstance(out, str | os.PathLike):
        with _atomic_path(out) as part, part.open("w", encoding="utf-8", newline="") as fh:
            yield fh
    elif isinstance(out, io.TextIOBase):
        yield out
    else:
        wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="")
        try:
            yield wrapper
            wrapper.flush()
        finally:
            wrapper.detach()  # leave the caller's stream open


def write_jsonl(records: Iterable[dict[str, Any]], out: Output) -> int:
    """One JSON object per line (UTF-8, not ASCII-escaped); returns the number written."""
    n = 0
    with _text_sink(out) as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n


def write_csv(records: Iterable[dict[str, Any]], out: Output) -> int:
    """A header row, then :data:`FLAT_COLUMNS` per record (lists joined); returns rows written."""
    n = 0
    with _text_sink(out) as fh:
        writer = csv.writer(fh)
        writer.writerow(FLAT_COLUMNS)
        for record in records:
            row = flat_row(record)
            for name, sep in _LIST_COLUMNS.items():
                row[name] = sep.join(row[name])
            writer.writerow(row[name] for name in FLAT_COLUMNS)
            n += 1
    return n


def write_parquet(records: Iterable[dict[str, Any]], out: Output) -> int:
    """A Parquet file of :data:`FLAT_COLUMNS` plus ``record`` (JSON); needs a file path."""
    if not isinstance(out, str | os.PathLike):
        raise ChronistError("parquet export needs an output file path, not stdout or a stream")
    import pyarrow as pa
    import pyarrow.parquet as pq

    strings = pa.list_(pa.string())
    types = {name: strings for name in _LIST_COLUMNS} | {"n_paragraphs": pa.int32()}
    schema = pa.schema(
        [(name, types.get(name, pa.string())) for name in FLAT_COLUMNS] + [("record", pa.string())]
    )
    n = 0
    with _atomic_path(out) as part, pq.ParquetWriter(part, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for record in records:
            row = flat_row(record)
            row["record"] = json.dumps(record, ensure_ascii=False)
            batch.append(row)
            if len(batch) >= PARQUET_BATCH:
                writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch:
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def write_plover(records: Iterable[dict[str, Any]], out: Output) -> int:
    """One PLOVER JSON record per event per line (see :mod:`chronist.events.records`)."""
    from chronist.events.records import iter_events, plover_record

    return write_jsonl((plover_record(r, e) for r, e in iter_events(records)), out)


def write_event_csv(pairs: Iterable[tuple[dict[str, Any], dict[str, Any]]], out: Output) -> int:
    """A header row, then one flat row per ``(record, event)`` pair; returns rows written."""
    from chronist.events.records import EVENT_COLUMNS, event_row

    n = 0
    with _text_sink(out) as fh:
        writer = csv.writer(fh)
        writer.writerow(EVENT_COLUMNS)
        for record, event in pairs:
            row = event_row(record, event)
            writer.writerow(row[name] for name in EVENT_COLUMNS)
            n += 1
    return n


def write_rows_csv(rows: Iterable[dict[str, Any]], out: Output, columns: Sequence[str]) -> int:
    """A header row of ``columns``, then each row's values (query results); returns rows."""
    n = 0
    with _text_sink(out) as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(row.get(name) for name in columns)
            n += 1
    return n


#: Export format name -> writer(records, out) returning the number of records written.
WRITERS: dict[str, Callable[[Iterable[dict[str, Any]], Output], int]] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "parquet": write_parquet,
    "plover": write_plover,
}


def export_records(records: Iterable[dict[str, Any]], fmt: str, out: Output = None) -> int:
    """Write ``records`` as ``fmt`` (a :data:`WRITERS` key) to ``out`` (None: stdout).

    ``out`` may be a path, a text or binary stream, or None; parquet needs a path. Returns the
    number of records written; raises ChronistError for an unknown format.
    """
    writer = WRITERS.get(fmt)
    if writer is None:
        raise ChronistError(f"unknown export format {fmt!r} (choose from {', '.join(WRITERS)})")
    return writer(records, out)
