"""Imports that skip what the pipeline never runs, for start-up time: spaCy
without its command line (`spacy.cli` pulls in typer, weasel and requests,
about 0.3 s); rjieba without the default segmenter its package builds
(0.17 s); cn2an without the three converters its package builds (0.2 s).
What was skipped is imported as usual when something asks for it."""
from __future__ import annotations

import importlib
import importlib.util
import sys
import types


def submodule_only(package: str, name: str):
    """Import `package.name` without running `package/__init__.py`: a bare
    stand-in for the package is registered while the submodule loads and
    removed after, so a later `import package` runs the real __init__,
    which finds the submodule already imported."""
    full = f"{package}.{name}"
    if full in sys.modules:
        return sys.modules[full]
    if package in sys.modules:
        return importlib.import_module(full)
    spec = importlib.util.find_spec(package)  # finds the package without running it
    if spec is None or spec.submodule_search_locations is None:
        raise ImportError(f"no package {package!r}", name=package)
    stand_in = types.ModuleType(package)
    stand_in.__path__ = list(spec.submodule_search_locations)
    sys.modules[package] = stand_in
    try:
        return importlib.import_module(full)
    finally:
        if sys.modules.get(package) is stand_in:
            del sys.modules[package]


def import_spacy():
    """`import spacy`, without importing `spacy.cli` on the way: spaCy's
    __init__ only takes `spacy.cli.info.info` from it, which is stood in
    for by a function importing the real one when called. Afterwards
    `spacy.cli` and `import spacy.cli...` work as always."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []
    info = types.ModuleType("spacy.cli.info")

    def lazy_info(*args, **kwargs):
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    info.info = lazy_info
    cli.info = info
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = cli, info
    try:
        import spacy
    except ImportError:  # spaCy's own import changed: import it plainly
        for name in [m for m in sys.modules if m == "spacy" or m.startswith("spacy.")]:
            del sys.modules[name]
        import spacy

        return spacy
    finally:
        for name, stub in (("spacy.cli", cli), ("spacy.cli.info", info)):
            if sys.modules.get(name) is stub:
                del sys.modules[name]
    if spacy.__dict__.get("cli") is cli:
        del spacy.cli
    if "cli" not in spacy.__dict__ and "__getattr__" not in spacy.__dict__:

        def __getattr__(name):  # `spacy.cli.…` without importing spacy.cli first
            if name == "cli":
                return importlib.import_module("spacy.cli")
            raise AttributeError(f"module 'spacy' has no attribute {name!r}")

        spacy.__getattr__ = __getattr__
    return spacy
