"""The web app's routes with FastAPI's test client: pages and API on the examples and seeds,
filters, downloads, errors, and a hostile article whose every field tries to break out of the
page (tests/web_fixtures.py)."""

from __future__ import annotations

import csv
import io
import json
import logging
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from chronist.query import Chronicle  # noqa: E402
from chronist.web import create_app  # noqa: E402

from .web_fixtures import build_store  # noqa: E402


@pytest.fixture(scope="module")
def web_db(tmp_path_factory: pytest.TempPathFactory, analysed_records: list[dict]) -> str:
    folder = tmp_path_factory.mktemp("web")
    target = str(folder / "web.db")
    build_store(target, analysed_records, folder)
    return target


@pytest.fixture(scope="module")
def client(web_db: str) -> TestClient:
    logging.getLogger("chronist.web").setLevel(logging.CRITICAL)
    return TestClient(create_app(web_db), raise_server_exceptions=False)


class _Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def _hostile_id(web_db: str) -> str:
    with Chronicle.open(web_db) as ch:
        (hit,) = ch.search("Harrow council ferry")
        return hit.id


def _assert_inert(html: str, where: str) -> None:
    """Nothing in ``html`` runs: no script element, no event-handler attribute, no
    javascript: link, and every piece of the hostile text that is markup stays text."""
    for tag, attrs in _tags(html):
        assert tag not in ("script", "iframe", "object", "embed", "img"), (where, tag)
        for name, value in attrs.items():
            assert not name.startswith("on"), (where, tag, name)
            if name in ("href", "src", "action"):
                assert not (value or "").strip().lower().startswith("javascript:"), (where, value)
    assert "<script>alert" not in html


