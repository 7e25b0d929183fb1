"""The statistical NER stage runs a spaCy pipeline from disk and maps labels."""
import re

import spacy

from newsextract import Extractor, pipeline


def test_entities_from_a_pipeline_on_disk_reach_the_record(tmp_path):
    # Any spaCy pipeline that sets doc.ents will do: an entity ruler stands in
    # for a trained model here.
    model = spacy.blank("zh")
    ruler = model.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": "南山铝业"}, {"label": "PER", "pattern": "王斌"},
                        {"label": "MISC", "pattern": "铝材"}])
    model.to_disk(tmp_path / "model")
    cfg = tmp_path / "config.cfg"
    text = pipeline.default_config_path().read_text(encoding="utf-8")
    text = re.sub(r'(?m)^model = ".*"$', f'model = "{tmp_path / "model"}"', text)
    text = re.sub(r'(?m)^ner_labels = .*$', 'ner_labels = ["PERSON","ORG","GPE","LOC"]', text)
    text = re.sub(r'(?m)^gate = .*$', 'gate = ""', text)  # all labels: the whole text is read
    cfg.write_text(text, encoding="utf-8")
    rec = Extractor(str(cfg)).extract("南山鋁業是龍口的鋁材企業,王斌表示。")
    got = [(e["text"], e["label"], e["stage"]) for e in rec["entities"]]
    assert ("南山鋁業", "ORG", "ner") in got
    assert ("王斌", "PERSON", "ner") in got
    assert not any(t == "鋁材" for t, _, _ in got)  # labels outside the map are dropped


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


TEXT = ("据了解，南充市召开全市教育工作会议。会上，任命何永康为南充市教育局局长。"
        "何永康此前任阆中市副市长。会议强调，要把握机遇、乘势而上，推动教育高质量发展，"
        "老师们纷纷表示赞同，其中数学组的周雨桐老师尤为积极。")


def test_the_gate_reads_windows_next_to_cues_and_finds_the_names_there(tmp_path):
    """何永康 after 任命 and before 此前 is read; 周雨桐, next to no cue word,
    is not read with the gate and is found without it."""
    patterns = [{"label": "PER", "pattern": "何永康"}, {"label": "PER", "pattern": "周雨桐"}]
    gated = Extractor(_ruler_config(tmp_path / "a", patterns)).extract(TEXT)
    names = [(e["text"], e["start"]) for e in gated["entities"] if e["label"] == "PERSON"]
    assert [n for n, _ in names].count("何永康") == 2
    assert all(TEXT[s:s + len(n)] == n for n, s in names)
    assert "周雨桐" not in [n for n, _ in names]
    whole = Extractor(_ruler_config(tmp_path / "b", patterns, gate=False)).extract(TEXT)
    assert "周雨桐" in [e["text"] for e in whole["entities"] if e["label"] == "PERSON"]


def test_the_gate_skips_names_the_rules_found_and_reads_a_tenth_of_the_corpus(extractor):
    from conftest import corpus_documents
    from newsextract.items import items

    ner = extractor.nlp.get_pipe("ner")
    read = total = 0
    for d in corpus_documents():
        doc = extractor.nlp.make_doc(extractor.normalise(d["text"]).text)
        for name, proc in extractor.nlp.pipeline:
            if name == "ner":
                break
            doc = proc(doc)
        text = doc.text
        covered = bytearray(len(text))
        for it in items(doc):
            if it.kind in ("entity", "policy"):
                covered[it.start:it.end] = b"\x01" * it.length
        windows = ner.gate.windows(text, covered)
        assert all(0 <= s < e <= len(text) for s, e in windows)
        assert all(a[1] < b[0] for a, b in zip(windows, windows[1:]))  # merged, in order
        read += sum(e - s for s, e in windows)
        total += len(text)
    assert 0.02 < read / total < 0.2, read / total
