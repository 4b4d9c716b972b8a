"""The shipped example articles (every input format) against their written ground truth."""

from __future__ import annotations

import json

import pytest

from chronist.errors import InputError
from chronist.pipeline import analyze_document
from chronist.sources import iter_documents

from .conftest import EXAMPLES

EXPECTED = json.loads((EXAMPLES.parent / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def analyzed():
    out = {}
    for item in iter_documents([str(EXAMPLES)]):
        assert not isinstance(item, InputError), item.line()
        key = item.input.replace(str(EXAMPLES) + "/", "")
        out[key] = analyze_document(item)
    return out


def test_every_example_is_read(analyzed):
    assert set(EXPECTED) <= set(analyzed)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_metadata(analyzed, name):
    want, got = EXPECTED[name], analyzed[name]
    for field in ("title", "authors", "outlet", "url", "published", "published_after", "language"):
        assert getattr(got, field) == want[field], f"{name}: {field}"
    assert sorted(got.tags) == sorted(want["tags"]), name
    assert got.captions == want["captions"], name
    for field in got.metadata_evidence:
        assert got.metadata_evidence[field].text, f"{name}: {field} has no evidence text"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_body(analyzed, name):
    want, got = EXPECTED[name], analyzed[name]
    paragraphs = got.body.split("\n\n")
    assert len(paragraphs) == want["n_paragraphs"], name
    assert paragraphs[0].startswith(want["body_first_words"]), name
    assert paragraphs[-1].endswith(want["body_last_words"]), name
    for chrome in want["chrome"]:
        assert chrome not in got.body, f"{name}: chrome in body: {chrome}"
