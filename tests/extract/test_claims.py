"""Claims: speaker, stance and positive proposition from reported speech, quotes and Q&A blocks.

Contexts are built by hand (the actors are given), so these tests exercise the claim rules alone:
which actor said it, whether it is asserted or denied, and that a negation is never lost.
"""

from __future__ import annotations

import hashlib
import re

import pytest

from bordergraph.extract.claims import extract_claims, link_claims
from bordergraph.extract.context import ArticleContext
from bordergraph.extract.propositions import proposition_key
from bordergraph.extract.records import ActorRef, Article
from bordergraph.ontology.vocab import ActorKind, Stance

OBRADOR = ActorRef(ActorKind.PERSON, "Andrés Manuel López Obrador")
VARGAS = ActorRef(ActorKind.PERSON, "Elena Vargas")
DEA = ActorRef(ActorKind.GOVERNMENT_BODY, "Drug Enforcement Administration")
MEXICO = ActorRef(ActorKind.COUNTRY, "Mexico")
OKAFOR = ActorRef(ActorKind.PERSON, "Daniel Okafor")
DOJ = ActorRef(ActorKind.GOVERNMENT_BODY, "Department of Justice")

NAMES = {
    "López Obrador": OBRADOR,
    "Elena Vargas": VARGAS,
    "Vargas": VARGAS,
    "Drug Enforcement Administration": DEA,
    "Mexico": MEXICO,
    "Daniel Okafor": OKAFOR,
    "Okafor": OKAFOR,
    "Department of Justice": DOJ,
}


