"""Reading inputs: formats by content, encodings, and bad input reported without stopping."""

from __future__ import annotations

import gzip
import io
import json

from chronist.errors import InputError
from chronist.extract import extract
from chronist.model import RawDocument
from chronist.sources import iter_documents, read_path

STORY = (
    "Harbour Pilots Vote to Extend Strike\n\n"
    "The pilots' union in the port of Vell voted on Tuesday to extend its strike by a week, "
    "leaving 14 container ships waiting outside the breakwater.\n\n"
    "Union secretary Ilse Marran said the vote was unanimous and that talks with the port "
    "authority would resume on Friday.\n"
)
RUSSIAN = (
    "Городской совет утвердил бюджет\n\n"
    "Депутаты городского совета в четверг утвердили бюджет на следующий год, увеличив расходы "
    "на ремонт дорог и школ.\n"
)
PAGE = (
    "<!DOCTYPE html><html><head><title>Ferry Link Reopens</title></head><body>"
    "<nav><a href='/'>Home</a></nav><article><h1>Ferry Link Reopens</h1>"
    "<p>The ferry link between the two islands reopened on Monday after three weeks of repairs "
    "to the landing ramp, the operator said.</p>"
    "<p>Passengers queued from dawn, and the first crossing left twelve minutes late.</p>"
    "</article></body></html>"
)


def _one(path):
    items = list(read_path(str(path)))
    assert len(items) == 1, items
    return items[0]


def test_encodings_are_detected(tmp_path):
    cases = {
        "utf8.txt": STORY.encode("utf-8"),
        "bom.txt": STORY.encode("utf-8-sig"),
        "utf16.txt": STORY.encode("utf-16"),
        "utf16le-nobom.txt": STORY.encode("utf-16-le"),
        "cp1251.txt": RUSSIAN.encode("cp1251"),
        "latin1.txt": (STORY + "Le café « Sénat » a fermé à midi, déclare Mme Hélène.\n").encode(
            "latin-1"
        ),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        doc = _one(tmp_path / name)
        assert not isinstance(doc, InputError), f"{name}: {doc}"
        expected = {"cp1251.txt": RUSSIAN}.get(name, STORY)
        assert expected.strip().splitlines()[0] in doc.content, name
    assert "Sénat" in _one(tmp_path / "latin1.txt").content
    assert not _one(tmp_path / "utf8.txt").content.startswith("\ufeff")


def test_format_is_detected_by_content_not_name(tmp_path):
    (tmp_path / "page.txt").write_text(PAGE)
    (tmp_path / "story.html").write_text(STORY)
    (tmp_path / "feed.dat").write_text(json.dumps({"text": STORY, "url": "https://x.example/a"}))
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    assert _one(tmp_path / "page.txt").kind == "html"
    assert _one(tmp_path / "story.html").kind == "text"
    feed = _one(tmp_path / "feed.dat")
    assert feed.kind == "text" and feed.fields["url"] == "https://x.example/a"
    assert _one(tmp_path / "page.html.gz").kind == "html"


def test_bad_inputs_each_get_one_reason_and_the_batch_goes_on(tmp_path):
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_blank.txt").write_bytes(b"  \n\n ")
    (tmp_path / "c_image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "d_binary.bin").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "e_big.txt").write_bytes(b"word " * 3000)
    (tmp_path / "f_truncated.txt.gz").write_bytes(gzip.compress(STORY.encode() * 20)[:60])
    (tmp_path / "g_good.txt").write_text(STORY)
    items = list(iter_documents([str(tmp_path)], max_bytes=10_000))
    errors = {e.input_name.rsplit("/", 1)[-1]: e.reason for e in items if isinstance(e, InputError)}
    good = [d for d in items if not isinstance(d, InputError)]
    assert [d.input.rsplit("/", 1)[-1] for d in good] == ["g_good.txt"]
    assert errors["a_empty.txt"] == "empty file"
    assert errors["b_blank.txt"] == "empty file"
    assert "PNG" in errors["c_image.png"]
    assert errors["d_binary.bin"].startswith("binary file")
    assert "over the 0.01 MB limit" in errors["e_big.txt"]
    assert "gzip" in errors["f_truncated.txt.gz"]
    for reason in errors.values():
        assert "\n" not in reason


def test_jsonl_bad_line_is_reported_with_its_line_number(tmp_path):
    lines = [
        json.dumps({"text": STORY, "title": "Pilots", "date": "2024-03-05T10:00:00Z"}),
        '{"text": "unterminated',
        json.dumps(["not", "an", "object"]),
        json.dumps({"url": "https://x.example/no-text"}),
        json.dumps({"html": PAGE, "url": "https://x.example/2024/03/06/ferry"}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n")
    items = list(read_path(str(path)))
    assert [type(i).__name__ for i in items] == [
        "RawDocument",
        "InputError",
        "InputError",
        "InputError",
        "RawDocument",
    ]
    assert items[1].input_name == f"{path}:2" and "invalid JSON" in items[1].reason
    assert items[0].fields["date"] == "2024-03-05T10:00:00Z"
    assert items[4].kind == "html"


def _warc(pages: list[tuple[str, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for url, html in pages:
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(html.encode()), http_headers=headers
        )
        writer.write_record(record)
    return buf.getvalue()


def test_warc_responses_and_truncation(tmp_path):
    data = _warc([("https://x.example/2024/03/06/a", PAGE), ("https://x.example/b", PAGE)])
    whole = tmp_path / "crawl.warc.gz"
    whole.write_bytes(data)
    docs = list(read_path(str(whole)))
    assert [d.input for d in docs] == [f"{whole}#1", f"{whole}#2"]
    assert docs[0].fields["url"] == "https://x.example/2024/03/06/a"
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 200])
    items = list(read_path(str(cut)))
    assert isinstance(items[0], type(docs[0]))
    assert isinstance(items[-1], InputError) and "truncated or corrupt WARC" in items[-1].reason


LOST_STOPS = "\n".join(
    [
        "Harbour guards attack striking dockworkers",
        "",
        "Down at the Vell terminal the long dispute between the port authority and its "
        "workers turned violent once again.",
        "A guard attacked a union steward who was handing out leaflets at the gate. The "
        "steward, one Tomas Varga, was taken to hospital with a broken arm and his "
        "leaflets were thrown into the",
        "water ).",
        "The whole incident was filmed by a docker standing nearby, and the union has "
        "sent the footage to the harbour police.",
        "In recent days, reporters have spoken to dozens of workers at the terminal, and "
        "almost every one of them said that the guards had threatened them",
        '"They told us we would be next," one crane driver said. "Nobody is safe here any more."',
        "Striking dockworkers gather outside the Vell terminal gate on a grey morning in "
        "early spring",
        "The port authority has not answered questions about the guards, who are employed"
        " by a private firm.",
        "",
    ]
)


def test_prose_that_lost_its_final_stop_is_kept_and_a_caption_is_not():
    # Scrapes often cut a paragraph where a link or an embedded video stood; those lines tell a
    # story (two sentences, "In recent days, ...") and stay in the body. A descriptive line
    # without a verb of telling is still a caption.
    article = extract(RawDocument(input="strike.txt", content=LOST_STOPS, kind="text"))
    assert "A guard attacked a union steward" in article.body
    assert "said that the guards had threatened them" in article.body
    assert "gather outside the Vell terminal gate" not in article.body
    assert "has not answered questions" in article.body
