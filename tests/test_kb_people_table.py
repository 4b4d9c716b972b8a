"""People and institutions hand-written in ``tools/kb_data/people.csv`` and
``organisations.csv``: the office holders of 2016-2024 news that Phoenix (ending about 2015)
lacks, with dated roles, found in the shipped ``kb.json.gz``."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.mark.parametrize(
    ("name", "on", "code"),
    [
        ("Dmytro Kuleba", date(2022, 6, 1), ("UKR", "GOV")),
        ("Lloyd Austin", date(2022, 6, 1), ("USA", "MIL")),  # a defence minister is MIL
        ("Anthony Fauci", date(2020, 4, 1), ("USA", "GOV")),
        ("Yevgeny Prigozhin", date(2023, 6, 24), ("RUS", "PRM")),
        ("Tedros Adhanom Ghebreyesus", date(2022, 6, 1), ("UNO", None)),
        ("Pope Francis", date(2022, 6, 1), ("VAT", "REL")),
        ("Robert Mueller", date(2018, 3, 1), ("USA", "JUD")),
        ("Sviatlana Tsikhanouskaya", date(2021, 1, 1), ("BLR", "OPP")),
        ("Kim Jong-un", date(2018, 6, 12), ("PRK", "GOV")),
    ],
)
def test_office_holders_after_the_phoenix_years(kb, name, on, code):
    match = kb.person(name, on)
    assert match is not None, name
    assert (match.country, match.sector) == code
    assert "people.csv" in match.evidence


def test_dated_roles_follow_one_another(kb):
    assert kb.person("Liz Truss", date(2022, 6, 1)).sector == "GOV"  # foreign secretary
    assert kb.person("Liz Truss", date(2023, 6, 1)).sector == "ELI"  # former prime minister
    assert kb.person("Keir Starmer", date(2022, 6, 1)).sector == "OPP"
    assert kb.person("Keir Starmer", date(2024, 8, 1)).sector == "GOV"
    assert kb.person("Denis Pushilin", date(2020, 1, 1)).country == "UKR"  # separatist leader
    assert kb.person("Denis Pushilin", date(2023, 1, 1)).country == "RUS"  # after annexation
    # a Phoenix spelling and the common one are one person
    assert kb.person("Dmitry Medvedev").id == kb.person("Dmitri Medvedev").id


def test_institutions_of_the_news(kb):
    for name, code in [
        ("Justice Department", ("USA", "JUD")),
        ("Department of Homeland Security", ("USA", "GOV")),
        ("SBU", ("UKR", "SPY")),
        ("Islamic Jihad", ("PSE", "REB")),  # not Hezbollah's old cover name
        ("Ansar Allah", ("YEM", "REB")),
        ("European Council", ("EUR", "IGO")),
    ]:
        match = kb.organisation(name)
        assert match is not None, name
        assert (match.country, match.sector) == code, name
