"""A generated corpus of malformed inputs for the fault benchmark of issue 18 (``faults.py``)
and its fast sample in the suite (``tests/test_fault_corpus.py``).

``build(root, n_inputs, n_good)`` writes about ``n_inputs`` malformed inputs, one folder per
kind under ``root``, and ``n_good`` plain good articles under ``root/good``, and returns one
:class:`Input` per input with what a user expects of it:

* ``"error"``: one line on stderr naming it, and nothing stored;
* ``"article"``: stored once, and no error line;
* ``"either"``: exactly one of the two.

A JSON Lines file holds several inputs, one per line, named ``file.jsonl:N`` as chronist names
them; a WARC record is named ``file.warc#N``. Every article is generated here from templates
(invented countries, people and towns; seeded, so the same seed writes the same corpus), and
every article body differs from every other. Kinds that need NLP analysis are weighted low, so
10,000 inputs hold about 1,400 articles to analyse; the cheap error kinds make up the rest.

Importing this module writes nothing.
"""

from __future__ import annotations

import gzip
import io
import json
import math
import os
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

__all__ = ["KINDS", "Input", "SKIPPED", "build", "error_names", "input_name", "article_text"]


@dataclass(frozen=True)
class Input:
    """One input: its file, its name as chronist reports and stores it, its kind and what a
    user expects (``error``, ``article`` or ``either``)."""

    path: Path
    name: str
    kind: str
    expect: str