def context(nlp, text: str) -> ArticleContext:
    """A context whose actor mentions are every occurrence of a name in NAMES (longest first)."""
    article = Article(slug="t", source="t.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    refs: dict[tuple[int, int], ActorRef] = {}
    taken: set[int] = set()
    for name in sorted(NAMES, key=len, reverse=True):
        for m in re.finditer(re.escape(name), text):
            if not taken & set(range(m.start(), m.end())):
                refs[(m.start(), m.end())] = NAMES[name]
                taken |= set(range(m.start(), m.end()))
    return ArticleContext(article=article, doc=nlp(text), refs=refs)


def claims_of(nlp, text: str):
    return extract_claims(context(nlp, text))


def only(claims, claimant):
    found = [c for c in claims if c.claimant == claimant]
    assert found, f"no claim by {claimant.name}: {[(c.claimant, c.text) for c in claims]}"
    return found


def test_denial_verb_gives_denies_with_positive_proposition(nlp):
    claims = claims_of(nlp, "López Obrador denied that fentanyl is produced in Mexico.")
    (claim,) = only(claims, OBRADOR)
    assert claim.stance == Stance.DENIES
    assert claim.proposition == "fentanyl is produced in mexico"
    assert claim.cue == "denied"
    assert not claim.direct_quote


def test_negated_complement_is_a_denial_of_the_positive_proposition(nlp):
    claims = claims_of(nlp, "López Obrador said fentanyl is not produced in Mexico.")
    (claim,) = only(claims, OBRADOR)
    assert claim.stance == Stance.DENIES
    assert "not" in claim.text  # the claim text keeps the words as stated
    assert claim.proposition == "fentanyl is produced in mexico"


def test_assertion_keeps_asserts(nlp):
    claims = claims_of(nlp, "The Drug Enforcement Administration insisted that the cartels make fentanyl in Mexico.")
    (claim,) = only(claims, DEA)
    assert claim.stance == Stance.ASSERTS
    assert claim.proposition == "the cartels make fentanyl in mexico"
    assert MEXICO in claim.about and DEA not in claim.about


def test_double_negation_flips_back_to_asserts(nlp):
    claims = claims_of(nlp, "Elena Vargas denied that fentanyl is not produced in Mexico.")
    (claim,) = only(claims, VARGAS)
    assert claim.stance == Stance.ASSERTS
    assert claim.proposition == "fentanyl is produced in mexico"


def test_neither_nor_gives_two_denials(nlp):
    claims = claims_of(nlp, "López Obrador has claimed that fentanyl is neither produced nor consumed in Mexico.")
    by = only(claims, OBRADOR)
    assert {c.proposition for c in by} == {"fentanyl is produced in mexico", "fentanyl is consumed in mexico"}
    assert all(c.stance == Stance.DENIES for c in by)


def test_refusing_to_acknowledge_is_a_denial(nlp):
    claims = claims_of(nlp, "López Obrador refused to acknowledge the role of Mexico in the crisis.")
    (claim,) = only(claims, OBRADOR)
    assert claim.stance == Stance.DENIES
    assert "role of mexico" in claim.proposition


def test_quote_followed_by_said_name(nlp):
    text = "“The relationship is hobbling along,” said Daniel Okafor, a researcher at a think tank."
    (claim,) = only(claims_of(nlp, text), OKAFOR)
    assert claim.direct_quote
    assert claim.stance == Stance.ASSERTS
    assert claim.text == "The relationship is hobbling along"


def test_pronoun_speaker_and_quote_continuation(nlp):
    text = (
        "Daniel Okafor studies the border.\n\n"
        "“The partnership is hobbling along,” he said. “It is not working, but it is not broken.”"
    )
    claims = only(claims_of(nlp, text), OKAFOR)
    texts = {c.proposition: c.stance for c in claims}
    assert texts["the partnership is hobbling along"] == Stance.ASSERTS
    assert texts["it is broken"] == Stance.DENIES  # the negation is kept as the stance
    assert texts["it is working"] == Stance.DENIES


def test_qa_block_is_attributed_to_the_speaker_line(nlp):
    text = (
        "Q: How well are the two countries cooperating?\n\n"
        "A: Elena Vargas, senior fellow at a policy institute:\n\n"
        "“Security cooperation has improved since 2021. The new border plan is not a good development.”\n\n"
        "A: Daniel Okafor, professor of history:\n\n"
        "“Both governments have made the relationship a campaign issue.”"
    )
    claims = claims_of(nlp, text)
    vargas = {c.proposition: c.stance for c in only(claims, VARGAS)}
    assert vargas["security cooperation has improved since 2021"] == Stance.ASSERTS
    assert vargas["the new border plan is a good development"] == Stance.DENIES
    okafor = only(claims, OKAFOR)
    assert [c.proposition for c in okafor] == ["both governments have made the relationship a campaign issue"]
    assert all(c.direct_quote and c.cue == "quote" for c in claims)
    assert not any("how well" in c.proposition for c in claims)  # the question is nobody's claim


def test_according_to(nlp):
    text = "Fentanyl seizures at the border rose sharply last year, according to the Drug Enforcement Administration."
    (claim,) = only(claims_of(nlp, text), DEA)
    assert claim.cue == "according to"
    assert "according" not in claim.text and "seizures" in claim.text


def test_anaphoric_denial_takes_the_previous_proposition(nlp):
    text = ("The Drug Enforcement Administration says that fentanyl is produced in Mexico. "
            "López Obrador rejects that claim.")
    claims = claims_of(nlp, text)
    (dea,) = only(claims, DEA)
    (amlo,) = only(claims, OBRADOR)
    assert dea.stance == Stance.ASSERTS and amlo.stance == Stance.DENIES
    assert amlo.proposition == dea.proposition


def test_no_claim_without_a_known_speaker_or_when_the_speech_is_negated(nlp):
    assert claims_of(nlp, "Some observers said that fentanyl is produced in Mexico.") == []
    assert claims_of(nlp, "López Obrador did not say that fentanyl is produced in Mexico.") == []


def test_evidence_is_the_sentence(nlp):
    text = "Trade grew. López Obrador denied that fentanyl is produced in Mexico. Talks went on."
    (claim,) = only(claims_of(nlp, text), OBRADOR)
    assert claim.evidence.sentence == "López Obrador denied that fentanyl is produced in Mexico."
    assert text[claim.evidence.begin:claim.evidence.end] == claim.evidence.sentence


def test_opposite_claims_are_linked_as_contradicting_and_equal_ones_as_supporting(nlp):
    first = claims_of(nlp, "López Obrador said fentanyl is not produced in Mexico.")
    second = claims_of(nlp, "The Drug Enforcement Administration insisted that fentanyl is produced in Mexico.")
    third = claims_of(nlp, "Elena Vargas argued that fentanyl is produced in Mexico.")
    claims = first + second + third
    links = {(claims[i].claimant, claims[j].claimant, rel) for i, j, rel in link_claims(claims)}
    assert (OBRADOR, DEA, "contradicts") in links
    assert (OBRADOR, VARGAS, "contradicts") in links
    assert (DEA, VARGAS, "supports") in links
    assert len(links) == 3


@pytest.mark.parametrize(
    "text, key",
    [
        ("that fentanyl is not produced in Mexico.", "fentanyl is produced in mexico"),
        ("Fentanyl is produced in Mexico", "fentanyl is produced in mexico"),
        ("we do not produce fentanyl", "we produce fentanyl"),
        ("no fentanyl is synthesized in Mexico", "fentanyl is synthesized in mexico"),
        ("“the deal won't hold”", "the deal will hold"),
    ],
)
def test_proposition_key_drops_negation_and_form(text, key):
    assert proposition_key(text) == key


def test_speaker_named_in_apposition_or_by_bare_surname(nlp):
    text = ("The defense minister, Elena Vargas, denied that the navy lost the shipment. "
            "Later Vargas said the navy had found a second container.")
    by = only(claims_of(nlp, text), VARGAS)
    assert [c.stance for c in by] == [Stance.DENIES, Stance.ASSERTS]
    assert by[0].proposition == "the navy lost the shipment"


def test_qa_speaker_rebuts_a_claim_they_call_false(nlp):
    text = (
        "A: Elena Vargas, senior fellow at a policy institute:\n\n"
        "“López Obrador repeated the falsity that no fentanyl is produced in Mexico.”"
    )
    claims = claims_of(nlp, text)
    (amlo,) = only(claims, OBRADOR)
    (vargas,) = only(claims, VARGAS)
    assert amlo.stance == Stance.DENIES and vargas.stance == Stance.ASSERTS
    assert amlo.proposition == vargas.proposition == "fentanyl is produced in mexico"
    assert OBRADOR in vargas.about


def test_simple_past_narration_in_an_answer_is_not_a_claim(nlp):
    text = (
        "A: Elena Vargas, senior fellow at a policy institute:\n\n"
        "“The ministers signed a memorandum in the capital. The memorandum is a weak instrument.”"
    )
    props = [c.proposition for c in only(claims_of(nlp, text), VARGAS)]
    assert props == ["the memorandum is a weak instrument"]


def test_claim_noun_with_that_clause_names_the_person_the_sentence_is_about(nlp):
    text = (
        "A: Elena Vargas, senior fellow at a policy institute:\n\n"
        "“López Obrador fuels doubts with sharp criticisms and dubious assertions, including that fentanyl "
        "is not made in Mexico, despite much contrary evidence.”"
    )
    claims = claims_of(nlp, text)
    (amlo,) = only(claims, OBRADOR)
    assert amlo.stance == Stance.DENIES
    assert amlo.proposition == "fentanyl is made in mexico"  # the concessive phrase is not part of it
    (vargas,) = only(claims, VARGAS)  # "dubious": the speaker holds the opposite
    assert vargas.stance == Stance.ASSERTS and vargas.proposition == amlo.proposition


def test_claim_noun_takes_its_possessor_as_claimant(nlp):
    (claim,) = only(claims_of(nlp, "Reporters asked about López Obrador's claim that the navy controls the ports."),
                    OBRADOR)
    assert claim.stance == Stance.ASSERTS
    assert claim.proposition == "the navy controls the ports"


def test_claim_noun_inside_reported_speech_is_left_to_the_verb(nlp):
    claims = claims_of(nlp, "Elena Vargas said the claim that the navy controls the ports was false.")
    assert "the navy controls the ports" not in [c.proposition for c in claims]


def test_coordinated_actors_each_make_the_claim(nlp):
    claims = claims_of(nlp, "The Drug Enforcement Administration and the Department of Justice said that "
                            "cartels make fentanyl in Mexico.")
    for actor in (DEA, DOJ):
        (claim,) = only(claims, actor)
        assert claim.stance == Stance.ASSERTS and claim.proposition == "cartels make fentanyl in mexico"


def test_issued_document_speaks_for_its_issuers(nlp):
    claims = claims_of(nlp, "The Drug Enforcement Administration and the Department of Justice have issued "
                            "assessments showing the role of the cartels in fentanyl production.")
    for actor in (DEA, DOJ):
        (claim,) = only(claims, actor)
        assert claim.stance == Stance.ASSERTS
        assert "role of the cartels in fentanyl production" in claim.proposition


def test_certainty_frame_is_the_qa_speakers_own_claim(nlp):
    text = (
        "A: Elena Vargas, senior fellow at a policy institute:\n\n"
        "“There is no doubt that the border program has failed and is badly underfunded.”"
    )
    (claim,) = only(claims_of(nlp, text), VARGAS)
    assert claim.stance == Stance.ASSERTS
    assert claim.proposition == "the border program has failed and is badly underfunded"  # the frame is not part of it


def test_certainty_frame_in_someone_elses_quote_is_not_the_writers(nlp):
    text = "“It is clear that the navy controls the ports,” López Obrador said."
    claims = claims_of(nlp, text)
    assert {c.claimant for c in claims} == {OBRADOR}


def test_prescription_in_an_answer_is_not_a_claim(nlp):
    text = (
        "A: Elena Vargas, senior fellow at a policy institute:\n\n"
        "“Both governments need to show results before the election. Much work is still required to fix the "
        "ports. The customs agency should hire more inspectors. The border program has failed.”"
    )
    props = [c.proposition for c in only(claims_of(nlp, text), VARGAS)]
    assert props == ["the border program has failed"]


def test_non_committal_clause_is_not_a_claim(nlp):
    claims = claims_of(nlp, "Elena Vargas said the navy controls the ports. Yet the depth of the reform "
                            "remains to be seen, Vargas added.")
    assert [c.proposition for c in only(claims, VARGAS)] == ["the navy controls the ports"]
