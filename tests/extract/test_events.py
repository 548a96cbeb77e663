"""Events on short hand-written texts: type, roles, place, date, factuality, merging."""

from __future__ import annotations

import hashlib

from bordergraph.extract import events
from bordergraph.ontology.vocab import EventType, Factuality


def _extract(nlp, *texts, date=None):
    from bordergraph.extract.pipeline import extract_articles
    from bordergraph.extract.records import Article

    articles = [Article(slug=f"t{i}", source=f"t{i}.txt", text=t, sha256=hashlib.sha256(t.encode()).hexdigest(),
                        date=date) for i, t in enumerate(texts)]
    return extract_articles(articles, nlp)


def _of_type(ex, etype):
    return [e for e in ex.events if e.type is etype]


def test_arrest_with_agent_target_and_date(nlp):
    ex = _extract(nlp, "The United States arrested Mexican drug lord Joaquín Guzmán in October 2020.")[0]
    [arrest] = _of_type(ex, EventType.ARREST)
    assert arrest.agent.name == "United States"
    assert arrest.target is not None and "Guzmán" in arrest.target.name
    assert arrest.date.iso == "2020-10-01"
    assert arrest.factuality is Factuality.ASSERTED
    assert "Arrest" in arrest.label and "United States" in arrest.label


def test_meeting_participants_place_and_relative_date(nlp):
    ex = _extract(nlp, "Canadian Foreign Minister Mélanie Joly met with Secretary of State Antony Blinken "
                       "in Mexico City on Tuesday.", date="2024-02-08")[0]
    [meeting] = _of_type(ex, EventType.MEETING)
    names = {r.name for r in [meeting.agent, *meeting.participants] if r}
    assert any("Blinken" in n for n in names) and any("Joly" in n for n in names)
    assert meeting.place is not None and meeting.place.name == "Mexico City"
    assert meeting.date.iso == "2024-02-06"


def test_relative_date_is_left_out_without_article_date(nlp):
    ex = _extract(nlp, "Canadian Foreign Minister Mélanie Joly met with Secretary of State Antony Blinken "
                       "in Mexico City on Tuesday.")[0]
    assert _of_type(ex, EventType.MEETING)[0].date is None


def test_threat_is_asserted_and_what_is_threatened_is_hypothetical(nlp):
    ex = _extract(nlp, "President Donald Trump threatened to designate the Sinaloa Cartel as a terrorist organization.")[0]
    [threat] = _of_type(ex, EventType.THREAT)
    [designation] = _of_type(ex, EventType.DESIGNATION)
    assert threat.factuality is Factuality.ASSERTED and "Trump" in threat.agent.name
    assert designation.factuality is Factuality.HYPOTHETICAL
    assert "Trump" in designation.agent.name


def test_negated_and_future_events_are_flagged_not_dropped(nlp):
    ex = _extract(nlp, "Mexico never extradited Rafael Caro Quintero to the United States. "
                       "Colombia will extradite Dairo Úsuga to the United States.")[0]
    facts = {e.target.name if e.target else None: e.factuality for e in _of_type(ex, EventType.EXTRADITION)}
    assert Factuality.NEGATED in facts.values() and Factuality.FUTURE in facts.values()


def test_generic_mentions_are_not_events(nlp):
    ex = _extract(nlp, "Kidnappings and murders are common in many regions. Seizures rose again.")[0]
    assert ex.events == []


def test_second_mention_in_an_article_merges_into_one_event(nlp):
    ex = _extract(nlp, "Gunmen kidnapped four tourists in Matamoros in early March. "
                       "The March kidnapping in Matamoros shocked both countries.")[0]
    kidnappings = _of_type(ex, EventType.KIDNAPPING)
    assert len(kidnappings) == 1 and len(kidnappings[0].evidence) == 2


def test_reports_in_two_articles_share_one_key(nlp):
    a, b = _extract(nlp, "Secretary of State Antony Blinken met with President Claudia Sheinbaum in Mexico City on Oct. 3, 2024.",
                    "On Oct. 3, 2024, Antony Blinken met Sheinbaum at the National Palace.")
    key_a, key_b = (events.incident_key(_of_type(ex, EventType.MEETING)[0]) for ex in (a, b))
    assert key_a is not None and key_a == key_b