def test_every_page_renders_hostile_text_as_text(client: TestClient, web_db: str) -> None:
    aid = _hostile_id(web_db)
    with Chronicle.open(web_db) as ch:
        story = ch.story_of(aid)
    pages = [
        "/",
        "/?q1=Harrow&q2=Aleppo&dyad=USA-RUS",
        "/search?q=Harrow",
        "/search?outlet=%3Cb+onmouseover%3Dalert(%27o%27)%3EEvil+Gazette%3C%2Fb%3E",
        f"/articles/{aid}",
        "/events",
        "/events?actor=Brant",
        "/actors",
        "/actor?name=Odile+Brant",
        "/stories",
        f"/stories/{story}",
        "/docs",
        "/actor?name=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    ]
    for page in pages:
        r = client.get(page)
        assert r.status_code == 200, (page, r.status_code, r.text[:300])
        _assert_inert(r.text, page)
    # a query that is markup is no valid full-text syntax: the 400 page quotes it as text
    r = client.get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert r.status_code == 400
    _assert_inert(r.text, "search error")
    assert "&lt;script&gt;alert(1)" in r.text
    article = client.get(f"/articles/{aid}").text
    # the words are there, escaped, and the right-to-left override is isolated
    assert "&lt;script&gt;alert(" in article
    assert "&lt;img src=x onerror=alert(" in article
    assert "<bdi>Harbour \u202etxet" in article
    # the javascript: URL is not a link; the outlet's markup is text
    assert "source</a>" not in article
    assert "&lt;b onmouseover=alert(" in article


def test_security_headers_no_cors_and_no_traversal(client: TestClient) -> None:
    r = client.get("/search?q=Aleppo", headers={"Origin": "https://evil.example"})
    assert r.status_code == 200
    assert "script-src" not in r.headers["content-security-policy"]  # none may run at all
    assert r.headers["content-security-policy"].startswith("default-src 'none'")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "access-control-allow-origin" not in {k.lower() for k in r.headers}
    for path in (
        "/static/../../pyproject.toml",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/static/..%2f..%2fpyproject.toml",
        "/articles/..%2f..%2fetc%2fpasswd",
    ):
        r = client.get(path)
        assert r.status_code == 404, path
        assert "[project]" not in r.text


def test_bad_input_answers_400_with_a_message_never_a_traceback(client: TestClient) -> None:
    for url, words in [
        ("/search?since=last+week", "since must be a date"),
        ("/search?country=Russia", "three-letter country code"),
        ("/search?type=WAR", "PLOVER type"),
        ("/search?page=0", "page must be"),
        ("/search?size=100000", "size must be"),
        ("/events?dyad=USA", "dyad must be"),
        ("/events?sort=random", "sort must be"),
        ("/api/events?quad=7", "quad must be"),
        ("/api/articles?size=501", "size must be"),
        ("/search/download?format=xml", "format must be"),
        ("/?by=year", "by must be"),
    ]:
        r = client.get(url)
        assert r.status_code == 400, url
        assert words in r.text, (url, r.text[:200])
        assert "Traceback" not in r.text
    assert client.get("/api/events?quad=7").json() == {
        "error": "quad must be 1, 2, 3 or 4",
        "status": 400,
    }
    assert client.get("/articles/nope").status_code == 404
    assert client.get("/api/articles/nope").json()["status"] == 404
    # FTS syntax the backend rejects is refused with a message, never rewritten ("NOT Kerry"
    # searched as "Kerry" would answer the opposite question)
    for q in ('"unbalanced', "Aleppo AND", "NEAR(", "NOT Kerry"):
        r = client.get("/search", params={"q": q})
        assert r.status_code == 400, q
        assert "not valid full-text syntax" in r.text
        api = client.get("/api/articles", params={"q": q})
        assert api.status_code == 400 and "full-text syntax" in api.json()["error"]
    assert client.get("/search", params={"q": "Aleppo NOT Kerry"}).status_code == 200


def test_search_facets_narrow_and_downloads_are_exactly_the_filtered_rows(
    client: TestClient,
) -> None:
    everything = client.get("/api/articles?size=100").json()
    assert everything["total"] >= 3
    facets = client.get("/api/facets").json()
    outlet = facets["outlet"][0]
    narrowed = client.get("/api/articles", params={"outlet": outlet["value"]}).json()
    assert narrowed["total"] == outlet["articles"] < everything["total"]
    assert {i["outlet"] for i in narrowed["items"]} == {outlet["value"]}
    # the page shows the facet, its count and a link that applies it
    page = client.get("/search").text
    assert f">{outlet['articles']}</span>" in page
    hits = client.get("/api/articles?q=Aleppo").json()
    rows = list(csv.DictReader(io.StringIO(client.get("/search/download?q=Aleppo").text)))
    assert len(rows) == hits["total"] >= 1
    assert {r["id"] for r in rows} == {i["id"] for i in hits["items"]}
    assert all("[" in r["snippet"] for r in rows)
    # events: the download holds every filtered event and only those
    total = client.get("/api/events?type=AGREE").json()["total"]
    lines = client.get("/events/download?type=AGREE&format=jsonl").text.splitlines()
    assert len(lines) == total >= 1
    assert {json.loads(line)["type"] for line in lines} == {"AGREE"}
    plover = [json.loads(x) for x in client.get("/events/download?format=plover").text.splitlines()]
    assert len(plover) == client.get("/api/events").json()["total"]
    assert all(p["event"] and "actor" in p for p in plover)
    table = list(csv.DictReader(io.StringIO(client.get("/events/download?type=AGREE").text)))
    assert len(table) == total and {r["type"] for r in table} == {"AGREE"}


def test_article_page_links_each_fact_to_its_record_and_evidence(
    client: TestClient, web_db: str
) -> None:
    with Chronicle.open(web_db) as ch:
        (hit,) = [h for h in ch.search("Aleppo") if "Cooperation" in (h.title or "")]
        record = ch.article(hit.id)
    html = client.get(f"/articles/{hit.id}").text
    tags = _tags(html)
    ids = {attrs.get("id") for _, attrs in tags}
    links = {attrs.get("href") for tag, attrs in tags if tag == "a"}
    for event in record["events"]:
        anchor = f"ev-{event['id']}"
        assert f"#{anchor}" in links and anchor in ids
        assert event["sentence"]["text"][:40] in html.replace("&#39;", "'")
    for actor in record["actors"]:
        assert f"#ac-{actor['id']}" in links
    assert f"/stories/{client.get(f'/api/articles/{hit.id}').json()['story']}" in links
    # the rhetoric stage's genre, and each technique linked to its record and its words
    assert f"Genre: {record['genre']['label']}" in html
    spans = [n for n, t in enumerate(record["rhetoric"], 1) if t["level"] == "span"]
    assert spans
    for n in range(1, len(record["rhetoric"]) + 1):
        assert f"#rh-{n}" in links and f"rh-{n}" in ids


def test_events_table_filters_sorts_and_links_to_sentences(client: TestClient) -> None:
    r = client.get("/events?dyad=USA-RUS")
    assert r.status_code == 200
    api = client.get("/api/events?dyad=USA-RUS&size=100").json()
    assert api["total"] >= 1
    for e in api["items"]:
        assert "USA" in {p["country"] for p in e["actors"]}
        assert f"/articles/{e['article']['id']}#ev-{e['id']}" in r.text
    scores = [e["score"] for e in client.get("/api/events?sort=score&size=50").json()["items"]]
    assert scores == sorted(scores)
    dates = [e["date"] for e in client.get("/api/events?sort=-date&size=50").json()["items"]]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)


