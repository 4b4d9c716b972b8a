"""Actors on news prose: undated articles, outlets and companies, roles that name an employer,
descriptions that must fit the person, and generic institutions of a one-country story.

The sentences are written for these tests; none is copied from a corpus.
"""

from __future__ import annotations

import pytest

from chronist.language import LanguageStage
from chronist.language.kb import KnowledgeBase
from chronist.model import Article


@pytest.fixture(scope="module")
def stage():
    return LanguageStage()


def _analysed(stage, body: str, published: str | None = None) -> Article:
    article = Article(id="t", input="t", format="text", body=body, published=published)
    return stage.analyze(article)


def _codes(article: Article, name: str) -> tuple[str | None, str | None]:
    found = [a for a in article.actors if a["name"] == name]
    assert found, f"{name} not among {[a['name'] for a in article.actors]}"
    return found[0]["country"], found[0]["sector"]


def test_outlets_and_companies_have_their_home_country():
    kb = KnowledgeBase.default()
    assert (kb.organisation("CNN").country, kb.organisation("CNN").sector) == ("USA", "JRN")
    assert kb.organisation("Bloomberg").country == "USA"
    assert (kb.organisation("Gazprom").country, kb.organisation("Gazprom").sector) == (
        "RUS",
        "BUS",
    )
    assert kb.organisation("TikTok").country == "CHN"
    assert kb.organisation("Google").country == "USA"  # Phoenix's MNCUSA code
    assert kb.organisation("Sunday Express").name == "Sunday Express"


def test_international_bodies_have_sector_igo():
    kb = KnowledgeBase.default()
    for name, country in [("NATO", "IGO"), ("European Union", "EUR"), ("WHO", "UNO")]:
        match = kb.organisation(name)
        assert (match.country, match.sector) == (country, "IGO")


def test_an_undated_surname_is_the_only_person_of_that_name_from_a_country_named(stage):
    article = _analysed(
        stage,
        "Petrol prices in America climbed again this week. Biden told reporters that "
        "Americans would have to wait. Biden did not say for how long.",
    )
    assert _codes(article, "Joe Biden") == ("USA", "GOV")


def test_a_surname_is_not_linked_through_a_patronymic_or_a_country_not_named(stage):
    article = _analysed(stage, "Truss said the plan would go ahead. Truss left on Friday.")
    assert all(a["name"] != "Warren Truss" for a in article.actors)


def test_a_full_name_spelt_another_way_is_still_the_person(stage):
    article = _analysed(
        stage,
        "The United States welcomed the talks. Anthony Blinken said Washington would help.",
    )
    assert _codes(article, "Anthony Blinken") == ("USA", "GOV")


def test_a_role_that_names_the_employer_gives_its_codes(stage):
    article = _analysed(
        stage,
        "Spokesman of the Russian Ministry of Defense, Oleg Varlamov, said the convoy had "
        "left. BlackRock CEO Dana Whitfield said markets were calm.",
    )
    assert _codes(article, "Oleg Varlamov") == ("RUS", "MIL")
    assert _codes(article, "Dana Whitfield") == ("USA", "BUS")


def test_the_king_is_not_the_last_official_named(stage):
    article = _analysed(
        stage,
        "Finance minister Odile Brant of France met bankers in Paris on Monday. "
        "The king later thanked the bankers.",
    )
    assert all(
        "The king" not in [m["text"] for m in a["mentions"]]
        for a in article.actors
        if a["name"] == "Odile Brant"
    )


def test_generic_institutions_of_a_one_country_story_are_that_country(stage):
    article = _analysed(
        stage,
        "The United States Department of Homeland Security said on Monday that Washington "
        "would send more officers to the border. American officials said the Pentagon was "
        "not involved. Local governments complained that they had not been consulted, and "
        "immigration courts said their backlog was growing. The White House declined to comment.",
    )
    local = [a for a in article.actors if a["name"].lower() == "local governments"]
    courts = [a for a in article.actors if "immigration courts" in a["name"].lower()]
    assert local and local[0]["country"] == "USA"
    assert courts and courts[0]["country"] == "USA"
