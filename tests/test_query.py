"""The query layer on both backends: real analysed articles in, the same answers out."""

from __future__ import annotations

import pytest

from chronist.errors import ChronistError
from chronist.query import ArticleQuery, Chronicle, EventQuery, QuoteQuery
from chronist.store import open_store
from chronist.store.rows import week_of


@pytest.fixture
def chronicle(store_url: str, analysed_records: list[dict]) -> Chronicle:
    with Chronicle.open(store_url) as opened:
        for record in analysed_records:
            opened.store.put_record(record)
        yield opened


def _events_in_python(records: list[dict], keep) -> list[tuple[str, str]]:  # noqa: ANN001
    return sorted((r["id"], e["id"]) for r in records for e in r["events"] if keep(r, e))


def _ids(pairs) -> list[tuple[str, str]]:  # noqa: ANN001
    return sorted((meta["id"], event["id"]) for meta, event in pairs)


def test_event_filters_in_sql_agree_with_the_records(
    chronicle: Chronicle, analysed_records: list[dict]
) -> None:
    records = analysed_records
    assert chronicle.count_events() == sum(len(r["events"]) for r in records) > 20

    def people(e: dict) -> list[dict]:
        return e["actors"] + e["recipients"]

    cases = [
        (EventQuery(type="consult"), lambda r, e: e["type"] == "CONSULT"),
        (EventQuery(country="rus"), lambda r, e: any(p["country"] == "RUS" for p in people(e))),
        (
            EventQuery(actor="Lavrov"),
            lambda r, e: any("lavrov" in p["name"].lower() for p in people(e)),
        ),
        (EventQuery(quad=4), lambda r, e: e["quad"] == 4),
        (
            EventQuery(modality="asserted"),
            lambda r, e: not any(e["modality"].get(k) for k in e["modality"]),
        ),
        (EventQuery(modality="future"), lambda r, e: e["modality"]["future"]),
        (
            EventQuery(since="2016-11", until="2016-11"),
            lambda r, e: (e["date"] or "").startswith("2016-11"),
        ),
        (EventQuery(outlet="SPUTNIK"), lambda r, e: (r["outlet"] or "").lower() == "sputnik"),
        (
            EventQuery(dyad=("usa", "rus")),
            lambda r, e: (
                any(p["country"] == "USA" for p in e["actors"])
                and any(p["country"] == "RUS" for p in e["recipients"])
            ),
        ),
    ]
    nonempty = 0
    for query, keep in cases:
        expected = _events_in_python(records, keep)
        assert _ids(chronicle.events(query)) == expected, query
        assert chronicle.count_events(query) == len(expected)
        nonempty += bool(expected)
    assert nonempty >= 6  # the corpus exercises most filters


def test_event_pages_and_the_evidence_they_carry(chronicle: Chronicle) -> None:
    everything = list(chronicle.events())
    first, second = list(chronicle.events(limit=5)), list(chronicle.events(limit=5, offset=5))
    assert first + second == everything[:10]
    for meta, event in everything:
        record = chronicle.article(meta["id"])
        assert record["body"][event["start"] : event["end"]] == event["text"]
        assert meta["outlet"] == record["outlet"] and meta["authors"] == record["authors"]


def test_every_quote_by_a_speaker(chronicle: Chronicle, analysed_records: list[dict]) -> None:
    expected = sorted(
        (r["id"], q["text"])
        for r in analysed_records
        for q in r["quotes"]
        if "lavrov" in (q["speaker"] or "").lower()
    )
    got = list(chronicle.quotes(QuoteQuery(speaker="lavrov"), limit=None))
    assert sorted((q["article_id"], q["text"]) for q in got) == expected
    for quote in got:
        body = chronicle.article(quote["article_id"])["body"]
        assert body[quote["start"] : quote["end"]] == quote["text"]
    if any("Aleppo" in (r["title"] or "") for r in analysed_records):  # the seeds are here
        assert len(got) >= 3 and {q["speaker_country"] for q in got} == {"RUS"}


