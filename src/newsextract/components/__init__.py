"""The pipeline's stages, each a spaCy component; their factories are
registered here, in one place, under the names config.cfg uses.

Each factory declares, as spaCy's do, the Doc attributes its stage
`requires` from earlier components and `assigns` (`nlp.analyze_pipes()`
lists them; the extensions are declared in items.py), and, since the
stages share one list of items (`doc._.items`, each item naming the stage
that found it), which earlier stages' items it `reads`: pipeline.build
refuses a pipeline that puts one of those after the stage that reads it.
The tokenizer gives every stage `doc._.clean_text`, `doc._.tokens` and
`doc._.token_bounds`; the Extractor sets `doc._.published` (read by dates).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language

from .bodies import BodyFinder
from .dates import DateFinder
from .ents import EntitySetter
from .figures import FigureFinder
from .gazetteer import Gazetteer
from .merge import Merger
from .ner import StatisticalNER
from .people import PeopleFinder
from .policies import PolicyFinder
from .policy_links import PolicyLinker
from .suffixed import SuffixNameFinder
from .user_entities import UserEntityFinder

ITEMS = "doc._.items"
RULE_ENTITIES = ("gazetteer", "bodies", "suffixed", "people", "policies", "user_dict")


@dataclass(frozen=True)
class Stage:
    component: type
    reads: tuple[str, ...] = ()  # the earlier stages whose items it reads
    assigns: tuple[str, ...] = (ITEMS,)
    retokenizes: bool = False

    @property
    def requires(self) -> tuple[str, ...]:
        return (ITEMS,) if self.reads else ()


STAGES = {
    "newsextract_gazetteer": Stage(Gazetteer),
    # places before a body word (龙口市|工信局)
    "newsextract_bodies": Stage(BodyFinder, reads=("gazetteer",)),
    # places and bodies a company's or zone's name reaches back over
    "newsextract_suffixed": Stage(SuffixNameFinder, reads=("gazetteer", "bodies")),
    # the bodies a post belongs to; places and bodies that are no names
    "newsextract_people": Stage(PeopleFinder, reads=("gazetteer", "bodies", "suffixed")),
    # issuing bodies and places before unmarked titles
    "newsextract_policies": Stage(PolicyFinder, reads=("gazetteer", "bodies", "suffixed", "people")),
    "newsextract_dates": Stage(DateFinder),
    "newsextract_figures": Stage(FigureFinder),
    "newsextract_user_entities": Stage(UserEntityFinder),
    # what the rules found is not read again (the gate)
    "newsextract_ner": Stage(StatisticalNER, reads=RULE_ENTITIES),
    "newsextract_merge": Stage(Merger, reads=(*RULE_ENTITIES, "dates", "figures", "ner")),
    # the merged bodies, dates and policies
    "newsextract_policy_links": Stage(PolicyLinker, reads=("merge",)),
    "newsextract_ents": Stage(EntitySetter, reads=("merge",), assigns=("doc.ents",), retokenizes=True),
}
for _name, _stage in STAGES.items():
    if not Language.has_factory(_name):
        Language.factory(_name, func=_stage.component, requires=list(_stage.requires),
                         assigns=list(_stage.assigns), retokenizes=_stage.retokenizes)


def check_order(nlp) -> None:
    """ValueError naming the stage when a stage whose items it reads comes after it."""
    position = {name: i for i, name in enumerate(nlp.pipe_names)}
    for name in nlp.pipe_names:
        stage = STAGES.get(nlp.get_pipe_meta(name).factory)
        late = [r for r in stage.reads if position.get(r, -1) > position[name]] if stage else []
        if late:
            raise ValueError(f"stage {name!r} reads the items of {', '.join(late)}, which come after it "
                             f"in the pipeline ({', '.join(nlp.pipe_names)})")


__all__ = ["STAGES", "Stage", "check_order", *(s.component.__name__ for s in STAGES.values())]
