"""Events: who did what to whom, when and where, coded in PLOVER 2.0 with evidence.

The stage runs after the language and quotes stages and fills ``article.events`` (see
:class:`chronist.model.Event`); :mod:`chronist.events.coder` says how each field is found,
:mod:`chronist.events.ontology` holds the PLOVER types and :mod:`chronist.events.lexicon` the
verb patterns converted from the CAMEO dictionary.
"""

from __future__ import annotations

from dataclasses import replace

from chronist.events.coder import EventCoder
from chronist.model import Article, Event

__all__ = ["EventCoder", "EventStage", "event_voice"]

#: Genres whose own text is the writer's commentary, not a report.
COMMENTARY = ("opinion", "satire")


def event_voice(article: Article, event: Event) -> str | None:
    """Whose telling an event is: "speaker" (it has a ``reported_by``), "author" (the writer's
    own text in an opinion piece or satire), "reporter" (a news report's own text), or None
    when the article carries no genre (the rhetoric stage did not run)."""
    if event.get("reported_by"):
        return "speaker"
    if article.genre is None:
        return None
    return "author" if article.genre["label"] in COMMENTARY else "reporter"


class EventStage:
    """Pipeline stage: fills ``article.events`` (needs the language and quotes stages; reads
    the rhetoric stage's genre for each event's ``voice``)."""

    name = "events"

    def __init__(self, coder: EventCoder | None = None) -> None:
        self.coder = coder or EventCoder()

    def process(self, articles: list[Article]) -> list[Article]:
        """Every article with its events (new articles; the given ones are left as they are)."""
        coded = self.coder.code_many(articles)
        for article, events in zip(articles, coded, strict=True):
            for event in events:
                event["voice"] = event_voice(article, event)
        return [
            replace(article, events=events) for article, events in zip(articles, coded, strict=True)
        ]
