"""Political parties in national government by date (``tools/kb_data/governing_parties.csv``),
found in the shipped ``kb.json.gz``: GOV while a spell covers the day, OPP otherwise."""

from __future__ import annotations

from datetime import date, datetime

import pytest


@pytest.mark.parametrize(
    ("name", "on", "expected"),
    [
        ("Conservatives", date(2019, 3, 1), ("GBR", "GOV")),
        ("the Tories", date(2019, 3, 1), ("GBR", "GOV")),
        ("Labour", date(2019, 3, 1), ("GBR", "OPP")),
        ("Labour Party", date(2025, 1, 1), ("GBR", "GOV")),
        ("Republican Party", date(2018, 6, 1), ("USA", "GOV")),
        ("Republican Party", date(2022, 6, 1), ("USA", "OPP")),
        ("GOP", datetime(2025, 3, 1, 12, 0), ("USA", "GOV")),
        ("Democrats", date(2022, 6, 1), ("USA", "GOV")),
        ("United Russia", date(2022, 6, 1), ("RUS", "GOV")),
        ("Servant of the People", date(2018, 6, 1), ("UKR", "OPP")),
        ("Servant of the People", date(2022, 6, 1), ("UKR", "GOV")),
        ("Likud", date(2021, 12, 1), ("ISR", "OPP")),
        ("Likud", date(2024, 1, 1), ("ISR", "GOV")),
    ],
)
def test_party_standing_by_date(kb, name, on, expected):
    found = kb.party_standing(name, on)
    assert found is not None
    assert found[:2] == expected
    assert "governing_parties.csv" in found[2]


def test_span_end_is_exclusive(kb):
    assert kb.party_standing("Conservative Party", date(2024, 7, 4))[1] == "GOV"
    assert kb.party_standing("Conservative Party", date(2024, 7, 5))[1] == "OPP"


def test_country_picks_a_shared_name(kb):
    assert kb.party_standing("Labour", date(2019, 3, 1), country="NZL")[:2] == ("NZL", "GOV")
    assert kb.party_standing("Conservatives", date(2010, 1, 1), country="CAN")[:2] == (
        "CAN",
        "GOV",
    )
    # a country without a party of that name falls back to the known one
    assert kb.party_standing("GOP", date(2018, 6, 1), country="GBR")[:2] == ("USA", "GOV")


def test_quebec_parties_are_provincial(kb):
    found = kb.party_standing("CAQ", date(2020, 1, 1))
    assert found[:2] == ("CAN", "GOV") and "Quebec provincial" in found[2]
    assert kb.party_standing("Parti Québécois", date(2016, 1, 1))[:2] == ("CAN", "OPP")


def test_unknown_party_or_no_date_is_none(kb):
    assert kb.party_standing("Monster Raving Loony Party", date(2019, 3, 1)) is None
    assert kb.party_standing("Conservatives", None) is None


def test_parties_are_counted_and_every_span_is_well_formed(kb):
    assert kb.counts()["parties"] > 100
    for party in kb._parties:
        # a party with no spell in government says where it is recorded so
        assert len(party["country"]) == 3 and (party["spans"] or party["source"])
        for span in party["spans"]:
            start = date.fromisoformat(span["start"])
            assert start >= date(2000, 1, 1)
            assert span["end"] is None or date.fromisoformat(span["end"]) > start
