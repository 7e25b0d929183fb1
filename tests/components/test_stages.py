"""What each stage declares it reads and assigns, and the pipeline's check of it."""
import pytest

from newsextract import pipeline
from newsextract.components import STAGES


def test_a_stage_before_one_whose_items_it_reads_is_refused_naming_it():
    order = ["bodies", "gazetteer", "suffixed", "people", "policies", "dates", "figures", "merge", "policy_links"]
    with pytest.raises(ValueError, match=r"stage 'bodies' reads the items of gazetteer, which come after it"):
        pipeline.build(overrides={"nlp.pipeline": order})


def test_the_shipped_pipeline_meets_every_declared_requirement(extractor):
    nlp = extractor.nlp
    analysis = nlp.analyze_pipes()
    assert all(not problems for problems in analysis["problems"].values())
    assert nlp.get_pipe_meta("people").requires == ["doc._.items"]
    assert nlp.get_pipe_meta("ents").assigns == ["doc.ents"] and nlp.get_pipe_meta("ents").retokenizes
    position = {name: i for i, name in enumerate(nlp.pipe_names)}
    for name in nlp.pipe_names:
        for read in STAGES[nlp.get_pipe_meta(name).factory].reads:
            assert position.get(read, -1) < position[name], (name, read)


def test_a_user_dictionary_goes_before_the_first_stage_that_reads_its_names(tmp_path):
    from newsextract import Extractor

    path = tmp_path / "user.dict"
    path.write_text("星河数科 ORG\n", encoding="utf-8")
    for exclude, before in (((), "ner"), (("ner",), "merge")):
        names = Extractor(user_dict=str(path), exclude=list(exclude)).nlp.pipe_names
        assert names.index("user_dict") == names.index(before) - 1


def test_a_component_test_that_meets_a_raising_stage_fails_naming_it():
    """What tests/conftest.py's run_stages does when a stage raises: the test
    fails naming the stage, where the Extractor would write a record error."""
    from types import SimpleNamespace

    import spacy
    from spacy.language import Language

    from conftest import run_stages
    from newsextract.metadata import Metadata
    from newsextract.normalise import Normaliser

    if not Language.has_factory("test_raising_stage"):
        @Language.component("test_raising_stage")
        def raising(doc):
            raise KeyError("no such rule")

    nlp = spacy.blank("xx")
    nlp.add_pipe("test_raising_stage", name="people")
    fake = SimpleNamespace(nlp=nlp, normalise=Normaliser(), metadata=Metadata())
    with pytest.raises(pytest.fail.Exception, match=r"stage 'people' raised KeyError: 'no such rule'"):
        run_stages(fake, "市长刘建军出席。", "people")


def test_settings_come_from_the_config_alone(tmp_path):
    """The constructors have no defaults of their own: a config that leaves
    a stage's setting out is refused, naming the stage and the setting."""
    from thinc.api import ConfigValidationError

    text = pipeline.default_config_path().read_text(encoding="utf-8")
    assert 'surnames = "people/surnames.txt"\n' in text
    cfg = tmp_path / "config.cfg"
    cfg.write_text(text.replace('surnames = "people/surnames.txt"\n', ""), encoding="utf-8")
    with pytest.raises(ConfigValidationError, match=r"newsextract_people -> surnames\tmissing required argument"):
        pipeline.build(cfg)


def test_the_swallowed_tail_frequency_is_one_setting_for_bodies_and_suffix_names():
    """config.cfg sets min_tail_freq once, in [components.bodies]; the suffix
    stage refers to it, so one override changes both."""
    nlp = pipeline.build(overrides={"components.bodies.min_tail_freq": 123})
    assert nlp.get_pipe("bodies").min_tail_freq == 123
    assert nlp.get_pipe("suffixed").min_tail_freq == 123
