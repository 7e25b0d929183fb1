"""Organisations: the words that start no body (rules/orgs/left_words.txt,
generated from jieba's dictionary). The bodies and names themselves are case
files: tests/cases/suffixed/, tests/cases/bodies/."""
import subprocess
import sys
from pathlib import Path


from newsextract import rules

REPO = Path(__file__).resolve().parents[2]


def test_left_words_are_what_jiebas_dictionary_gives(tmp_path):
    """Generated data drifted from its source: rerun scripts/build_left_words.py."""
    out = tmp_path / "left_words.txt"
    subprocess.run([sys.executable, str(REPO / "scripts/build_left_words.py"), "--out", str(out)], check=True,
                   capture_output=True)
    assert out.read_bytes() == (REPO / "rules/orgs/left_words.txt").read_bytes()


def test_left_words_keep_words_that_stand_in_names():
    words = set(rules.load_words("orgs/left_words.txt"))
    assert {"邀请", "进一步", "迅速", "参加"} <= words
    assert not {"开发", "发展", "建设", "保定"} & words  # 国家开发银行; 保定 is a city jieba tags v
