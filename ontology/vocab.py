"""Plain enumerations shared by the extractors and the graph builder.

Each value is the local name of a term in ``bordergraph.ttl`` (a test checks they agree), so the
extractors can name ontology terms without importing rdflib.
"""

from __future__ import annotations

from enum import Enum


class ActorKind(str, Enum):
    PERSON = "Person"
    ORGANIZATION = "Organization"
    GOVERNMENT_BODY = "GovernmentBody"
    CRIMINAL_ORGANIZATION = "CriminalOrganization"
    COUNTRY = "Country"

    @property
    def slug(self) -> str:
        """Path segment used in resource IRIs (``person``, ``government-body`` ...)."""
        return {
            "Person": "person",
            "Organization": "organization",
            "GovernmentBody": "government-body",
            "CriminalOrganization": "criminal-organization",
            "Country": "country",
        }[self.value]


class EventType(str, Enum):
    """Event types of the ``bg:EventTypes`` concept scheme (local names of the concepts)."""

    MEETING = "Meeting"
    VISIT = "Visit"
    ARREST = "Arrest"
    EXTRADITION = "Extradition"
    KILLING = "Killing"
    KIDNAPPING = "Kidnapping"
    SEIZURE = "Seizure"
    LAB_BUST = "LabBust"
    DESIGNATION = "Designation"
    THREAT = "Threat"
    SANCTION = "Sanction"
    ELECTION = "Election"
    AGREEMENT_SIGNING = "AgreementSigning"
    ATTACK = "Attack"
    PROTEST = "Protest"
    INVESTIGATION = "Investigation"
    INDICTMENT = "Indictment"
    DEPLOYMENT = "Deployment"
    ANNOUNCEMENT = "Announcement"
    AID = "Aid"


class Stance(str, Enum):
    ASSERTS = "Asserts"
    DENIES = "Denies"


class DatePrecision(str, Enum):
    DAY = "Day"
    MONTH = "Month"
    YEAR = "Year"


class Factuality(str, Enum):
    ASSERTED = "Asserted"
    NEGATED = "Negated"
    HYPOTHETICAL = "Hypothetical"
    FUTURE = "Future"


class Qualifier(str, Enum):
    """How a stated number bounds the real one ("over 70,000" is 70000 atLeast)."""

    EXACT = "exact"
    AT_LEAST = "atLeast"
    AT_MOST = "atMost"
    APPROX = "approx"


class Genre(str, Enum):
    NEWS = "news"
    OPINION = "opinion"
    Q_AND_A = "q-and-a"
