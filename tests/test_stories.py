"""Stories across outlets: copies, clustering, merged events and what each outlet tells, on the
seeds and the shipped examples, on SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from typer.testing import CliRunner

from chronist.cli import app
from chronist.query import Chronicle, StoryQuery
from chronist.settings import Settings
from chronist.steps import run_store_steps
from chronist.store import open_store
from chronist.stories import chronicle
from chronist.stories.step import StoryStep, reset

runner = CliRunner()
STORIES = ("stories",)


def _by_outlet(records: list[dict], outlet: str) -> dict:
    return next(r for r in records if r["outlet"] == outlet)


@pytest.fixture
def placed(store_url: str, analysed_records: list[dict]) -> str:
    """A store on each backend holding the analysed examples and seeds, placed in stories."""
    with open_store(store_url) as store:
        for record in analysed_records:
            store.put_record(record)
        assert run_store_steps(store, Settings(), STORIES) == {"stories": len(analysed_records)}
    return store_url


def _shared_acts(story: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in story["events"] if len(e["outlets"]) > 1]


def test_the_seeds_are_one_story_with_what_both_tell_merged(placed, analysed_records):
    sc = _by_outlet(analysed_records, "strategic-culture.org")
    sputnik = _by_outlet(analysed_records, "Sputnik")
    with Chronicle.open(placed) as c:
        sid = c.story_of(sc["id"])
        assert sid is not None and c.story_of(sputnik["id"]) == sid
        story = c.story(sid)
    assert {a["outlet"] for a in story["articles"]} == {"strategic-culture.org", "Sputnik"}
    acts = {e["type"]: e for e in _shared_acts(story)}
    # the US-Russia agreement of September: coded in Sputnik, named by a noun in the other
    agree = acts["AGREE"]
    assert agree["date"] == "2016-09"
    told = {r["outlet"]: r for r in agree["reports"]}
    assert "reached an agreement in September" in told["Sputnik"]["sentence"]["text"]
    assert told["Sputnik"]["coded"] and not told["strategic-culture.org"]["coded"]
    assert "September’s ceasefire agreement" in told["strategic-culture.org"]["sentence"]["text"]
    # Russia condemning the US for failing to separate the "moderate" opposition from al-Nusra
    accuse = acts["ACCUSE"]
    assert {p["country"] for p in accuse["actors"]} == {"RUS"}
    assert {p["country"] for p in accuse["recipients"]} == {"USA"}
    told = {r["outlet"]: r for r in accuse["reports"]}
    assert (
        "condemned America for failing to separate"
        in told["strategic-culture.org"]["sentence"]["text"]
    )
    assert (
        "promise to separate the so-called moderate opposition"
        in told["Sputnik"]["sentence"]["text"]
    )
    # every report points at the exact characters of its article's body
    bodies = {r["id"]: r["body"] for r in analysed_records}
    for act in story["events"]:
        for r in act["reports"]:
            s = r["sentence"]
            assert bodies[r["article"]][s["start"] : s["end"]] == s["text"]


def test_each_outlet_tells_the_seeds_story_in_its_own_words(placed, analysed_records):
    # the rhetoric side by side: each outlet's genre and techniques in its own voice, and the
    # loaded words it uses (Sputnik's own so-called "moderate" opposition)
    sputnik = _by_outlet(analysed_records, "Sputnik")
    with Chronicle.open(placed) as c:
        story = c.story(c.story_of(sputnik["id"]))
    for outlet, view in story["outlets"].items():
        record = _by_outlet(analysed_records, outlet)
        r = view["rhetoric"]
        assert r["genres"] == {record["genre"]["label"]: 1}
        own = [t for t in record["rhetoric"] if t["voice"] == "author"]
        assert r["techniques"] == len(own) > 0
        assert r["per_1000_words"] == round(1000 * len(own) / len(record["body"].split()), 2)
    assert 'so-called "moderate"' in story["outlets"]["Sputnik"]["rhetoric"]["loaded"]


def test_unrelated_articles_stay_apart_and_one_story_told_by_two_outlets_merges(placed):
    with Chronicle.open(placed) as c:
        stories = c.stories(limit=None)
        wide = c.stories(StoryQuery(min_outlets=2), limit=None)
        fisheries = next(s for s in wide if "continentalledger.example" in s["by_outlet"])
        story = c.story(fisheries["id"])
    assert len(wide) == 2  # the seeds, and the Geneva fisheries pact told by two outlets
    assert set(fisheries["by_outlet"]) == {"continentalledger.example", "tidewatercourier.example"}
    assert all(s["articles"] == 1 for s in stories if s not in wide)
    acts = {e["type"]: e for e in _shared_acts(story)}
    assert "AID" in acts and len(acts) >= 2  # the fund for smaller members, and more
    for act in acts.values():
        assert {r["outlet"] for r in act["reports"]} == set(fisheries["by_outlet"])
    ledger = story["outlets"]["continentalledger.example"]
    courier = story["outlets"]["tidewatercourier.example"]
    assert ledger["leaves_out"] and courier["leaves_out"]  # each reports an act the other omits
    assert set(ledger["leaves_out"]).isdisjoint(ledger["events"])
    assert ledger["terms"] and courier["terms"] and ledger["terms"] != courier["terms"]


def test_a_new_batch_joins_existing_stories_and_rerunning_adds_nothing(
    store_url: str, analysed_records: list[dict]
) -> None:
    sputnik = _by_outlet(analysed_records, "Sputnik")
    first = [r for r in analysed_records if r is not sputnik]
    with open_store(store_url) as store:
        for record in first:
            store.put_record(record)
        run_store_steps(store, Settings(), STORIES)
        before = store.fetch("SELECT story_id, article_id FROM story_articles ORDER BY 1, 2")
        store.put_record(sputnik)
        assert run_store_steps(store, Settings(), STORIES) == {"stories": 1}
        assert run_store_steps(store, Settings(), STORIES) == {}
        StoryStep().update(store, [sputnik])  # placed already: nothing changes
        after = store.fetch("SELECT story_id, article_id FROM story_articles ORDER BY 1, 2")
        assert set(before) <= set(after) and len(after) == len(before) + 1
        sc = _by_outlet(analysed_records, "strategic-culture.org")
        with Chronicle(store) as c:
            assert c.story_of(sputnik["id"]) == c.story_of(sc["id"])


def test_two_processes_placing_in_turn_agree_with_one(store_url, analysed_records):
    """A step whose cached stories another process has changed reads them again."""
    one, two = StoryStep(), StoryStep()
    with open_store(store_url) as store:
        for record in analysed_records:
            store.put_record(record)
        records = list(store.records_since(0))
        thirds = [records[i::3] for i in range(3)]
        for step, part in zip((one, two, one), thirds, strict=True):
            step.update(store, [r for _, r in sorted(part, key=lambda x: x[0])])
        mixed = store.fetch("SELECT article_id, story_id FROM story_articles ORDER BY 1")
        reset(store)
        StoryStep().update(store, [r for _, r in records])
        single = store.fetch("SELECT article_id, story_id FROM story_articles ORDER BY 1")
    groups = [
        sorted({frozenset(a for a, s in rows if s == sid) for sid in {s for _, s in rows}}, key=min)
        for rows in (mixed, single)
    ]
    assert groups[0] == groups[1]


def test_copies_are_linked_to_the_first_and_counted_once(store_url, analysed_records):
    sc = _by_outlet(analysed_records, "strategic-culture.org")
    repost = copy.deepcopy(sc)
    repost["id"] = "f" * 16
    repost["outlet"] = "mirror.example"
    repost["body"] = sc["body"].replace("Aleppo", "Aleppo city", 2) + "\n\nRead more on our site."
    with open_store(store_url) as store:
        for record in analysed_records:
            store.put_record(record)
        store.put_record(repost)
        run_store_steps(store, Settings(), STORIES)
        rows = store.fetch("SELECT copy_of, similarity FROM copies WHERE article_id = ?",
                           (repost["id"],))  # fmt: skip
        assert rows and rows[0][0] == sc["id"] and 0.8 <= rows[0][1] < 1.0
        with Chronicle(store) as c:
            sid = c.story_of(repost["id"])
            assert sid == c.story_of(sc["id"])
            story = c.story(sid)
    assert story["n_outlets"] == 3 and story["n_articles"] == 3
    assert next(a for a in story["articles"] if a["id"] == repost["id"])["copy_of"] == sc["id"]


def test_ingest_places_articles_and_no_language_skips_the_step(tmp_path, seeds_dir):
    db = str(tmp_path / "s.db")
    result = runner.invoke(app, ["ingest", str(seeds_dir), "--db", db, "--no-language"])
    assert result.exit_code == 0, result.output
    assert "store step stories" not in result.output
    with open_store(db) as store:
        assert store.fetch("SELECT count(*) FROM story_articles")[0][0] == 0
    result = runner.invoke(app, ["stories", "--db", db])
    assert "chronist stories --update" in result.output
    result = runner.invoke(app, ["stories", "--db", db, "--update", "-f", "jsonl"])
    assert result.exit_code == 0 and "2 articles placed" in result.output


def test_story_commands(placed, analysed_records, tmp_path):
    result = runner.invoke(app, ["stories", "--db", placed, "--min-outlets", "2", "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    listed = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert len(listed) == 2
    seeds = next(s for s in listed if "Sputnik" in s["by_outlet"])
    result = runner.invoke(app, ["story", seeds["id"][:8], "--db", placed, "-f", "json"])
    assert result.exit_code == 0, result.output
    story = json.loads(result.output)
    assert set(story) >= {"id", "label", "start", "end", "articles", "events", "outlets"}
    assert set(story["articles"][0]) >= {"id", "input", "outlet", "published", "title"}
    report = story["events"][0]["reports"][0]
    assert set(report) >= {"article", "outlet", "sentence", "reported_by"}
    assert set(story["outlets"]["Sputnik"]) >= {"articles", "events", "quotes", "terms"}
    text = runner.invoke(app, ["story", seeds["id"], "--db", placed])
    assert text.exit_code == 0 and "Sputnik" in text.output and "Events" in text.output
    out = tmp_path / "t.csv"
    result = runner.invoke(
        app,
        ["timeline", "--db", placed, "--dyad", "RUS-USA", "--by", "month", "-f", "csv", "-o",
         str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = out.read_text().splitlines()
    assert lines[0].startswith("month,events,quad1")
    assert any(line.startswith("2016-09,") for line in lines[1:])
    bad = runner.invoke(app, ["timeline", "--db", placed, "--dyad", "RUS"])
    assert bad.exit_code == 2 and "USA-RUS" in bad.output
    missing = runner.invoke(app, ["story", "szzzzzzz", "--db", placed])
    assert missing.exit_code == 1 and "no story" in missing.output


def _report(event: dict[str, Any], article: str = "a", outlet: str = "x") -> chronicle.Report:
    base = {"type": "CONSULT", "actors": [], "recipients": [], "modality": {}, "date": None}
    base.update(event)
    kinds = {p["actor"]: p.pop("kind") for side in ("actors", "recipients")
             for p in base[side] if "kind" in p}  # fmt: skip
    return chronicle.Report(article, "E1", outlet, 1, base, kinds=kinds)


def _p(name: str, country: str, kind: str = "person") -> dict[str, Any]:
    return {"actor": name, "name": name, "country": country, "kind": kind}


def test_where_reports_disagree_every_version_stays():
    ledger = _report({"type": "AID", "actors": [_p("Ministers", None, "group")],
                      "date": "2024-05-04"}, "a", "ledger")  # fmt: skip
    courier = _report({"type": "AID", "actors": [_p("Ministers", None, "group")],
                       "date": "2024-05-05", "modality": {"alleged": True}},
                      "b", "courier")  # fmt: skip
    (act,) = chronicle.merge([ledger, courier])
    found = {c["field"]: c["versions"] for c in act.conflicts()}
    assert found["date"] == [{"value": "2024-05-04", "outlets": ["ledger"]},
                             {"value": "2024-05-05", "outlets": ["courier"]}]  # fmt: skip
    assert {v["value"] for v in found["modality"]} == {"alleged", "asserted"}
    assert act.day() == "2024-05-04"  # a tie: the earliest, with the other kept above


def test_reports_of_one_act_and_of_two():
    kerry = _report({"actors": [_p("John Kerry", "USA")], "date": "2016-11-22"})
    # same person, a day apart, the other side unnamed: one act
    assert chronicle.compatible(kerry, _report({"actors": [_p("John Kerry", "USA")],
                                                "date": "2016-11-23"}))  # fmt: skip
    # two different people of one country are two acts
    assert not chronicle.compatible(kerry, _report({"actors": [_p("Donald Trump Jr.", "USA")]}))
    # a country stands for its people: "the US" and Kerry may be one act
    us = _report({"actors": [_p("United States", "USA", "country")], "date": "2016-11-22"})
    assert chronicle.compatible(kerry, us)
    # a month that is not the day's month, another type, another modality: not one act
    assert not chronicle.compatible(kerry, _report({"actors": [_p("John Kerry", "USA")],
                                                    "date": "2016-10"}))  # fmt: skip
    agree = _report({"type": "AGREE", "actors": [_p("John Kerry", "USA")]})
    assert not chronicle.compatible(kerry, agree)
    assert not chronicle.compatible(
        kerry, _report({"actors": [_p("John Kerry", "USA")], "modality": {"negated": True}})
    )
    # nothing shared but the type: not one act
    assert not chronicle.compatible(kerry, _report({"recipients": [_p("Russia", "RUS")]}))


def test_a_store_of_an_earlier_release_gains_stories(tmp_path):
    """tests/data/store_v2.db (the examples at schema version 2): opening it adds the stories
    tables, and the step places every stored article."""
    import shutil
    from pathlib import Path

    path = tmp_path / "old.db"
    shutil.copy(Path(__file__).parent / "data" / "store_v2.db", path)
    with open_store(path) as store:
        n = store.count()
        assert run_store_steps(store, Settings(), STORIES) == {"stories": n}
        placed = store.fetch("SELECT count(*), count(DISTINCT story_id) FROM story_articles")[0]
    assert placed[0] == n and 1 <= placed[1] <= n


def test_two_processes_placing_at_once_place_each_article_once(store_url, analysed_records):
    import threading

    with open_store(store_url) as store:
        for record in analysed_records:
            store.put_record(record)
        records = [r for _, r in store.records_since(0)]
    errors: list[BaseException] = []

    def place() -> None:
        try:
            with open_store(store_url) as own:
                StoryStep().update(own, records)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=place) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with open_store(store_url) as store:
        rows = store.fetch("SELECT count(*), count(DISTINCT article_id) FROM story_articles")
        assert rows[0] == (len(records), len(records))
        reports = store.fetch("SELECT count(*), count(DISTINCT chronicle_id) FROM story_reports")
        assert reports[0][0] >= reports[0][1] > 0


def test_articles_in_other_languages_form_stories_with_their_copies_only(store_url):
    """The sentence encoder reads English: two unrelated Russian articles score as alike as
    two tellings of one story, so they are not compared; a copy still joins its original."""
    budget = (
        "Городская дума Велска одобрила поправки к бюджету: расходы на ремонт дорог и школ "
        "вырастут на треть. Депутаты спорили о налогах три часа."
    )
    library = (
        "В Велске открылась новая библиотека, читатели получат доступ к редким книгам. "
        "Здание построили за два года."
    )
    records = [
        {"id": f"{i:016x}", "title": t.split(".")[0], "body": t, "outlet": o,
         "published": "2024-02-12", "language": "ru"}
        for i, (t, o) in enumerate(
            [(budget, "vel.example"), (library, "vel.example"), (budget + " ", "copy.example")]
        )
    ]  # fmt: skip
    with open_store(store_url) as store:
        for record in records:
            store.put_record(record)
        StoryStep().update(store, [r for _, r in store.records_since(0)])
        placed = dict(store.fetch("SELECT article_id, story_id FROM story_articles"))
    first, second, copy_ = (r["id"] for r in records)
    assert placed[first] != placed[second]
    assert placed[copy_] == placed[first]


def test_reports_dated_without_a_year_merge_with_the_rest():
    # "on January 1" with no year written is stored as "--01-01"
    reports = [
        _report({"actors": [_p("John Kerry", "USA")], "date": d}, f"a{i}", f"o{i}")
        for i, d in enumerate(("--01-01", "2016-01-01", "--01-01", "2016"))
    ]
    acts = chronicle.merge(reports)
    assert sum(len(a.reports) for a in acts) == 4
    assert any({r.article_id for r in a.reports} == {"a0", "a2"} for a in acts)
