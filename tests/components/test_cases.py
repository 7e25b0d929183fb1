"""Every case of tests/cases/ (the format: tests/cases/__init__.py): the text run
through the pipeline up to the case's stage, the expected items compared, and
text[start:end] checked for every item of the record. The test id names the
case file and the line of the case."""
import pytest

from cases import CaseFileError, among, got_items, load_cases, project, texts_of
from conftest import all_spans


def _shown(record, key, texts):
    """The record's items of `key` in the shape the case's `absent:`/`present:` gives them."""
    keys = [k for t in texts if isinstance(t, dict) for k in t]
    if not keys:
        return texts_of(record, key)
    return [{k: it.get(k) for k in dict.fromkeys(keys)} for it in got_items(record, key)]


def _param(case):
    marks = [] if case.stage == "pipeline" else [pytest.mark.stage(case.stage, then=case.then)]
    return pytest.param(case, marks=marks, id=case.id)


@pytest.mark.parametrize("case", [_param(c) for c in load_cases()])
def test_case(case, extract):
    record = extract(case.text, case.published)
    wrong = []
    for kind, text, start, end in all_spans(record):
        if case.text[start:end] != text:
            wrong.append(f"{kind} {text!r} at {start}:{end}, but the text there is {case.text[start:end]!r}")
    for key, want in case.expect.items():
        got = project(got_items(record, key), want, key, case.titles)
        if got != want:
            wrong.append(f"{key}:\n    expected {want}\n    got      {got}")
    for key, texts in case.absent.items():
        if any(among(record, key, t) for t in texts):
            wrong.append(f"{key}: expected none of {texts}\n    got      {_shown(record, key, texts)}")
    for key, texts in case.present.items():
        if missing := [t for t in texts if not among(record, key, t)]:
            wrong.append(f"{key}: expected {missing} among them\n    got      {_shown(record, key, texts)}")
    if wrong:
        pytest.fail(f"{case.id} (stage {case.stage}): {case.text!r}\n  why: {case.why or '-'}\n  "
                    + "\n  ".join(wrong), pytrace=False)



def test_a_case_file_the_loader_cannot_read_is_named_with_its_line(tmp_path):
    (tmp_path / "people").mkdir()
    (tmp_path / "people" / "posts.yaml").write_text(
        "cases:\n  - text: 市长刘建军出席。\n    PERSON: [刘建军]\n  - text: 副市长王斌出席。\n    PERSN: [王斌]\n",
        encoding="utf-8")
    with pytest.raises(CaseFileError, match=r"people/posts\.yaml:4: unknown key\(s\) \['PERSN'\]"):
        load_cases(tmp_path)
    (tmp_path / "people" / "posts.yaml").write_text("cases:\n  - text: 市长刘建军出席。\n", encoding="utf-8")
    with pytest.raises(CaseFileError, match=r"people/posts\.yaml:2: the case expects nothing"):
        load_cases(tmp_path)
    (tmp_path / "people" / "posts.yaml").write_text("cases:\n  - PERSON: [刘建军]\n", encoding="utf-8")
    with pytest.raises(CaseFileError, match=r"people/posts\.yaml:2: a case is a mapping with a `text:` string"):
        load_cases(tmp_path)


def test_a_case_file_names_its_stage_or_takes_its_folders():
    cases = load_cases()
    assert {c.stage for c in cases if c.file.startswith("ner/")} == {"ner"}
    assert {c.stage for c in cases if c.file == "people/foreign_names.yaml"} == {"pipeline"}
    assert len({c.id for c in cases}) == len(cases)


def test_dates_figures_and_policies_compare_the_attributes_a_case_gives(tmp_path, extract_full):
    """Dates, figures and policies (tests/cases/dates/, figures/, policies/) compared by the keys a case gives."""
    (tmp_path / "dates").mkdir()
    (tmp_path / "dates" / "mixed.yaml").write_text(
        "cases:\n  - text: 2024年3月5日，全市完成投资12亿元，《关于促进民营经济发展的若干措施》印发。\n"
        "    dates: [{text: 2024年3月5日, value: '2024-03-05'}]\n"
        "    figures: [{text: 12亿元, value: 1200000000, unit: 元}]\n"
        "    policies: [关于促进民营经济发展的若干措施]\n", encoding="utf-8")
    [case] = load_cases(tmp_path)
    assert case.stage == "dates" and set(case.expect) == {"dates", "figures", "policies"}
    record = extract_full(case.text)
    for key, want in case.expect.items():
        assert project(got_items(record, key), want, key) == want
    wrong = [{"text": "2024年3月5日", "value": "2024-03-06"}]
    assert project(got_items(record, "dates"), wrong, "dates") == [{"text": "2024年3月5日", "value": "2024-03-05"}]