def input_name(path: str | Path) -> str:
    """The name chronist gives a file (``chronist.sources.input_name``): a file name that is
    not valid UTF-8 keeps its odd bytes as ``\\xff`` escapes."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


# ---------------------------------------------------------------------------------- articles
_COUNTRIES = [
    ("Vellmark", "Vellish"), ("Ostravia", "Ostravian"), ("Karsland", "Karsish"),
    ("Tirelo", "Tirelan"), ("Quenmor", "Quenmori"), ("Belastra", "Belastran"),
    ("Nordhaven", "Nordhavian"), ("Sarpenia", "Sarpenian"), ("Dolmira", "Dolmiran"),
    ("Erevos", "Erevan"), ("Lindqvar", "Lindqvari"), ("Pasquera", "Pasqueran"),
]  # fmt: skip
_FIRST = [
    "Ilse", "Tomas", "Maren", "Oskar", "Petra", "Anselm", "Rhoda", "Jovan", "Liesel", "Dario",
    "Wenna", "Halvard", "Corin", "Ysolde", "Bertil", "Nadia", "Emeric", "Sabine", "Tobiah",
    "Alva", "Casimir", "Renata", "Ferris", "Odalys",
]  # fmt: skip
_LAST = [
    "Varga", "Holmqvist", "Dranek", "Pellworth", "Stavrou", "Aldane", "Kessling", "Moravec",
    "Thorne", "Uribarri", "Castellan", "Lindgar", "Oyelaran", "Brask", "Fennimore", "Quillon",
    "Radesh", "Sorvino", "Tamsin", "Wexley",
]  # fmt: skip
_TOWNS = [
    "Harlow Bay", "Orsk", "Tamberlin", "Vesk", "Port Anselm", "Kivra", "Lowen", "Drummond Falls",
    "Esterby", "Caldor", "Mirrin", "Sable Point", "Oskarsund", "Feldhaven", "Rusk", "Penwarra",
]  # fmt: skip
_ROLES = [
    "Prime Minister", "Foreign Minister", "President", "Defence Minister", "opposition leader",
    "Interior Minister", "Finance Minister", "trade envoy",
]  # fmt: skip
_TOPICS = [
    ("border crossing", "reopen the crossing"), ("fishing rights", "share the northern banks"),
    ("grain tariffs", "lift the tariffs"), ("pipeline", "resume gas deliveries"),
    ("river dam", "release more water downstream"), ("rail link", "fund the rail link"),
    ("election monitors", "admit foreign monitors"), ("prisoner exchange", "free the detainees"),
    ("port fees", "cut the port fees"), ("airspace", "reopen the air corridor"),
]  # fmt: skip
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = ["March", "April", "May", "June", "September", "October", "November"]
_VERBS = [
    "accused {b} of stalling talks on the {topic}",
    "met {b} officials in {town} to discuss the {topic}",
    "threatened to expel {b} diplomats over the {topic}",
    "signed an accord with {b} on the {topic}",
    "demanded that {b} {act}",
    "praised {b} for its offer on the {topic}",
    "criticised {b} over the {topic}",
    "proposed new negotiations with {b} about the {topic}",
]  # fmt: skip
_FOLLOW = [
    "Protesters gathered outside the parliament in {town} to oppose any deal.",
    "Police in {town} detained several demonstrators near the ministry.",
    "The {adj} cabinet is expected to vote on the matter next week.",
    "Observers said the dispute has strained ties between the two neighbours for years.",
    "Trade between the two countries fell by {pct} percent last year.",
    "Several hundred workers marched through {town} demanding higher wages.",
    "The opposition called for an inquiry into the talks.",
    "Both governments agreed to meet again in {town} before the end of {month}.",
]  # fmt: skip


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def article_text(rng: random.Random, serial: int) -> str:
    """A short political news story (title line, 4-6 sentences, about 80-150 words): seeded
    choices and a serial number in a sentence make every body distinct."""
    (a, adj), (b, badj) = rng.sample(_COUNTRIES, 2)
    topic, act = rng.choice(_TOPICS)
    role, who, other = rng.choice(_ROLES), _person(rng), _person(rng)
    town, town2 = rng.sample(_TOWNS, 2)
    day, month = rng.choice(_DAYS), rng.choice(_MONTHS)
    verb = rng.choice(_VERBS).format(b=b, topic=topic, act=act, town=town)
    verb = verb.replace(f"{b} officials", f"{badj} officials").replace(
        f"{b} diplomats", f"{badj} diplomats"
    )
    title = f"{a} and {b} at odds over {topic}"
    sentences = [
        f"{adj} {role} {who} {verb} on {day}.",
        f'"We will not wait forever," {who} told reporters in {town}.',
        f"{badj} spokesperson {other} said {b} was ready to {act} if {a} made the first move.",
    ]
    follow = rng.sample(_FOLLOW, rng.randint(1, 3))
    for line in follow:
        sentences.append(line.format(town=town2, adj=adj, pct=rng.randint(3, 40), month=month))
    sentences.append(
        f"The dispute dates back to {month} {rng.randint(2015, 2024)}, and the file on it now"
        f" runs to {serial + 40} pages."
    )
    rng.shuffle(sentences[3:-1])
    return f"{title}\n\n" + " ".join(sentences[:3]) + "\n\n" + " ".join(sentences[3:]) + "\n"


def _html(title: str, body: str) -> str:
    paras = "".join(f"<p>{p}</p>\n" for p in body.split("\n\n") if p.strip())
    return (
        f"<!doctype html>\n<html><head><title>{title}</title></head>\n<body><article>"
        f"<h1>{title}</h1>\n{paras}</article></body></html>\n"
    )


# ---------------------------------------------------------------------------------- kinds
#: (kind, expectation, weight, inputs per file). Weights are shares of ``n_inputs``.
KINDS: list[tuple[str, str, float, int]] = [
    ("empty", "error", 7, 1),
    ("whitespace", "error", 7, 1),
    ("binary", "error", 7, 1),
    ("nuls", "error", 7, 1),
    ("fake_gz", "error", 7, 1),
    ("truncated_gz", "error", 6, 1),
    ("warc_random", "error", 6, 1),
    ("warcgz_garbage", "error", 6, 1),
    ("warc_no_uri", "article", 1.3, 1),
    ("warc_not_http", "either", 1.3, 1),
    ("html_noprose", "error", 6, 1),
    ("html_truncated", "article", 1.3, 1),
    ("jsonl_broken", "mixed", 2.1, 3),  # good, broken, good
    ("jsonl_wrongtype", "article", 1.3, 1),
    ("jsonl_deep", "error", 6, 1),
    ("jsonl_empty_obj", "error", 7, 1),
    ("invalid_utf8", "article", 1.3, 1),
    ("utf16_nobom", "article", 1.3, 1),
    ("stray_nul", "article", 1.3, 1),
    ("bang_tail", "article", 1.0, 1),
    ("oversize", "error", 0.4, 1),
    ("markup_name", "article", 1.3, 1),
    ("bad_utf8_name", "article", 1.3, 1),
    ("fifo", "error", 4, 1),
    ("dangling_symlink", "error", 5, 1),
    ("symlink_loop", "error", 5, 2),
    ("unreadable", "error", 3, 1),
]

#: Kinds this machine cannot make, with why (filled by :func:`build`).
SKIPPED: dict[str, str] = {}

_WRONG_TYPES = [
    {"authors": 5},
    {"date": "yesterday"},
    {"date": True},
    {"title": {}},
    {"url": "javascript:alert(1)"},
    {"authors": 5, "date": "yesterday", "title": {}, "url": "javascript:alert(1)", "tags": 3},
]


def _counts(n_inputs: int, least: int, skip: set[str]) -> dict[str, int]:
    total = sum(w for k, _, w, _ in KINDS if k not in skip)
    return {k: max(least, math.ceil(n_inputs * w / total)) for k, _, w, _ in KINDS}


def _skip_reason(kind: str) -> str | None:
    if kind == "fifo" and not hasattr(os, "mkfifo"):
        return "this OS has no FIFOs"
    if kind in ("dangling_symlink", "symlink_loop") and not hasattr(os, "symlink"):
        return "this OS has no symlinks"
    if kind == "unreadable" and (not hasattr(os, "geteuid") or os.geteuid() == 0):
        return "running as root: a chmod 000 file is still readable"
    return None


def build(root: Path, n_inputs: int, n_good: int, seed: int = 18) -> list[Input]:
    """Write the corpus under ``root`` (one folder per kind, plus ``good``) and return one
    :class:`Input` per input. Kinds the OS cannot make are left out and named in
    :data:`SKIPPED`. ``root`` is made absolute, so the names match chronist's."""
    root = Path(os.path.abspath(root))
    rng = random.Random(seed)
    serial = [0]

    def story() -> str:
        serial[0] += 1
        return article_text(rng, serial[0])

    out: list[Input] = []
    SKIPPED.clear()
    SKIPPED.update({k: r for k, *_ in KINDS if (r := _skip_reason(k))})
    counts = _counts(n_inputs, 2 if n_inputs < 200 else 1, set(SKIPPED))
    for kind, expect, _, per_file in KINDS:
        folder = root / kind
        folder.mkdir(parents=True, exist_ok=True)
        if kind in SKIPPED:
            continue
        n_files = max(1, math.ceil(counts[kind] / per_file))
        for i in range(n_files):
            out.extend(_write(kind, expect, folder, i, rng, story))
    good = root / "good"
    good.mkdir(parents=True, exist_ok=True)
    for i in range(n_good):
        path = good / f"article-{i:05d}.txt"
        path.write_text(story(), encoding="utf-8")
        out.append(Input(path, input_name(path), "good", "article"))
    return out