def test_actor_story_overview_and_docs(client: TestClient, web_db: str) -> None:
    kerry = client.get("/actor?name=John+Kerry").text
    assert "As actor" in kerry and "Quotes" in kerry and "<svg" in kerry
    stories = client.get("/api/stories").json()["items"]
    (seeds,) = [s for s in stories if "Sputnik" in s["by_outlet"]]
    assert seeds["outlets"] == 2  # the seeds' two outlets tell one story
    page = client.get(f"/stories/{seeds['id']}").text
    assert "Outlets side by side" in page and "Sputnik" in page
    overview = client.get("/?q1=Aleppo&q2=Kerry&dyad=USA-RUS").text
    assert overview.count("<svg") == 3
    attention = client.get("/api/attention?q=Aleppo&q2=Kerry&by=month").json()
    assert [s["query"] for s in attention["series"]] == ["Aleppo", "Kerry"]
    assert all(0 <= row["share"] <= 1 for s in attention["series"] for row in s["items"])
    docs = client.get("/docs").text
    for route in ("/api/articles", "/api/events", "/api/stories/{story_id}", "/api/timeline"):
        assert route in docs
    spec = client.get("/openapi.json").json()
    assert "dyad" in {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}


def test_no_route_writes_unless_allowed_with_a_token(web_db: str, tmp_path: Path) -> None:
    article = {"content": "The Vell navy seized a Harrow ferry on Tuesday.", "input": "t.txt"}
    ro = TestClient(create_app(web_db))
    assert ro.post("/api/articles", json=article).status_code == 403
    with pytest.raises(Exception, match="token"):
        create_app(web_db, allow_ingest=True)
    copy = tmp_path / "rw.db"
    copy.write_bytes(Path(web_db).read_bytes())
    rw = TestClient(create_app(str(copy), allow_ingest=True, token="s3cret"))
    assert rw.post("/api/articles", json=article).status_code == 401
    bad = {"Authorization": "Bearer wrong"}
    assert rw.post("/api/articles", json=article, headers=bad).status_code == 401
    good = {"Authorization": "Bearer s3cret"}
    r = rw.post("/api/articles", json=article, headers=good)
    assert r.status_code == 201 and r.json()["status"] == "new"
    assert rw.post("/api/articles", json=article, headers=good).json()["status"] == "exists"
    assert rw.get("/api/articles?q=ferry+seized").json()["total"] == 1


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_same_answers_on_both_backends(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path, analysed_records: list[dict]
) -> None:
    target = (
        str(tmp_path / "b.db") if backend == "sqlite" else request.getfixturevalue("postgres_db")
    )
    build_store(target, analysed_records, tmp_path)
    c = TestClient(create_app(target), raise_server_exceptions=False)
    hits = c.get("/api/articles?q=Aleppo").json()
    assert hits["total"] == 2 and all("\ue000" not in i["snippet"] for i in hits["items"])
    facets = c.get("/api/facets?q=Aleppo").json()
    assert sum(f["articles"] for f in facets["outlet"]) == 2
    assert c.get("/api/events?dyad=USA-RUS").json()["total"] >= 1
    for page in ("/", "/search?q=Aleppo", "/events", "/stories", "/?q1=Aleppo&by=day"):
        assert c.get(page).status_code == 200, page
    aid = hits["items"][0]["id"]
    assert c.get(f"/articles/{aid}").status_code == 200


def test_facets_say_when_they_count_a_sample_and_sides_split(web_db: str) -> None:
    from chronist.query import ArticleQuery, EventQuery

    with Chronicle.open(web_db) as ch:
        total = ch.count_articles(ArticleQuery())
        full = ch.facets(limit=100)
        assert full.sampled_from is None
        assert sum(n for _, n in full.counts["outlet"]) == total  # outlets: every article
        sample = ch.facets(limit=100, sample=2)
        assert sample.sampled_from == 2
        assert sample.counts["outlet"] == full.counts["outlet"]
        assert all(n <= 2 for _, n in sample.counts["country"])
        both = ch.count_events(EventQuery(actor="Kerry"))
        acting = ch.count_events(EventQuery(actor="Kerry", role="actor"))
        receiving = ch.count_events(EventQuery(actor="Kerry", role="recipient"))
        assert acting >= 1 and acting + receiving >= both
        weekly = ch.events_per_period(EventQuery(actor="Kerry"), "week")
        assert sum(r["events"] for r in weekly) <= both
        assert all(r["events"] == sum(r[f"quad{q}"] for q in (1, 2, 3, 4)) for r in weekly)
