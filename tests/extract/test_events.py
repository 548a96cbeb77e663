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
