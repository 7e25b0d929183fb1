"""The pipeline's stages, each a spaCy component; their factories are
registered here, in one place, under the names config.cfg uses."""
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

FACTORIES = {
    "newsextract_gazetteer": Gazetteer,
    "newsextract_bodies": BodyFinder,
    "newsextract_suffixed": SuffixNameFinder,
    "newsextract_people": PeopleFinder,
    "newsextract_policies": PolicyFinder,
    "newsextract_dates": DateFinder,
    "newsextract_figures": FigureFinder,
    "newsextract_ner": StatisticalNER,
    "newsextract_merge": Merger,
    "newsextract_policy_links": PolicyLinker,
    "newsextract_ents": EntitySetter,
    "newsextract_user_entities": UserEntityFinder,
}

for _name, _cls in FACTORIES.items():
    if not Language.has_factory(_name):
        Language.factory(_name, func=_cls)

__all__ = ["FACTORIES", *(c.__name__ for c in FACTORIES.values())]
