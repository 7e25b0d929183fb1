"""Records: the JSON Schema, offsets into the original text, determinism."""
import json

import jsonschema
import pytest

from newsextract.records import schema

from conftest import all_spans, corpus_documents


@pytest.fixture(scope="module")
def validator():
    return jsonschema.Draft202012Validator(schema())


@pytest.mark.parametrize("doc_id", [d["doc_id"] for d in corpus_documents()])
def test_every_item_points_into_the_original(corpus_records, corpus, validator, doc_id):
    text = next(d["text"] for d in corpus if d["doc_id"] == doc_id)
    rec = corpus_records[doc_id]
    validator.validate(rec)
    spans = list(all_spans(rec))
    assert spans, "the record found nothing"
    for kind, s, start, end in spans:
        assert text[start:end] == s, (kind, s, start, end)


def test_traditional_and_annotated_items_keep_original_text_and_clean_norm(extract, validator):
    text = "龍口市工(gōng)信(xìn)局黨組副書記、副局長王斌表示,全市高(gāo)端(duān)鋁材料產(chǎn)業(yè)規模達1.2億元。"
    rec = extract(text, "2023-12-08", include_text=True)
    validator.validate(rec)
    org = [e for e in rec["entities"] if e["label"] == "ORG"][0]
    assert org["text"] == "龍口市工(gōng)信(xìn)局" and org["norm"] == "龙口市工信局"
    fig = rec["figures"][0]
    assert (fig["text"], fig["norm"], fig["value"], fig["unit"]) == ("1.2億元", "1.2亿元", 120000000, "元")
    assert rec["text"] == text
    for _, s, start, end in all_spans(rec):
        assert text[start:end] == s


def test_astral_characters_keep_offsets(extract):
    text = "𠀀𠀁市委书记闫剑波出席𡃁会议,增长7.0%。"
    rec = extract(text)
    for _, s, start, end in all_spans(rec):
        assert text[start:end] == s
    assert ("闫剑波", "市委书记") in [(p["name"], p["title"]) for p in rec["people"]]


def test_record_is_a_pure_function_of_input(extractor, corpus):
    d = corpus[0]
    a = extractor.extract(d["text"], d["doc_id"], d.get("published"))
    b = extractor.extract(d["text"], d["doc_id"], d.get("published"))
    assert json.dumps(a, ensure_ascii=False, sort_keys=True) == json.dumps(b, ensure_ascii=False, sort_keys=True)


def test_headline_becomes_title(extract):
    rec = extract("全市制造业重点产业链座谈会召开\n6月30日,座谈会在市级机关召开。")
    assert rec["title"] == "全市制造业重点产业链座谈会召开"
    assert extract("6月30日,座谈会在市级机关召开。")["title"] is None


def test_items_are_the_docs_items_extension(extractor):
    """items.items and the declared extension doc._.items are the same list,
    kept under the project's own key (not spaCy's private one)."""
    from newsextract.items import ITEMS, Item, items

    doc = extractor.nlp.make_doc("安徽省合肥市")
    assert ITEMS not in doc.user_data and ("._.", "items", None, None) not in doc.user_data
    found = items(doc)
    found.append(Item("entity", 0, 3, "GPE", "test"))
    assert doc._.items is found and items(doc) is found and doc.user_data[ITEMS] is found
    doc._.items = []
    assert items(doc) == []


def test_the_shared_doc_extensions_are_declared(extractor):
    """What the stages pass on is declared: doc._.items, published,
    clean_text, tokens, token_bounds, token_end_at, token_start_at,
    token_columns; no undeclared user_data key remains."""
    from spacy.tokens import Doc

    names = {"items", "published", "clean_text", "tokens", "token_bounds", "token_end_at", "token_start_at",
             "token_columns"}
    for name in names:
        assert Doc.has_extension(name)
    doc = extractor.doc("合肥市政府3月5日召开会议。", published="2024-03-06")
    assert doc._.published == "2024-03-06" and doc._.clean_text == doc.text
    assert [t for _, _, t in doc._.tokens] == [t.text for t in doc]
    assert doc._.token_bounds >= {t.idx for t in doc}
    assert doc._.token_end_at == {t.idx: t.idx + len(t.text) for t in doc}
    assert doc._.token_start_at == {t.idx + len(t.text): t.idx for t in doc}
    assert doc._.token_columns == ([t.idx for t in doc], [t.idx + len(t.text) for t in doc])
    assert {k.split(".", 1)[1] for k in doc.user_data} <= names


def test_what_json_cannot_carry_is_dropped_alike_from_a_record_and_a_long_record():
    """records.writable is the one rule: encode_record (a record as a dict)
    and LongRecord (a long document's, encoded piece by piece) write the same
    line, with the dropped item and field named in errors, errors last."""
    from newsextract.batch import encode_record
    from newsextract.records import LongRecord, writable

    fields = {"doc_id": "d1", "title": float("nan"), "entities": [], "errors": ["a note", float("inf")],
              "published": "2024-03-01"}
    figures = [{"text": "投资12亿元", "start": 0, "end": 6, "value": 1.2e9},
               {"text": "9" * 40 + "亿元", "start": 7, "end": 49, "value": 10 ** 5000}]
    record = {**fields, "figures": figures}
    fixed = writable(record)
    assert list(fixed) == ["doc_id", "title", "entities", "published", "figures", "errors"]
    assert fixed["title"] is None and [f["text"] for f in fixed["figures"]] == ["投资12亿元"]
    assert fixed["errors"][0] == "a note" and len(fixed["errors"]) == 3
    assert fixed["errors"][1].startswith("title dropped: it cannot be written as JSON (ValueError")
    assert fixed["errors"][2].startswith("figures item '" + "9" * 30 + "…' at 7:49 dropped")

    long = LongRecord({**fields, "figures": []})  # as Extractor._extract_chunked fills one
    long.extend("figures", figures[:1])
    long.extend("figures", figures[1:])
    long["errors"] = fields["errors"]
    line = b"".join(long.chunks())
    assert line == encode_record(record)
    assert json.loads(line) == fixed
