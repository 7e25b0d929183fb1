"""Training data for the statistical NER, and one tiny run of the training loop."""
import json

import spacy

from newsextract.normalise import Normaliser
from newsextract.training import cluener_examples, gold_spans, is_held_out, train


def test_gold_strings_become_flat_character_spans():
    n = Normaliser()
    text = "龍口市工(gōng)信(xìn)局代表龍口參加會議,印发《龙口市人民政府关于加快发展的意见》,王斌出席。"
    gold = {"ORG": ["龍口市工信局", "龍口市人民政府"], "GPE": ["龍口市", "龍口"], "PERSON": ["王斌"],
            "POLICY": ["龙口市人民政府关于加快发展的意见"]}
    clean = n(text).text
    got = [(clean[s:e], label) for s, e, label in gold_spans(clean, gold, n)]
    # 龙口市 inside the ORG and the ORG inside the policy title are not annotated there
    assert got == [("龙口市工信局", "ORG"), ("龙口", "GPE"), ("王斌", "PERSON")]


def test_cluener_labels_are_mapped(tmp_path):
    p = tmp_path / "train.json"
    rows = [{"text": "彭小军在浙江杭州西湖边会见了阿里巴巴和国家税务总局的人。",
             "label": {"name": {"彭小军": [[0, 2]]}, "address": {"浙江杭州": [[4, 7]], "杭州": [[6, 7]]},
                       "scene": {"西湖": [[8, 9]]}, "company": {"阿里巴巴": [[14, 17]]},
                       "government": {"国家税务总局": [[19, 24]]}, "game": {"人": [[26, 26]]}}}]
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    (_, text, spans), = cluener_examples(p, Normaliser())
    got = {(text[s:e], label) for s, e, label in spans}
    assert got == {("彭小军", "PERSON"), ("浙江杭州", "LOC"), ("杭州", "GPE"), ("西湖", "LOC"),
                   ("阿里巴巴", "ORG"), ("国家税务总局", "ORG")}


def test_held_out_split_is_stable():
    assert [d for d in ("nx-005", "nx-006", "nx-010", "nx-011") if is_held_out(d)] == ["nx-005", "nx-010"]


def test_a_tiny_training_run_gives_a_loadable_character_model(tmp_path):
    corpora = tmp_path / "corpora"
    corpora.mkdir()
    for i in range(1, 7):
        d = {"doc_id": f"t-{i:03d}", "text": f"副市长龚兵出席龙口市工信局会议,南山铝业{i}家企业参加。",
             "gold": {"PERSON": ["龚兵"], "ORG": ["龙口市工信局", "南山铝业"], "GPE": [], "LOC": [], "POLICY": []}}
        (corpora / f"t-{i:03d}.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    best = train(tmp_path / "out", corpora, max_epochs=2)
    nlp = spacy.load(best)
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PERSON", "ORG"}
    assert [t.text for t in nlp.make_doc("龙口市")] == ["龙", "口", "市"]  # it reads characters
