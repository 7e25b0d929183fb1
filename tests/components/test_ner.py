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
    cfg.write_text(text, encoding="utf-8")
    rec = Extractor(str(cfg)).extract("南山鋁業是龍口的鋁材企業,王斌表示。")
    got = [(e["text"], e["label"], e["stage"]) for e in rec["entities"]]
    assert ("南山鋁業", "ORG", "ner") in got
    assert ("王斌", "PERSON", "ner") in got
    assert not any(t == "鋁材" for t, _, _ in got)  # labels outside the map are dropped
