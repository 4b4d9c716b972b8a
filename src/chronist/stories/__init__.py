"""The chronicle across outlets: copies, stories and one event told by many.

A store step (registered as ``stories``; ``chronist ingest`` runs it after storing, and
``chronist stories --update`` on demand) that places every stored article, once, in storing
order:

1. **Copies** (:mod:`.copies`): an article whose body is a copy of an earlier one (MinHash LSH
   over word shingles, estimated Jaccard ≥ 0.8, or the same body exactly) is linked to the
   first copy with its similarity; it joins the original's story and is counted once there,
   while its outlet is kept.
2. **Stories** (:mod:`.cluster`): the article joins the most similar open story (sentence
   embeddings of title and lead, TF-IDF terms, shared actors and places, the gap in days) or
   opens one. A story has an id (``s`` + its first article's id), a label, a span of days and
   its articles with their outlets.
3. **Chronicle events** (:mod:`.chronicle`): the events of a story's articles that describe the
   same act are merged into one chronicle event that lists every report (article, outlet,
   sentence, ``reported_by``, modality) and where the reports disagree.

Each batch is written in one transaction, and articles already placed are skipped, so an
interrupted run resumes and a re-run adds nothing. What each outlet tells, timelines and the
story listing are read through the query layer (:mod:`.read`, :class:`chronist.query.Chronicle`).
"""

from __future__ import annotations

__all__: list[str] = []