def test_dyads_per_week_count_quads_and_scores(
    chronicle: Chronicle, analysed_records: list[dict]
) -> None:
    rows = chronicle.dyads_per_week()
    expected: dict[tuple[str, str, str], list] = {}
    for r in analysed_records:
        for e in r["events"]:
            week = week_of((e["date"] or "").split("/")[0])
            sources = {p["country"] for p in e["actors"] if p["country"]}
            targets = {p["country"] for p in e["recipients"] if p["country"]}
            for s in sources:
                for t in targets:
                    if week:
                        row = expected.setdefault((week, s, t), [0, 0.0])
                        row[0] += 1
                        row[1] += e["score"]
    got = {(r["week"], r["source"], r["target"]): [r["events"], r["score"]] for r in rows}
    assert got == {k: [n, round(s, 3)] for k, (n, s) in expected.items()}
    for r in rows:
        assert r["quad1"] + r["quad2"] + r["quad3"] + r["quad4"] == r["events"]
    usa = chronicle.dyads_per_week(country="USA")
    assert usa == [r for r in rows if "USA" in (r["source"], r["target"])]


def test_articles_actors_search_and_counts(
    chronicle: Chronicle, analysed_records: list[dict]
) -> None:
    n = len(analysed_records)
    assert chronicle.count_articles() == n
    assert len(chronicle.articles(limit=None)) == n
    dated = [r for r in analysed_records if r["published"]]
    per_day = chronicle.articles_per_day()
    assert sum(row["articles"] for row in per_day) == len(dated)
    with_russia = {
        r["id"]
        for r in analysed_records
        if r.get("home_country") == "RUS" or any(a["country"] == "RUS" for a in r["actors"])
    }
    assert {a["id"] for a in chronicle.articles(ArticleQuery(country="RUS"), limit=None)} == (
        with_russia
    )
    actors = chronicle.actors(country="RUS", limit=None)
    assert all(a["country"] == "RUS" for a in actors)
    assert sum(a["mentions"] for a in actors) == sum(
        len(a["mentions"]) for r in analysed_records for a in r["actors"] if a["country"] == "RUS"
    )
    hits = chronicle.search("strike")
    assert hits and all("[" in h.snippet for h in hits)
    en = chronicle.search("strike", ArticleQuery(language="en"))
    assert {h.id for h in en} <= {h.id for h in hits}
    ru = chronicle.search("strike", ArticleQuery(language="ru"))
    assert ru == []
    records = list(chronicle.records(ArticleQuery(since="2024")))
    assert records and all(r["published"] >= "2024" for r in records)


def test_both_backends_give_the_same_answers(
    tmp_path, postgres_db: str, analysed_records: list[dict]
) -> None:
    answers = []
    for target in (str(tmp_path / "c.db"), postgres_db):
        with Chronicle.open(target) as c:
            for record in analysed_records:
                c.store.put_record(record)
            answers.append(
                (
                    _ids(c.events()),
                    _ids(c.events(EventQuery(country="RUS", quad=3))),
                    list(c.quotes(limit=None)),
                    c.actors(limit=None),
                    c.dyads_per_week(),
                    c.articles_per_day(),
                    [a["id"] for a in c.articles(limit=None)],
                    sorted(h.id for h in c.search("talks")),
                    c.stats(),
                )
            )
    assert answers[0] == answers[1]


def test_bad_filters_are_refused_in_one_line() -> None:
    with pytest.raises(ChronistError, match="unknown modality 'maybe'"):
        EventQuery(modality="maybe")
    with pytest.raises(ChronistError, match="quad must be"):
        EventQuery(quad=7)


def test_like_wildcards_in_a_name_are_literal(store_url: str) -> None:
    with open_store(store_url) as store:
        chronicle = Chronicle(store)
        assert list(chronicle.quotes(QuoteQuery(speaker="%"))) == []
        assert chronicle.actors(name="_") == []
