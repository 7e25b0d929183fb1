"""benchmarks/pd_ner.py: the People's Daily scorer's error listing."""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import pd_ner  # noqa: E402


def _bio(sentence, spans):
    tags = ["O"] * len(sentence)
    for s, e, label in spans:
        tags[s] = "B-" + label
        for i in range(s + 1, e):
            tags[i] = "I-" + label
    return "\n".join(f"{c} {t}" for c, t in zip(sentence, tags)) + "\n\n"


def test_errors_lists_the_missed_and_spurious_entities_of_each_sentence(tmp_path, capsys):
    first = "龙口市市长王斌出席会议。"
    second = "会议在济南举行。"
    bio = tmp_path / "tiny.dev"
    bio.write_text(_bio(first, [(0, 3, "LOC"), (5, 7, "PER"), (7, 9, "ORG")]) + _bio(second, [(3, 5, "LOC")]),
                   encoding="utf-8")
    out = tmp_path / "errors.jsonl"
    pd_ner.main([str(bio), "--errors", str(out)])
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["n"] for r in rows] == [0]  # the second sentence is right: not listed
    row = rows[0]
    assert row["text"] == first
    assert [7, 9, "ORG", "出席"] in row["missed"]  # a wrong gold span the pipeline does not give
    assert all(row["text"][s:e] == t for s, e, _, t in row["missed"] + row["spurious"])
    assert "ORG" in capsys.readouterr().out
