"""What spaCy users expect: the pipeline's Doc carries the entities as
doc.ents (displacy, `for ent in doc.ents`), at exactly the record's
characters, also where a name does not fall on jieba's tokens."""
from spacy import displacy

from newsextract.normalise import default_normaliser

TEXT = "龍口市工(gōng)信(xìn)局黨組副書記、副局長王斌表示，市委书记韩立新、丰台区委书记王强出席。"


def test_doc_of_a_raw_text_has_the_records_entities_as_ents(extractor):
    doc = extractor.doc(TEXT, published="2023-12-08")
    rec = extractor.extract(TEXT, published="2023-12-08")
    assert doc.text == default_normaliser()(TEXT).text  # the clean text the stages read
    got = [(e.text, e.label_) for e in doc.ents]
    assert got == [(e["norm"], e["label"]) for e in rec["entities"]]
    assert ("龙口市工信局", "ORG") in got and ("市委", "ORG") in got and ("王强", "PERSON") in got
    # 市委 and 丰台区委 stood inside the tokens 市委书记 and 区委书记: those were split.
    words = [t.text for t in doc]
    assert "市委书记" not in words and ["市委", "书记"] == words[words.index("市委"):words.index("市委") + 2]
    assert "".join(t.text_with_ws for t in doc) == doc.text
    html = displacy.render(doc, style="ent")
    for text, label in got:
        assert text in html
    assert html.count(">PERSON<") + html.count(">ORG<") + html.count(">GPE<") + html.count(">LOC<") >= len(got)


def test_ents_agree_with_the_records_on_the_corpus(extractor, corpus, corpus_records):
    """On every corpus document: doc.ents are the record's entities, same
    order, same characters (over the clean text), same labels."""
    n = 0
    for d in corpus:
        doc = extractor.doc(d["text"], d.get("published"))
        rec = corpus_records[d["doc_id"]]
        assert [(e.text, e.label_) for e in doc.ents] == [(x["norm"], x["label"]) for x in rec["entities"]], d["doc_id"]
        assert [t.idx for t in doc] == sorted({t.idx for t in doc})
        n += len(doc.ents)
    assert n > 1000


def test_nlp_on_a_clean_text_sets_ents_too(extractor):
    doc = extractor.nlp("市委书记韩立新出席会议。")
    assert [(e.text, e.label_) for e in doc.ents] == [("市委", "ORG"), ("韩立新", "PERSON")]
