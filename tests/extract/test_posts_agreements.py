"""Posts and agreements on short texts written for these tests."""

from __future__ import annotations

from bordergraph.extract.pipeline import extract_articles
from bordergraph.extract.records import Article


def run(nlp, *texts: str):
    arts = [Article(slug=f"t{i}", source=f"t{i}.txt", text=t, sha256="-") for i, t in enumerate(texts)]
    return extract_articles(arts, nlp)


def posts(exs):
    return {(p.holder.name, p.role, p.post_in.name if p.post_in else None, p.former) for ex in exs for p in ex.posts}


def test_title_before_name_with_nationality_and_list_distribution(nlp):
    found = posts(run(nlp, "Colombian Defense Minister Iván Velásquez, Interior Minister Juan Cristo and "
                           "DEA Administrator Terrance Cole met on Friday."))
    assert ("Iván Velásquez", "Defense Minister", "Colombia", False) in found
    assert ("Juan Cristo", "Interior Minister", "Colombia", False) in found
    assert ("Terrance Cole", "Administrator", "Drug Enforcement Administration", False) in found


def test_apposition_gives_role_organisation_and_former(nlp):
    found = posts(run(nlp, "“The border is porous,” said Maria Lopez, a former U.S. ambassador to Honduras and "
                           "senior fellow at the Atlantic Council."))
    assert ("Maria Lopez", "ambassador to Honduras", "United States", True) in found
    assert any(h == "Maria Lopez" and r == "senior fellow" and not f for h, r, _, f in found)


def test_named_agreement_and_its_quoted_alias_merge(nlp):
    exs = run(nlp,
              "Officials reviewed the U.S.-Guatemala Safe Borders Initiative, which the two countries signed in 2022. "
              "Critics say the “Safe Borders” program has failed.")
    assert [a.name for a in exs[0].agreements] == ["U.S.-Guatemala Safe Borders Initiative"]
    first = exs[0].agreements[0]
    assert "“Safe Borders” program" in first.aliases
    assert {p.name for p in first.parties} == {"United States", "Guatemala"}
    assert first.date is not None and first.date.iso.startswith("2022")


def test_unnamed_agreement_reported_with_a_verb(nlp):
    exs = run(nlp, "In May, Honduras and the United States reached an agreement to share biometric data of deportees.")
    assert any("share biometric data" in a.name for a in exs[0].agreements)


def test_role_mention_is_the_person_holding_that_post(nlp):
    exs = run(nlp, "Guatemalan Foreign Minister Héctor Aldana met U.S. officials on Monday.",
              "Critics said Guatemala’s foreign minister gave away too much.")
    aldana = [a for a in exs[1].actors if a.ref.name == "Héctor Aldana"]
    assert aldana and "Guatemala’s foreign minister" in aldana[0].aliases


def test_office_named_by_apposition_is_held_by_that_person(nlp):
    exs = run(nlp, "Peru's interior minister, Rosa Quispe Mamani, denied that the police had been warned.")
    assert ("Rosa Quispe Mamani", "interior minister", "Peru", False) in posts(exs)


def test_unnamed_office_holder_is_an_actor(nlp):
    exs = run(nlp, "Ecuador's security minister denied that the army had been deployed.")
    names = {a.ref.name for a in exs[0].actors}
    assert "Ecuador’s security minister" in names


def test_a_lead_that_tells_an_agreement_and_a_body_that_names_it_give_one_agreement(nlp):
    exs = run(nlp, "Peru and Bolivia signed a joint plan on Friday to patrol Lake Titicaca. "
                   "Under the Altiplano Border Plan, both navies will share radar data.")
    assert [a.name for a in exs[0].agreements] == ["Altiplano Border Plan"]
    assert len(exs[0].agreements[0].evidence) == 2


def test_a_sentence_elaborating_an_agreement_is_not_a_new_one(nlp):
    exs = run(nlp, "The talks produced an agreement in May that Peru would deploy more troops to its border. "
                   "Peru agreed to share passenger lists with Chile.")
    assert len(exs[0].agreements) == 1


def test_agreed_on_steps_is_an_agreement(nlp):
    exs = run(nlp, "Ecuador and Colombia agreed on a series of steps to trace precursor chemicals.")
    assert any("series of steps" in a.name for a in exs[0].agreements)


def test_role_in_apposition_before_the_name(nlp):
    found = posts(run(nlp, "The Human Rights Ombudsman, Julio Pérez Castañeda, warned that the data could leak. "
                           "His lawyer, Robert Jenkins, said he was innocent."))
    assert ("Julio Pérez Castañeda", "Human Rights Ombudsman", None, False) in found
    assert ("Robert Jenkins", "lawyer", None, False) in found


def test_hyphenated_name_after_a_title_is_whole(nlp):
    exs = run(nlp, "“We caught him early,” said Superintendent Claire Dufresne-Mbeki of the provincial police.")
    assert "Claire Dufresne-Mbeki" in {a.ref.name for a in exs[0].actors}
