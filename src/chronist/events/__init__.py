"""Events: who did what to whom, when and where, coded in PLOVER 2.0 with evidence.

The stage runs after the language and quotes stages and fills ``article.events`` (see
:class:`chronist.model.Event`); :mod:`chronist.events.coder` says how each field is found,
:mod:`chronist.events.ontology` holds the PLOVER types and :mod:`chronist.events.lexicon` the
verb patterns converted from the CAMEO dictionary.
"""

from __future__ import annotations

from dataclasses import replace

from chronist.events.coder import EventCoder
from chronist.model import Article

__all__ = ["EventCoder", "EventStage"]


class EventStage:
    """Pipeline stage: fills ``article.events`` (needs the language and quotes stages)."""

    name = "events"

    def __init__(self, coder: EventCoder | None = None) -> None:
        self.coder = coder or EventCoder()

    def process(self, articles: list[Article]) -> list[Article]:
        """Every article with its events (new articles; the given ones are left as they are)."""
        coded = self.coder.code_many(articles)
        return [
            replace(article, events=events) for article, events in zip(articles, coded, strict=True)
        ]
