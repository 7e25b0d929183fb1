"""startup.py: what start-up skips is skipped, and still there when asked for."""
from __future__ import annotations

import subprocess
import sys

import pytest

from newsextract import startup


def run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_extracting_imports_neither_spacys_cli_nor_cn2ans_package():
    got = run(
        "import sys\n"
        "from newsextract import Extractor\n"
        "r = Extractor().extract('2024年3月5日，安徽省合肥市召开三天会议，投资5亿元。')\n"
        "print(sorted(m for m in ('spacy.cli', 'typer', 'requests', 'cn2an', 'rjieba') if m in sys.modules))\n"
        "print([d['duration'] for d in r['dates'] if d['type'] == 'duration'], r['figures'][0]['value'])\n")
    assert got.splitlines() == ["[]", "['P3D'] 500000000"]


def test_what_was_skipped_imports_as_always_afterwards():
    got = run(
        "import newsextract, spacy\n"
        "from newsextract import numbers, segment\n"
        "numbers.cn2an_converter(); segment.make_segmenter([])\n"
        "import spacy.cli.train, cn2an, rjieba\n"
        "print(callable(spacy.cli.info), spacy.cli.train.train.__name__)\n"
        "print(cn2an.cn2an('三千五百万', 'smart'), cn2an.an2cn(42))\n"
        "print(rjieba.cut('北京欢迎你'))\n")
    assert got.splitlines() == ["True train", "35000000 四十二", "['北京', '欢迎', '你']"]


def test_spacys_info_stand_in_calls_the_real_one():
    got = run("import newsextract, spacy\nprint(spacy.info()['spacy_version'] == spacy.__version__)")
    assert got.endswith("True")


def test_submodule_only():
    assert startup.submodule_only("cn2an", "cn2an").Cn2An  # imported, or already there
    with pytest.raises(ImportError):
        startup.submodule_only("no_such_package_here", "x")
