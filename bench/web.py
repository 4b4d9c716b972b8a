"""The web app benchmark: how long the pages of ``chronist serve`` take on a 20,000-article
store, and how much of that is the web layer rather than the query layer.

What is measured, and why:

* **Store**: 20,000 article records written with ``put_record`` into a SQLite store, built the
  way ``bench/store.py`` builds its corpus (the real analysed records, cached in
  ``bench/.cache/``, replicated under new ids, dates and twenty outlets; about five events per
  article), then the store steps (copies, stories) run on it, in a child process given
  ``--stories-timeout`` seconds (by default five minutes; past that the stories are skipped
  and the output says so). The store is cached in ``bench/.cache/`` (git ignores it) and
  reused; ``--rebuild`` makes a new one. The build's time is printed.
* **Pages**: about fifteen typical requests (the overview with and without its charts,
  search listing and full-text search with a filter, sort and a deep page, several articles
  in turn, the events table filtered and sorted, an actor, the actors, the stories, a story,
  two API calls), each sent through ``fastapi.testclient.TestClient`` in this process: routing,
  parameter checks, the query layer, template rendering and the response, but not the
  network. Two warm-ups, then ``--repeat`` timed runs; p50/p95 in ms, the status (every one
  must be 200) and the response's size. Words, outlets, actors, event types and the dyad are
  picked from what the built store holds. Target (issue): p95 <= 150 ms per page on 20,000
  articles, on this machine; an events download (CSV) is timed too, but apart from the
  target.
* **Baseline, same run**: the query layer alone (the :class:`chronist.query.Chronicle` calls
  the route makes, with the same arguments, no HTTP and no rendering), timed the same way, so
  the difference is what the web layer adds. For pages that miss the target, each of their
  query-layer calls is timed on its own, to show where the time goes.

Usage::

    python bench/web.py                 # 20,000 articles (the build takes a few minutes once)
    python bench/web.py --quick         # 2,000 articles, a smoke run
    python bench/web.py --articles 5000 --repeat 10
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from console import progress, table  # noqa: E402

HERE = Path(__file__).resolve().parent
CACHE_DIR = HERE / ".cache"
TARGET_P95_MS = 150.0
WARMUPS = 2
#: The first call of each request (the app's summary cache still empty), in ms.
FIRST_MS: dict[str, float] = {}
ARTICLE_ROTATION = 5
#: Candidate words for the full-text requests; the commonest ones in the store are used.
WORDS = (
    "talks", "minister", "government", "president", "military", "police", "said", "war",
    "election", "officials", "security", "foreign",
)  # fmt: skip


def _store_bench() -> Any:
    """``bench/store.py`` as a module (its corpus builder and timing helpers)."""
    spec = importlib.util.spec_from_file_location("store_bench", HERE / "store.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["store_bench"] = module
    spec.loader.exec_module(module)
    return module


SB = _store_bench()


# ----------------------------------------------------------------------------- the store
def build_store(articles: int, rebuild: bool, stories_timeout: float) -> tuple[Path, dict]:
    """The cached store of ``articles`` records (built when missing) and its build notes."""
    from chronist.store import open_store

    path = CACHE_DIR / f"web_{articles}.sqlite"
    notes_path = CACHE_DIR / f"web_{articles}.json"
    if path.is_file() and notes_path.is_file() and not rebuild:
        notes = json.loads(notes_path.read_text(encoding="utf-8"))
        notes["reused"] = True
        return path, notes
    CACHE_DIR.mkdir(exist_ok=True)
    if not (CACHE_DIR / ".gitignore").is_file():
        (CACHE_DIR / ".gitignore").write_text("*\n", encoding="utf-8")
    for stale in (path, notes_path, *CACHE_DIR.glob(f"web_{articles}.sqlite-*")):
        stale.unlink(missing_ok=True)
    corpus = SB.Corpus(SB.real_records(), articles)
    progress(f"building a store of {articles} articles ({corpus.events} events) at {path}")
    t0 = time.perf_counter()
    store = open_store(str(path))
    for k, record in enumerate(corpus):
        store.put_record(record)
        if (k + 1) % 5000 == 0:
            progress(f"{k + 1} articles, {time.perf_counter() - t0:.0f} s")
    count = store.count()
    store.close()
    ingest_s = time.perf_counter() - t0
    progress(f"store steps (stories), at most {stories_timeout:.0f} s, in a child process")
    t1 = time.perf_counter()
    try:
        child = subprocess.run(
            [sys.executable, __file__, "--steps-child", str(path)],
            timeout=stories_timeout,
            capture_output=True,
            text=True,
        )
        steps = "done" if child.returncode == 0 else f"failed: {child.stderr.strip()[-300:]}"
        given = child.stdout.strip()
    except subprocess.TimeoutExpired:
        steps, given = f"skipped: over {stories_timeout:.0f} s", ""
    notes = {
        "articles": count,
        "events": corpus.events,
        "ingest_s": round(ingest_s, 1),
        "steps": steps,
        "steps_given": given,
        "steps_s": round(time.perf_counter() - t1, 1),
        "reused": False,
    }
    notes_path.write_text(json.dumps(notes), encoding="utf-8")
    return path, notes


def steps_child(path: str) -> None:
    """Run the store steps on ``path`` (in a child process, so a slow run can be stopped)."""
    from chronist.settings import Settings
    from chronist.steps import run_store_steps
    from chronist.store import open_store

    store = open_store(path)
    print(json.dumps(run_store_steps(store, Settings(classifier=False))))
    store.close()


# ----------------------------------------------------------------------------- requests
@dataclass
class Request:
    label: str
    url: str
    #: The query-layer calls the route makes, by name (the baseline).
    parts: list[tuple[str, Callable[[], Any]]] = field(default_factory=list)
    #: Several URLs taken in turn (the article pages).
    rotate: list[str] = field(default_factory=list)
    download: bool = False


def _n(it: Any) -> int:
    return sum(1 for _ in it)


def pick(ch: Any) -> dict[str, Any]:
    """Words, an outlet, an actor, event types, a dyad, articles and a story the store holds."""
    from chronist.query import EventQuery

    words = sorted(WORDS, key=lambda w: -ch.count_search(w))
    facets = ch.facets().counts
    outlet = facets["outlet"][0][0]
    actor = facets["actor"][0][0]
    types = [t for t, _ in facets["type"]]
    assault = "ASSAULT" if ch.count_events(EventQuery(type="ASSAULT")) else types[-1]
    agree = "AGREE" if ch.count_events(EventQuery(type="AGREE")) else types[0]
    dyad = ("USA", "RUS")
    if not ch.count_events(EventQuery(dyad=dyad)):
        rows = ch.dyads_per_week(limit=None)
        counts: dict[tuple[str, str], int] = {}
        for r in rows:
            counts[(r["source"], r["target"])] = counts.get((r["source"], r["target"]), 0) + 1
        dyad = max(counts, key=counts.get)  # type: ignore[arg-type]
    country = "RUS" if ch.count_events(EventQuery(country="RUS")) else facets["country"][0][0]
    total = ch.count_articles()
    step = max(1, total // ARTICLE_ROTATION)
    ids = [ch.articles(limit=1, offset=k * step)[0]["id"] for k in range(ARTICLE_ROTATION)]
    stories = ch.stories(limit=1)
    return {
        "words": words,
        "outlet": outlet,
        "actor": actor,
        "assault": assault,
        "agree": agree,
        "dyad": dyad,
        "country": country,
        "ids": ids,
        "story": stories[0]["id"] if stories else None,
    }


def requests(ch: Any, p: dict[str, Any]) -> list[Request]:
    """The typical requests, each with the query-layer calls its route makes."""
    from urllib.parse import quote

    from chronist.query import ArticleQuery, EventQuery, QuoteQuery, StoryQuery

    w1, w2 = p["words"][0], p["words"][1]
    src, dst = p["dyad"]
    dyad = f"{src}-{dst}"
    outlet, actor = p["outlet"], p["actor"]
    none = ArticleQuery()
    by_outlet = ArticleQuery(outlet=outlet)
    marks = ("\ue000", "\ue001")

    def hits(q: str, where: ArticleQuery, offset: int = 0, sort: str = "relevance") -> int:
        found = ch.search(q, where, limit=20, offset=offset, sort=sort, marks=marks)
        return len(ch.articles_by_id([h.id for h in found]))

    overview = [
        ("stats", ch.stats),
        ("articles_per_day", ch.articles_per_day),
        ("stories(min_outlets=2, 5)", lambda: ch.stories(StoryQuery(min_outlets=2), limit=5)),
    ]
    article_ids = list(p["ids"])
    turn = {"k": 0}

    def one_article() -> Any:
        aid = article_ids[turn["k"] % len(article_ids)]
        turn["k"] += 1
        return (ch.article(aid), ch.story_of(aid), ch.copies(aid))

    def events(where: EventQuery, offset: int = 0, sort: str = "date") -> list[Any]:
        return [
            ("count_events", lambda: ch.count_events(where)),
            ("events(20)", lambda: _n(ch.events(where, limit=20, offset=offset, sort=sort))),
        ]

    found = ArticleQuery(actor=actor)
    out = [
        Request("/", "/", overview),
        Request(
            f"/?q1={w1}&q2={w2}&dyad={dyad}",
            f"/?q1={w1}&q2={w2}&dyad={dyad}",
            [
                *overview,
                (f"attention {w1}", lambda: ch.attention(w1, None, "week")),
                (f"attention {w2}", lambda: ch.attention(w2, None, "week")),
                ("dyads_per_week", lambda: ch.dyads_per_week(src, dst, limit=5000)),
            ],
        ),
        Request(
            "/search",
            "/search",
            [
                ("count_articles", lambda: ch.count_articles(none)),
                ("articles(20)", lambda: ch.articles(none, limit=20)),
                ("facets", lambda: ch.facets(None, none)),
            ],
        ),
        Request(
            f"/search?q={w1}",
            f"/search?q={w1}",
            [
                ("search+articles_by_id", lambda: hits(w1, none)),
                ("count_search", lambda: ch.count_search(w1, none)),
                ("facets", lambda: ch.facets(w1, none)),
            ],
        ),
        Request(
            f"/search?q={w2}&outlet={outlet}&sort=date",
            f"/search?q={w2}&outlet={quote(outlet)}&sort=date",
            [
                ("search+articles_by_id", lambda: hits(w2, by_outlet, sort="date")),
                ("count_search", lambda: ch.count_search(w2, by_outlet)),
                ("facets", lambda: ch.facets(w2, by_outlet)),
            ],
        ),
        Request(
            f"/search?q={w1}&page=5",
            f"/search?q={w1}&page=5",
            [
                ("search+articles_by_id", lambda: hits(w1, none, offset=80)),
                ("count_search", lambda: ch.count_search(w1, none)),
                ("facets", lambda: ch.facets(w1, none)),
            ],
        ),
        Request(
            f"/articles/<id> ({len(article_ids)} in turn)",
            "",
            [("article+story_of+copies", one_article)],
            rotate=[f"/articles/{i}" for i in article_ids],
        ),
        Request("/events", "/events", events(EventQuery())),
        Request(
            f"/events?dyad={dyad}&sort=-score",
            f"/events?dyad={dyad}&sort=-score",
            events(EventQuery(dyad=(src, dst)), sort="-score"),
        ),
        Request(
            f"/events?type={p['assault']}&page=3",
            f"/events?type={p['assault']}&page=3",
            events(EventQuery(type=p["assault"]), offset=40),
        ),
        Request(
            f"/actor?name={actor}",
            f"/actor?name={quote(actor)}",
            [
                ("articles(actor, 20)", lambda: ch.articles(found, limit=20)),
                ("count_articles(actor)", lambda: ch.count_articles(found)),
                ("quotes(speaker, 20)", lambda: _n(ch.quotes(QuoteQuery(speaker=actor), 20))),
                *[
                    (
                        f"events({role}, 50) + count",
                        lambda role=role: (
                            _n(
                                ch.events(
                                    EventQuery(actor=actor, role=role), limit=50, sort="-date"
                                )
                            ),
                            ch.count_events(EventQuery(actor=actor, role=role)),
                        ),
                    )
                    for role in ("actor", "recipient")
                ],  # fmt: skip
                (
                    "events_per_period(week)",
                    lambda: ch.events_per_period(EventQuery(actor=actor), "week"),
                ),  # fmt: skip
            ],
        ),
        Request("/actors", "/actors", [("actors(100)", lambda: ch.actors(limit=100))]),
        Request("/stories", "/stories", [("stories(30)", lambda: ch.stories(limit=30))]),
    ]
    if p["story"]:
        sid = p["story"]
        out.append(
            Request("/stories/<widest>", f"/stories/{sid}", [("story", lambda: ch.story(sid))])
        )
    api_where = EventQuery(country=p["country"])
    out += [
        Request(
            f"/api/articles?q={w1}",
            f"/api/articles?q={w1}",
            [
                ("search+articles_by_id", lambda: hits(w1, none)),
                ("count_search", lambda: ch.count_search(w1, none)),
            ],
        ),
        Request(
            f"/api/events?country={p['country']}",
            f"/api/events?country={p['country']}",
            events(api_where),
        ),
        Request(
            f"/events/download?type={p['agree']}&format=csv",
            f"/events/download?type={p['agree']}&format=csv",
            [("events(all)", lambda: _n(ch.events(EventQuery(type=p["agree"]), 100_000)))],
            download=True,
        ),
    ]
    return out


# ----------------------------------------------------------------------------- timing
@dataclass
class Row:
    req: Request
    status: set[int]
    size: int
    page: Any
    query: Any
    samples: list[float] = field(default_factory=list)


def time_page(client: Any, req: Request, repeat: int) -> tuple[Any, set[int], int, list[float]]:
    urls = req.rotate or [req.url]
    statuses: set[int] = set()
    sizes: list[int] = []
    samples: list[float] = []
    turn = 0

    def call() -> int:
        nonlocal turn
        url = urls[turn % len(urls)]
        turn += 1
        response = client.get(url)
        statuses.add(response.status_code)
        sizes.append(len(response.content))
        return len(response.content)

    t0 = time.perf_counter()
    call()  # the first call: nothing of it cached by the app yet
    FIRST_MS[req.label] = (time.perf_counter() - t0) * 1000
    for _ in range(WARMUPS - 1):
        call()
    for _ in range(repeat):
        t0 = time.perf_counter()
        call()
        samples.append((time.perf_counter() - t0) * 1000)
    timing = SB.Timing(req.label, 0, statistics.median(samples), SB.percentile(samples, 95))
    return timing, statuses, int(statistics.median(sizes)), samples


def time_parts(req: Request, repeat: int) -> Any:
    def call() -> int:
        for _, part in req.parts:
            part()
        return 0

    return SB.time_call(req.label, call, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20000, help="articles in the store")
    parser.add_argument("--quick", action="store_true", help="2,000 articles (a smoke run)")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per request")
    parser.add_argument("--rebuild", action="store_true", help="build the store anew")
    parser.add_argument(
        "--stories-timeout", type=float, default=300.0, help="seconds the store steps may take"
    )
    parser.add_argument("--steps-child", metavar="DB", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.steps_child:
        steps_child(args.steps_child)
        return
    if args.quick:
        args.articles = 2000

    from fastapi.testclient import TestClient

    from chronist.query import Chronicle
    from chronist.web import create_app

    path, notes = build_store(args.articles, args.rebuild, args.stories_timeout)
    how = "reused from an earlier run" if notes["reused"] else "built now"
    print(
        f"store: {path.relative_to(HERE.parent)} ({how}): {notes['articles']} articles,"
        f" {notes['events']} events; ingest {notes['ingest_s']:.1f} s, store steps"
        f" {notes['steps']} in {notes['steps_s']:.1f} s {notes['steps_given']}"
    )
    ch = Chronicle.open(str(path))
    stories = ch.store.fetch("SELECT count(*) FROM stories")[0][0]
    p = pick(ch)
    print(
        f"picked: words {p['words'][0]!r} ({ch.count_search(p['words'][0])} articles),"
        f" {p['words'][1]!r} ({ch.count_search(p['words'][1])}); outlet {p['outlet']};"
        f" actor {p['actor']!r}; dyad {'-'.join(p['dyad'])}; {stories} stories"
    )
    if not p["story"]:
        print("  no stories in the store: the story page is left out")
    reqs = requests(ch, p)
    rows: list[Row] = []
    with TestClient(create_app(str(path))) as client:
        progress(f"{len(reqs)} requests, {WARMUPS} warm-ups and {args.repeat} runs each")
        for req in reqs:
            page, statuses, size, samples = time_page(client, req, args.repeat)
            query = time_parts(req, args.repeat)
            rows.append(Row(req, statuses, size, page, query, samples))
    report(rows, args.repeat)
    ch.close()


def report(rows: list[Row], repeat: int) -> None:
    headers = ["request", "status", "first ms", "p50 ms", "p95 ms", "query layer p95 ms",
               "web adds p95", "bytes", "target", "ok"]  # fmt: skip
    lines, misses = [], []
    all_samples_p95: list[float] = []
    for r in rows:
        ok = r.page.p95 <= TARGET_P95_MS
        status = ",".join(str(s) for s in sorted(r.status))
        verdict = "(download)" if r.req.download else ("meets" if ok else "MISSES")
        lines.append([
            r.req.label, status, f"{FIRST_MS.get(r.req.label, 0):.1f}", f"{r.page.p50:.1f}",
            f"{r.page.p95:.1f}", f"{r.query.p95:.1f}",
            f"{r.page.p95 - r.query.p95:+.1f}", r.size,
            "" if r.req.download else f"<= {TARGET_P95_MS:.0f} ms", verdict,
        ])  # fmt: skip
        if not r.req.download:
            all_samples_p95.append(r.page.p95)
            if not ok:
                misses.append(r)
    print(table(headers, lines))
    bad = [r.req.label for r in rows if r.status != {200}]
    assert not bad, f"not every status is 200: {bad}"
    print(
        f"every status 200; p50/p95 over {repeat} runs after {WARMUPS} warm-ups, in-process"
        " (TestClient: routing, query layer, rendering; no network)"
    )
    worst = max(all_samples_p95)
    pooled = [x for r in rows if not r.req.download for x in r.samples]
    overall = SB.percentile(pooled, 95)
    verdict = "meets" if overall <= TARGET_P95_MS else "misses"
    print(
        f"overall p95 over all page requests (download excluded, {len(all_samples_p95)}"
        f" requests pooled): {overall:.1f} ms; target p95 <= {TARGET_P95_MS:.0f} ms: {verdict}"
        f" (worst single page p95 {worst:.1f} ms;"
        f" {len(all_samples_p95) - len(misses)}/{len(all_samples_p95)} pages meet it)"
    )
    if misses:
        print("\nwhere the time goes in the pages that miss (query layer, each call alone):")
        for r in misses:
            parts = []
            for name, part in r.req.parts:
                t = SB.time_call(name, lambda part=part: (part(), 0)[1], max(5, repeat // 4), 1)
                parts.append(f"{name} {t.p50:.0f} ms")
            print(f"  {r.req.label}: {'; '.join(parts)}")


if __name__ == "__main__":
    main()
