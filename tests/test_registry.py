"""The settings object and the stage registry: order from declarations, plug-ins, copies."""

from __future__ import annotations

import os
import pickle
import sys
from dataclasses import replace
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from chronist import registry
from chronist.errors import ChronistError
from chronist.extract import extract
from chronist.model import Article, RawDocument
from chronist.pipeline import run, run_stages
from chronist.registry import StageSpec, load_stage, plan
from chronist.settings import Settings

STORY = (
    "Port Talks Resume\n\n"
    "Harbour commissioner Odile Brant met union leaders in Vell on Tuesday, and the Vellmark "
    "Pilots Guild condemned the Vell port authority for the closure.\n"
)


def _article(text: str = STORY) -> Article:
    return extract(RawDocument(input="story.txt", content=text, kind="text"))


class WordCount:
    """A plug-in stage that adds a field the data model does not know."""

    name = "wordcount"

    def process(self, articles: list[Article]) -> list[Article]:
        return [
            replace(a, ext={**a.ext, "wordcount": {"words": len(a.body.split())}}) for a in articles
        ]


WORDCOUNT = StageSpec(
    "wordcount", lambda settings: WordCount(), requires=("body",), assigns=("ext.wordcount",)
)


def test_stage_order_follows_declarations_not_the_order_given() -> None:
    assert [s.name for s in plan(["events", "quotes", "language"])] == [
        "language",
        "quotes",
        "events",
    ]
    # quotes are read by events when present, not required
    assert [s.name for s in plan(["events", "language"])] == ["language", "events"]


def test_unmet_requirement_and_unknown_stage_are_refused_by_name() -> None:
    with pytest.raises(ChronistError, match="'events' requires .*add: language"):
        plan(["events"])
    with pytest.raises(ChronistError, match="unknown stage 'sentiment'"):
        plan(["sentiment"])


def test_stages_return_new_articles_and_leave_the_given_ones_alone() -> None:
    article = _article()
    (done,) = run_stages([article], ("language", "quotes", "events"), Settings(classifier=False))
    assert done.actors and done.events
    assert article.actors == [] and article.quotes == [] and article.events == []


def test_a_registered_plugin_stage_runs_and_its_field_survives_a_round_trip() -> None:
    registry.register(WORDCOUNT)
    try:
        (done,) = run_stages([_article()], ("wordcount",))
        assert done.ext["wordcount"]["words"] == len(done.body.split()) == 24
        again = Article.from_dict(done.to_dict())
        assert again.ext == done.ext
    finally:
        registry.unregister("wordcount")


def test_plugin_stage_found_through_the_entry_point_group(tmp_path, monkeypatch) -> None:
    module = tmp_path / "chronist_wc_plugin.py"
    module.write_text(
        "from chronist.registry import StageSpec\n"
        "class Upper:\n"
        "    name = 'upper_title'\n"
        "    def process(self, articles):\n"
        "        from dataclasses import replace\n"
        "        return [replace(a, ext={'upper_title': (a.title or '').upper()})\n"
        "                for a in articles]\n"
        "SPEC = StageSpec('upper_title', lambda s: Upper(), requires=('title',),"
        " assigns=('ext.upper_title',))\n"
        "BROKEN = 42\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    points = [
        EntryPoint("upper_title", "chronist_wc_plugin:SPEC", registry.ENTRY_POINT_GROUP),
        EntryPoint("broken", "chronist_wc_plugin:BROKEN", registry.ENTRY_POINT_GROUP),
    ]
    monkeypatch.setattr(registry, "entry_points", lambda group: points)
    monkeypatch.setattr(registry, "_LOADED", False)
    try:
        assert "upper_title" in registry.stages()
        (done,) = run_stages([_article()], ("upper_title",))
        assert done.ext == {"upper_title": "PORT TALKS RESUME"}
        with pytest.raises(ChronistError, match="'broken' is not usable: .*not a StageSpec"):
            plan(["broken"])
    finally:
        registry.unregister("upper_title")
        registry._BROKEN.clear()
        sys.modules.pop("chronist_wc_plugin", None)


