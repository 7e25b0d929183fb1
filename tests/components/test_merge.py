"""The merge policy: one place settles conflicts between stages."""
import spacy

from newsextract.components.merge import Merger
from newsextract.items import Item, items


def merged(found, text="x" * 40):
    doc = spacy.blank("xx")(text)
    items(doc).extend(found)
    Merger()(doc)
    return [(i.kind, i.label, i.start, i.end, i.stage) for i in doc._.items]


def test_nothing_survives_inside_a_policy():
    got = merged([Item("policy", 0, 20, stage="policies"), Item("entity", 0, 3, "GPE", "gazetteer"),
                  Item("date", 3, 8, stage="dates"), Item("figure", 10, 12, stage="figures"),
                  Item("entity", 25, 28, "GPE", "gazetteer")])
    assert got == [("policy", "", 0, 20, "policies"), ("entity", "GPE", 25, 28, "gazetteer")]


def test_longest_entity_wins_and_crossing_spans_drop():
    got = merged([Item("entity", 0, 3, "GPE", "gazetteer"), Item("entity", 0, 6, "ORG", "bodies"),
                  Item("entity", 5, 9, "LOC", "suffixed")])
    assert got == [("entity", "ORG", 0, 6, "bodies")]


def test_equal_length_goes_to_the_stage_listed_first():
    got = merged([Item("entity", 2, 5, "GPE", "gazetteer"), Item("entity", 2, 5, "PERSON", "people")])
    assert got == [("entity", "PERSON", 2, 5, "people")]


def test_dates_win_over_figures_and_names_over_figures():
    got = merged([Item("date", 0, 4, stage="dates"), Item("figure", 0, 3, stage="figures"),
                  Item("entity", 10, 16, "ORG", "suffixed"), Item("figure", 12, 14, stage="figures"),
                  Item("figure", 20, 24, stage="figures")])
    assert [g[0] for g in got] == ["date", "entity", "figure"]


def test_a_person_goes_with_its_entity():
    """people.py emits each name once; the person's entry rides on it."""
    entry = {"title_span": (0, 2)}
    got = merged([Item("entity", 0, 8, "ORG", "bodies"), Item("entity", 5, 8, "PERSON", "people", {"person": entry})])
    assert got == [("entity", "ORG", 0, 8, "bodies")]
    doc = spacy.blank("xx")("x" * 40)
    items(doc).extend([Item("entity", 5, 8, "PERSON", "people", {"person": entry}),
                       Item("entity", 5, 8, "PERSON", "user_dict")])
    Merger(priority=["user_dict", "people"])(doc)
    assert [(i.stage, i.attrs) for i in items(doc)] == [("user_dict", {"person": entry})]  # the user's name wins


def test_ner_fills_gaps_and_does_not_override_rules():
    got = merged([Item("entity", 0, 6, "ORG", "bodies"), Item("entity", 0, 8, "ORG", "ner"),
                   Item("entity", 10, 14, "ORG", "ner"), Item("entity", 20, 22, "PERSON", "people"),
                   Item("entity", 19, 22, "PERSON", "ner")])
    assert got == [("entity", "ORG", 0, 6, "bodies"), ("entity", "ORG", 10, 14, "ner"),
                   ("entity", "PERSON", 20, 22, "people")]


def test_ner_name_may_swallow_a_place_inside_it():
    got = merged([Item("entity", 0, 2, "GPE", "gazetteer"), Item("entity", 0, 12, "LOC", "ner")])
    assert got == [("entity", "LOC", 0, 12, "ner")]