def _one(path: Path, kind: str, expect: str) -> list[Input]:
    return [Input(path, input_name(path), kind, expect)]


def _write(kind: str, expect: str, folder: Path, i: int, rng: random.Random, story) -> list[Input]:  # noqa: ANN001, C901, PLR0911, PLR0912, PLR0915
    stem = f"{kind}-{i:05d}"
    if kind == "empty":
        path = folder / f"{stem}.txt"
        path.write_bytes(b"")
        return _one(path, kind, expect)
    if kind == "whitespace":
        path = folder / f"{stem}.txt"
        path.write_bytes(bytes(rng.choice(b" \t\r\n\x0b\x0c") for _ in range(rng.randint(1, 400))))
        return _one(path, kind, expect)
    if kind == "binary":
        path = folder / f"{stem}.bin"
        path.write_bytes(rng.randbytes(rng.randint(1024, 8192)))
        return _one(path, kind, expect)
    if kind == "nuls":
        path = folder / f"{stem}.txt"
        head = b"" if i % 2 else b"Title of nothing\n"
        path.write_bytes(head + b"\x00" * rng.randint(64, 20000))
        return _one(path, kind, expect)
    if kind == "fake_gz":
        path = folder / f"{stem}.txt.gz"
        # gzip magic followed by junk, or no magic at all (random bytes)
        junk = rng.randbytes(rng.randint(200, 3000))
        path.write_bytes((b"\x1f\x8b\x08\x00" + junk) if i % 2 == 0 else junk)
        return _one(path, kind, expect)
    if kind == "truncated_gz":
        path = folder / f"{stem}.txt.gz"
        packed = gzip.compress(story().encode("utf-8"), mtime=0)
        path.write_bytes(packed[: rng.randint(12, len(packed) - 9)])
        return _one(path, kind, expect)
    if kind == "warc_random":
        path = folder / f"{stem}.warc"
        junk = rng.randbytes(rng.randint(200, 4000))
        path.write_bytes(junk if i % 2 else b"WARC/1.0\r\nWARC-Type: response\r\n" + junk)
        return _one(path, kind, expect)
    if kind == "warcgz_garbage":
        path = folder / f"{stem}.warc.gz"
        junk = b"WARC/1.0\r\nWARC-Type: resp\x00onse\r\nContent-Length: 9999\r\n\r\n" + bytes(
            rng.choice(b"abcdefgh <>\r\n") for _ in range(rng.randint(50, 2000))
        )
        path.write_bytes(gzip.compress(junk, mtime=0) if i % 2 == 0 else b"\x1f\x8b" + junk)
        return _one(path, kind, expect)
    if kind == "warc_no_uri":
        path = folder / f"{stem}.warc"
        path.write_bytes(_warc_without_uri(story()))
        return [Input(path, f"{input_name(path)}#1", kind, expect)]
    if kind == "warc_not_http":
        # a response record whose block is the page itself, with no HTTP status line
        title, body = story().split("\n\n", 1)
        page = _html(title, body).encode("utf-8")
        head = (
            b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/"
            + stem.encode()
            + b"\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: "
            + str(len(page)).encode()
            + b"\r\n\r\n"
        )
        path = folder / f"{stem}.warc"
        path.write_bytes(head + page + b"\r\n\r\n")
        return _one(path, kind, expect)
    if kind == "html_noprose":
        path = folder / f"{stem}.html"
        scripts = "".join(
            f"<script>var x{n} = {rng.randint(0, 10**6)}; function f{n}() {{ return x{n}; }}"
            "</script>\n"
            for n in range(rng.randint(1, 6))
        )
        nav = "".join(f'<li><a href="/s/{n}">Section {n}</a></li>' for n in range(8))
        path.write_text(
            f"<!doctype html><html><head><title></title>{scripts}</head><body>"
            f"<nav><ul>{nav}</ul></nav><div id='app'></div>{scripts}</body></html>",
            encoding="utf-8",
        )
        return _one(path, kind, expect)
    if kind == "html_truncated":
        path = folder / f"{stem}.html"
        text = story()
        title, body = text.split("\n\n", 1)
        page = _html(title, body)
        cut = page.rindex("</article>") + rng.randint(2, 8)  # mid-tag, after the prose
        path.write_text(page[:cut], encoding="utf-8")
        return _one(path, kind, expect)
    if kind == "jsonl_broken":
        path = folder / f"{stem}.jsonl"
        first = json.dumps({"text": story(), "outlet": "Harlow Courier"})
        broken = json.dumps({"text": "half a line", "title": "x"})[: rng.randint(3, 25)]
        last = json.dumps({"text": story(), "title": "Second story"})
        path.write_text(f"{first}\n{broken}\n{last}\n", encoding="utf-8")
        name = input_name(path)
        return [
            Input(path, f"{name}:1", kind, "article"),
            Input(path, f"{name}:2", kind, "error"),
            Input(path, f"{name}:3", kind, "article"),
        ]
    if kind == "jsonl_wrongtype":
        path = folder / f"{stem}.jsonl"
        record = {"text": story(), **_WRONG_TYPES[i % len(_WRONG_TYPES)]}
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
        return [Input(path, f"{input_name(path)}:1", kind, expect)]
    if kind == "jsonl_deep":
        path = folder / f"{stem}.jsonl"
        depth = 2000
        deep = '{"a":' * depth + "1" + "}" * depth
        if i % 2:
            deep = '{"text": "a story", "a":' + "[" * depth + "1" + "]" * depth + "}"
        path.write_text(deep + "\n", encoding="utf-8")
        return [Input(path, f"{input_name(path)}:1", kind, expect)]
    if kind == "jsonl_empty_obj":
        path = folder / f"{stem}.jsonl"
        path.write_text("{}\n", encoding="utf-8")
        return [Input(path, f"{input_name(path)}:1", kind, expect)]
    if kind == "invalid_utf8":
        path = folder / f"{stem}.txt"
        data = story().encode("utf-8")
        at = data.index(b". ") + 2
        path.write_bytes(data[:at] + b"\xff\xfe\xc3(\xa0 " + data[at:])
        return _one(path, kind, expect)
    if kind == "utf16_nobom":
        path = folder / f"{stem}.txt"
        path.write_bytes(story().encode("utf-16-le" if i % 2 == 0 else "utf-16-be"))
        return _one(path, kind, expect)
    if kind == "stray_nul":
        path = folder / f"{stem}.txt"
        data = story().encode("utf-8")
        at = rng.randint(len(data) // 3, len(data) - 2)
        path.write_bytes(data[:at] + b"\x00" + data[at:])
        return _one(path, kind, expect)
    if kind == "bang_tail":
        path = folder / f"{stem}.txt"
        path.write_text(story() + "!" * 20000, encoding="utf-8")
        return _one(path, kind, expect)
    if kind == "oversize":
        path = folder / f"{stem}.txt"
        text = story()
        reps = 1_200_000 // len(text) + 1
        path.write_text((text + "\n") * reps, encoding="utf-8")
        return _one(path, kind, expect)
    if kind == "markup_name":
        # a file name cannot hold "/": closing tags ("[/quote]") go in the body only
        marks = ["[quote]", "[bold red]", "[link=mailto:x]", "[blink]x[dim]", ":warning:"]
        name = f"{marks[i % len(marks)]} \x1b[2J\x1b]0;title\x07 {stem}.txt"
        path = folder / name
        head = f"[/quote][bold]\x1b[31m{marks[(i + 1) % len(marks)]} "
        path.write_text(head + story(), encoding="utf-8")
        return _one(path, kind, expect)
    if kind == "bad_utf8_name":
        raw = os.fsencode(str(folder)) + b"/bad\xff\xfe-" + stem.encode() + b".txt"
        path = Path(os.fsdecode(raw))
        path.write_text(story(), encoding="utf-8")
        return _one(path, kind, expect)
    if kind == "fifo":
        path = folder / f"{stem}.txt"
        os.mkfifo(path)
        return _one(path, kind, expect)
    if kind == "dangling_symlink":
        path = folder / f"{stem}.txt"
        os.symlink(folder / f"missing-{i}.txt", path)
        return _one(path, kind, expect)
    if kind == "symlink_loop":
        a, b = folder / f"{stem}-a.txt", folder / f"{stem}-b.txt"
        os.symlink(b, a)
        os.symlink(a, b)
        return _one(a, kind, expect) + _one(b, kind, expect)
    if kind == "unreadable":
        path = folder / f"{stem}.txt"
        path.write_text(story(), encoding="utf-8")
        path.chmod(0)
        return _one(path, kind, expect)
    raise ValueError(kind)


def _warc_without_uri(text: str) -> bytes:
    """A valid WARC file: one ``response`` record holding an HTML article, with no
    ``WARC-Target-URI`` header."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    title, body = text.split("\n\n", 1)
    payload = _html(title, body).encode("utf-8")
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    http = StatusAndHeaders(
        "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
    )
    record = writer.create_warc_record(
        None, "response", payload=io.BytesIO(payload), http_headers=http
    )
    writer.write_record(record)
    return buf.getvalue()


def error_names(stderr: str, inputs: list[Input]) -> tuple[Counter[str], list[str]]:
    """Inputs named by the ``error:`` lines of ``stderr`` (by their key, ``Input.name``), and
    the error lines that name no input."""
    from chronist.cli.safe import plain  # as chronist prints a name

    shown = {f"error: {plain(i.name)}: ": i.name for i in inputs}
    named: Counter[str] = Counter()
    loose: list[str] = []
    for line in stderr.splitlines():
        if not line.startswith("error: "):
            continue
        hit = None
        at = line.find(": ", len("error: "))
        while at != -1:
            hit = shown.get(line[: at + 2])
            if hit:
                break
            at = line.find(": ", at + 1)
        if hit:
            named[hit] += 1
        else:
            loose.append(line)
    return named, loose