def test_settings_are_frozen_picklable_and_hashable(tmp_path) -> None:
    kb = tmp_path / "kb.csv"
    kb.write_text("type,name,aliases,country,sector\nperson,Odile Brant,,FRA,GOV\n")
    settings = Settings(kb_files=[kb], classifier=False, stages=["language"])
    assert pickle.loads(pickle.dumps(settings)) == settings
    assert hash(settings) == hash(Settings(kb_files=(kb,), classifier=False, stages=("language",)))
    with pytest.raises(AttributeError):
        settings.classifier = True  # type: ignore[misc]
    with pytest.raises(ValueError):
        Settings(batch_size=0)


def test_kb_files_reach_every_stage_without_the_environment(tmp_path) -> None:
    kb = tmp_path / "kb.csv"
    kb.write_text(
        "type,name,aliases,country,sector\n"
        "person,Odile Brant,,FRA,GOV\n"
        "organisation,Vellmark Pilots Guild,,NOR,LAB\n"
    )
    before = dict(os.environ)
    settings = Settings(kb_files=(kb,), classifier=False)
    language = load_stage("language", settings)
    events = load_stage("events", settings)
    for kb_of_stage in (language.kb, events.coder.kb):  # type: ignore[attr-defined]
        assert kb_of_stage.organisation("Vellmark Pilots Guild").country == "NOR"
    # without the file, the same stages know neither name
    plain = load_stage("events", Settings(classifier=False))
    assert plain.coder.kb.organisation("Vellmark Pilots Guild") is None  # type: ignore[attr-defined]
    (done,) = run_stages([_article()], settings=settings)
    brant = next(a for a in done.actors if a["name"] == "Odile Brant")
    assert (brant["country"], brant["sector"]) == ("FRA", "GOV")
    assert dict(os.environ) == before


def test_run_with_workers_gets_the_settings_in_every_process(tmp_path) -> None:
    kb = tmp_path / "kb.csv"
    kb.write_text("type,name,aliases,country,sector\nperson,Odile Brant,,FRA,GOV\n")
    for i in range(2):
        (tmp_path / f"s{i}.txt").write_text(STORY)
    settings = Settings(kb_files=(kb,), classifier=False, stages=("language",), workers=2)
    articles = [a for a in run([str(tmp_path)], settings) if isinstance(a, Article)]
    assert len(articles) == 2
    for article in articles:
        brant = next(a for a in article.actors if a["name"] == "Odile Brant")
        assert brant["country"] == "FRA"


def test_no_environment_writes_in_the_source() -> None:
    src = Path(__file__).resolve().parents[1] / "src"
    offenders = [
        f"{path}:{n}"
        for path in src.rglob("*.py")
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if "os.environ[" in line or "os.putenv" in line or "environ.update" in line
    ]
    assert offenders == []


def test_a_bad_input_in_a_worker_is_reported_and_the_others_go_on(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_text(STORY)
    settings = Settings(classifier=False, stages=(), workers=2)
    items = [i for i in run([str(tmp_path)], settings) if not hasattr(i, "size")]
    errors = [i for i in items if isinstance(i, ChronistError)]
    assert len(errors) == 1 and "b.txt" in errors[0].line()
    assert sum(isinstance(i, Article) for i in items) == 2


def test_the_report_shows_what_a_plugin_stage_added() -> None:
    from io import StringIO

    from rich.console import Console

    from chronist.cli.report import render_article

    registry.register(WORDCOUNT)
    try:
        (done,) = run_stages([_article()], ("wordcount",))
    finally:
        registry.unregister("wordcount")
    console = Console(file=StringIO(), width=100)
    render_article(console, done)
    text = console.file.getvalue()
    assert "wordcount (plug-in)" in text and '"words": 24' in text
