"""The language stage: sentences, clauses, entities, actors, dates and places for each article.

One spaCy pass per article (batched with ``nlp.pipe``) feeds every sub-step; each is a pure
function of the article and its parse, so results are the same in one process or many.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from chronist.language.actors import ActorResolver, resolve_pronoun
from chronist.language.clauses import clauses
from chronist.language.dates import time_expressions
from chronist.language.kb import KnowledgeBase
from chronist.language.nlp import load_nlp
from chronist.language.places import gazetteer, resolve_places
from chronist.language.sentences import sentence_at, sentence_spans
from chronist.model import Actor, Article, Entity, Evidence, Place, Sentence

__all__ = ["LanguageStage", "resolve_pronoun", "sentence_at"]

#: spaCy labels kept as entities (numbers, money and percentages are not participants).
ENTITY_LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "LAW", "DATE"}


class LanguageStage:
    """Runs spaCy once per article and fills sentences, entities, actors, dates and places."""

    name = "language"

    def __init__(self, kb: KnowledgeBase | None = None, nlp: Any = None) -> None:
        self.kb = kb or KnowledgeBase.default()
        self.nlp = nlp or load_nlp()
        self.resolver = ActorResolver(self.kb)
        self.lemmatizer = (
            self.nlp.get_pipe("lemmatizer") if "lemmatizer" in self.nlp.component_names else None
        )

    def analyze(self, article: Article) -> Article:
        """One article (use :meth:`analyze_many` for many: it batches spaCy)."""
        return self.analyze_many([article])[0]

    def analyze_many(self, articles: Iterable[Article], batch_size: int = 32) -> list[Article]:
        """Every article with its language annotations, in the same order."""
        articles = list(articles)
        docs = self.nlp.pipe((a.body for a in articles), batch_size=batch_size)
        return [self._annotate(article, doc) for article, doc in zip(articles, docs, strict=True)]

    def process(self, articles: list[Article]) -> list[Article]:
        """Pipeline-stage entry point (see :mod:`chronist.pipeline`)."""
        return self.analyze_many(articles)

    def _annotate(self, article: Article, doc: Any) -> Article:
        ents = self.resolver.corrected_entities(doc)
        actors, span_actor = self.resolver.resolve(article, doc, ents)
        entities: list[Entity] = [
            {
                "text": ent.text,
                "label": label,
                "start": ent.start_char,
                "end": ent.end_char,
                "actor": span_actor.get((ent.start_char, ent.end_char)),
            }
            for ent, label in ents
            if label in ENTITY_LABELS
        ]
        home = self.resolver.home
        sentences = sentence_spans(doc, article.body)
        places = resolve_places(article, doc, ents)
        placed_groups(actors, places, sentences)
        evidence = dict(article.metadata_evidence)
        evidence.pop("home_country", None)
        if home is not None:
            evidence["home_country"] = Evidence(source="actors", text=home[1])
        return replace(
            article,
            doc=doc,  # for later stages of this run (see Article.doc)
            home_country=home[0] if home is not None else None,
            metadata_evidence=evidence,
            sentences=sentences,
            clauses=clauses(doc, article.body, self.lemmatizer),
            entities=entities,
            actors=actors,
            dates=time_expressions(article, doc),
            places=places,
        )


#: Words that place a group abroad or above states ("European judge", "foreign courts").
_FOREIGN_GROUP = re.compile(
    r"\b(?:foreign|european|international|un|eu|nato|world|global|western|other)\b", re.I
)
#: Sectors of a generic group that belong to the state where it acts ("police", "the courts").
_STATE_GROUPS = frozenset({"COP", "GOV", "JUD", "LEG"})


def placed_groups(actors: list[Actor], places: list[Place], sentences: list[Sentence]) -> None:
    """A state's generic group that the text gives no country ("police said the gunman …")
    takes the country of the towns and regions its sentences name, where every mention's
    sentence names some and all of them lie in one country ("Cleveland police"): police,
    courts and officials act where they are. A country named in passing places no one."""
    countries_at: list[tuple[int, str]] = []
    for place in places:
        if place["feature_class"] == "A":
            continue  # a country named in passing does not place anyone ("… traveled to China")
        if iso3 := gazetteer().iso3(place["country_code"]):
            countries_at.extend((m["start"], iso3) for m in place["mentions"])
    for actor in actors:
        if actor["kind"] != "group" or actor["country"] or actor["sector"] not in _STATE_GROUPS:
            continue
        if _FOREIGN_GROUP.search(actor["name"]):
            continue
        found: set[str] = set()
        for mention in actor["mentions"]:
            sentence = next(
                (s for s in sentences if s["start"] <= mention["start"] < s["end"]), None
            )
            if sentence is None:
                continue
            here = {c for at, c in countries_at if sentence["start"] <= at < sentence["end"]}
            if not here:
                found = set()
                break  # a mention placed nowhere: the text does not place the group
            found |= here
        if len(found) == 1:
            (country,) = found
            actor["country"] = country
            actor["evidence"] = (
                f"{actor['evidence']}; the country its sentences place it in: {country}".lstrip(
                    "; "
                )
            )
