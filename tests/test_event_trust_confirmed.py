"""The trust gate's exceptions for the kinds of sentence the CAMEO benchmarks hold: a protest
by private people, and an act of force or accusation with no stated actor that the sentence
classifier, inside its training domain, confirms. The sentences are written for these tests."""

from __future__ import annotations

import pytest

import chronist.events.coder as coder_module
from chronist.events.coder import EventCoder
from chronist.events.trust import distrust
from chronist.model import Article
from chronist.pipeline import run_stages


def _analysed(body: str) -> Article:
    article = Article(id="t", input="t", format="text", body=body, published="2024-03-05")
    return run_stages([article], ("language", "quotes"))[0]


def test_private_people_protesting_are_its_actor():
    article = _analysed("Prisoners rioted at a jail in Vell on Monday.")
    events = EventCoder(classifier=None).code(article)
    assert [e["type"] for e in events] == ["PROTEST"]


def test_a_confirmed_passive_accusation_stands_without_its_actor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # code without the gate, then ask the gate with and without the classifier's confirmation
    monkeypatch.setattr(coder_module, "trusted", lambda *args, **kwargs: True)
    article = _analysed("The Vell harbour commissioner Odile Brant was put under investigation.")
    (event,) = [
        e for e in EventCoder(classifier=None).code(article) if e["trigger"]["text"] == "put"
    ]
    assert event["type"] == "ACCUSE" and not event["actors"]
    clause = next(c for c in article.clauses if c["verb"]["start"] == event["trigger"]["start"])
    assert distrust(article, event, clause, False) == "no actor"
    assert distrust(article, event, clause, False, confirmed=True) is None


def test_the_classifier_codes_no_act_on_an_empty_verb(monkeypatch: pytest.MonkeyPatch) -> None:
    # "had a quarrel with": the sentence may read as an act, the verb names none
    monkeypatch.setattr(coder_module, "trusted", lambda *args, **kwargs: True)
    article = _analysed("Odile Brant had a bitter quarrel with the Vell commissioner.")
    (clause,) = article.clauses
    event = EventCoder(classifier=None)._event(article, clause, "ACCUSE")
    assert event is not None
    event["method"] = "classifier"
    assert distrust(article, event, clause, True) == "light verb"
    event["method"] = "lexicon+classifier"  # a pattern's type the classifier confirmed
    assert distrust(article, event, clause, False) is None