def test_different_incidents_keep_different_keys(nlp):
    a, b = _extract(nlp, "Mexican police arrested Ovidio Guzmán in January 2023.",
                    "Mexican police arrested Ismael Zambada in July 2024.")
    key_a, key_b = (events.incident_key(_of_type(ex, EventType.ARREST)[0]) for ex in (a, b))
    assert key_a is None or key_a != key_b


def _names(event):
    return {r.name for r in [event.agent, event.target, *event.participants] if r}


def test_a_definite_mention_without_parties_joins_the_event_told_before(nlp):
    ex = _extract(nlp, "Antony Blinken met with Claudia Sheinbaum in Mexico City. "
                       "The meeting lasted three hours, and drug cartels were discussed.")[0]
    [meeting] = _of_type(ex, EventType.MEETING)
    assert len(meeting.evidence) == 2 and any("Sheinbaum" in n for n in _names(meeting))


def test_a_byline_is_not_an_agent(nlp):
    ex = _extract(nlp, "Smuggling suspect faces extradition By Daniela Ruiz Marroquín\n\n"
                       "Mexico extradited Rafael Caro Quintero to the United States on Friday.")[0]
    assert not any("Daniela" in n for e in ex.events for n in _names(e))


def test_it_in_a_reported_clause_is_the_speaker(nlp):
    ex = _extract(nlp, "The Mexican Navy said on Tuesday it had seized three tonnes of cocaine in Manzanillo.")[0]
    [seizure] = _of_type(ex, EventType.SEIZURE)
    assert seizure.agent is not None and "Navy" in seizure.agent.name


def test_the_definite_noun_names_the_body_mentioned_before(nlp):
    ex = _extract(nlp, "The Mexican Navy patrols the Pacific coast. "
                       "Officials said the navy had also seized two tonnes of cocaine last week.")[0]
    [seizure] = _of_type(ex, EventType.SEIZURE)
    assert seizure.agent is not None and "Navy" in seizure.agent.name


def test_a_time_phrase_names_no_party(nlp):
    ex = _extract(nlp, "He withdrew from the Merida Initiative, a security framework signed during the "
                       "Felipe Calderón administration.")[0]
    assert not any("Calderón" in n for e in ex.events for n in _names(e))


def test_the_talks_someone_wrapped_up_are_theirs(nlp):
    ex = _extract(nlp, "Antony Blinken gave an upbeat assessment as he wrapped up the talks, which also "
                       "included Homeland Security Secretary Alejandro Mayorkas.")[0]
    [meeting] = _of_type(ex, EventType.MEETING)
    names = _names(meeting)
    assert any("Blinken" in n for n in names) and any("Mayorkas" in n for n in names)


def test_habitual_and_partyless_mentions_are_not_events(nlp):
    ex = _extract(nlp, "Reporters follow López Obrador's daily news conferences. "
                       "The officials agreed on a series of steps against smuggling from Asia. "
                       "The March murders are not the only attacks on Americans in Mexico.")[0]
    assert _of_type(ex, EventType.ANNOUNCEMENT) == []
    assert _of_type(ex, EventType.AGREEMENT_SIGNING) == []
    assert _of_type(ex, EventType.ATTACK) == []


def test_a_hypothetical_event_with_no_one_acting_is_left_out(nlp):
    ex = _extract(nlp, "Would designating the Mexican cartels as terrorist organizations help the United States?")[0]
    assert _of_type(ex, EventType.DESIGNATION) == []


def test_a_counted_group_acted_upon_is_an_incident(nlp):
    ex = _extract(nlp, "Three crew members were arrested on board.")[0]
    assert len(_of_type(ex, EventType.ARREST)) == 1


def test_two_threats_by_one_person_stay_two_events(nlp):
    ex = _extract(nlp, "In June, President Donald Trump threatened to impose tariffs on Mexican exports. "
                       "In December, President Donald Trump threatened to designate the cartels as terrorist organizations.")[0]
    assert len(_of_type(ex, EventType.THREAT)) == 2


def test_hours_of_talks_before_a_signing_are_the_signers_talks(nlp):
    ex = _extract(nlp, "Canadian Public Safety Minister Nathalie Brisebois and U.S. Deputy Secretary of Homeland "
                       "Security Graham Pruett signed the action plan after four hours of talks in Ottawa.")[0]
    [meeting] = _of_type(ex, EventType.MEETING)
    names = _names(meeting)
    assert any("Brisebois" in n for n in names) and any("Pruett" in n for n in names)
