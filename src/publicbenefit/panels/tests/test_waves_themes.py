"""The themes page of a wave's free-text answers: themes with their answers for a wave with
enough varied answers, small themes hidden, too few answers explained, erased (blank) answers
left out, the area taken from the panel's ward feature, permissions (a viewer reads, another
organisation gets 404) and no member's name or contact details on the page."""

from typing import Any

import pytest

from publicbenefit.accounts.tests.factories import MembershipFactory, OrganisationFactory
from publicbenefit.panels.models import (
    Member,
    Panel,
    ProfileFeature,
    ProfileValue,
    Wave,
    WaveInvitation,
)
from publicbenefit.panels.selectors import themes as selectors
from publicbenefit.panels.tests.test_waves_builders import (
    make_member,
    make_panel,
    make_survey,
    make_wave,
    questions,
    submit,
)
from publicbenefit.surveys.models import Invitation

pytestmark = pytest.mark.django_db

BUSES = [
    "The buses are always late and the bus routes were cut",
    "Late buses make me miss work, bus routes need fixing",
    "Bus routes to the hospital were cut and buses are late",
    "More buses please, the bus routes are too thin and late",
    "The late buses and missing bus routes are a problem",
    "Buses late again this morning, bus routes are poor",
    "Cut bus routes mean the buses are packed and late",
    "Bring back the bus routes, buses are late every day",
    "Bus routes at night would help, buses are late",
    "Late buses and fewer bus routes since last year",
    "Buses late, bus routes cancelled, nobody told us",
    "Bus routes matter to older people and buses are late",
]
PARKS = [
    "The parks are full of litter and the green spaces are neglected",
    "Litter in the parks, green spaces need more bins",
    "Green spaces and parks should be cleaned of litter",
    "Parks need care, the litter in green spaces is awful",
    "Our parks and green spaces have litter everywhere",
    "Clean the litter from the parks and protect green spaces",
    "More bins in parks, litter ruins the green spaces",
    "Green spaces for children, parks without litter",
    "The litter problem in parks and green spaces is growing",
    "Parks and green spaces are the best thing here but litter",
    "Litter pickers for the parks and green spaces please",
    "Green spaces matter, keep parks free of litter",
]
TAX = [
    "Council tax bills keep rising and the money is wasted",
    "Council tax is too high for the money we get back",
    "Where does the council tax money go, bills too high",
    "Council tax bills are hard for pensioners, money is tight",
    "Value for money on council tax bills is poor",
    "The council tax rise took money we do not have",
    "Council tax money should fix roads, bills are high",
    "High council tax bills and little money for services",
    "Money is short and council tax bills went up again",
    "Council tax bills should be fairer, money is tight",
    "Cut council tax bills, families need the money",
    "The council tax money is not spent well, bills rising",
]


def _respond(panel: Panel, wave: Wave, texts: list[str], **member_fields: Any) -> list[Member]:
    """A member for each text who submitted it as the free-text answer."""
    survey = wave.survey
    text_question = next(q for q in questions(survey) if q.kind == "free_text")
    members = []
    for text in texts:
        member = make_member(panel, {"age": "16-34", "sex": "female"}, **member_fields)
        invitation = Invitation.objects.create(
            survey=survey,
            token_hash=f"{member.pk:064d}",
            respondent=member.pseudonym,
            closes_at=wave.closes_at,
        )
        WaveInvitation.objects.create(
            wave=wave, member=member, invitation=invitation, channel="email"
        )
        submit(invitation, {str(text_question.pk): text})
        members.append(member)
    return members


@pytest.fixture
def panel(organisation, administrator) -> Panel:
    return make_panel(organisation, administrator, min_cell=5)


@pytest.fixture
def wave(panel, organisation, administrator) -> Wave:
    survey = make_survey(organisation, administrator)
    return make_wave(panel, survey, administrator, status=Wave.Status.CLOSED)


def _url(panel: Panel, wave: Wave, organisation: str | None = None) -> str:
    slug = organisation or panel.organisation.slug
    return f"/o/{slug}/panels/{panel.pk}/waves/{wave.pk}/themes/"


def test_themes_with_examples_for_varied_answers(client_for, viewer, panel, wave) -> None:
    members = _respond(panel, wave, BUSES + PARKS + TAX)
    _respond(panel, wave, ["", "   "])  # erased members' answers are blank
    found = selectors.wave_themes(wave=wave)
    (question,) = found.questions
    assert question.themed
    assert question.answers == 36
    shown = [theme for theme in question.themes if not theme.suppressed]
    assert len(shown) >= 2
    assert sum(theme.answers for theme in question.themes) + question.unthemed == 36
    for theme in shown:
        assert theme.label
        assert theme.description.startswith("Answers mentioning")
        assert 1 <= len(theme.examples) <= selectors.EXAMPLES
        assert all(text in BUSES + PARKS + TAX for text in theme.examples)
    labels = " ".join(theme.label.lower() for theme in shown)
    assert "bus" in labels or "parks" in labels or "council" in labels
    # The same answers give the same themes.
    assert selectors.wave_themes(wave=wave).questions == found.questions

    response = client_for(viewer.user).get(_url(panel, wave))
    assert response.status_code == 200
    html = response.content.decode()
    assert shown[0].label in html
    assert shown[0].examples[0] in html
    assert "36 people wrote an answer" in html
    for member in members:
        assert member.name not in html
        assert member.email not in html
        assert member.pseudonym not in html


def test_answer_text_is_escaped(client_for, viewer, panel, wave) -> None:
    _respond(panel, wave, [*BUSES[:-1], "<script>alert(1)</script> buses late bus routes"])
    html = client_for(viewer.user).get(_url(panel, wave)).content.decode()
    assert "<script>alert(1)" not in html


def test_small_themes_are_hidden(client_for, viewer, panel, wave) -> None:
    panel.min_cell = 50
    panel.save()
    _respond(panel, wave, BUSES + PARKS + TAX)
    (question,) = selectors.wave_themes(wave=wave).questions
    assert question.themes
    assert all(theme.suppressed for theme in question.themes)
    assert all(not theme.examples and not theme.label for theme in question.themes)
    html = client_for(viewer.user).get(_url(panel, wave)).content.decode()
    assert "A theme raised by fewer than 50 people: hidden." in html
    for text in BUSES + PARKS + TAX:
        assert text not in html


def test_too_few_answers_are_explained(client_for, viewer, panel, wave) -> None:
    _respond(panel, wave, BUSES[:7])
    _respond(panel, wave, [""] * 5)
    (question,) = selectors.wave_themes(wave=wave).questions
    assert not question.themed
    assert question.answers == 7
    html = client_for(viewer.user).get(_url(panel, wave)).content.decode()
    assert "Themes need at least 10 answers; this question has 7." in html
    assert BUSES[0] not in html


def test_area_comes_from_the_ward_feature(panel, wave) -> None:
    feature = ProfileFeature.objects.create(
        panel=panel, key="ward", label="Ward", question="Your ward?", order=5
    )
    ProfileValue.objects.create(feature=feature, value="north", label="North", share="1")
    (member,) = _respond(panel, wave, ["Buses are late"])
    member.profile = {**member.profile, "ward": "north"}
    member.save()
    assert selectors.area_feature(wave=wave) == feature
    excerpts = selectors.answer_excerpts(wave, selectors.free_text_questions(wave=wave))
    (excerpt,) = next(iter(excerpts.values()))
    assert excerpt.area == "North"
    assert excerpt.source_id == member.pseudonym


def test_no_area_feature_leaves_the_area_empty(panel, wave) -> None:
    _respond(panel, wave, ["Buses are late"])
    assert selectors.area_feature(wave=wave) is None
    excerpts = selectors.answer_excerpts(wave, selectors.free_text_questions(wave=wave))
    (excerpt,) = next(iter(excerpts.values()))
    assert excerpt.area == ""


def test_results_page_links_to_the_themes(client_for, viewer, panel, wave) -> None:
    _respond(panel, wave, BUSES[:3])
    html = client_for(viewer.user).get(_url(panel, wave).replace("themes/", "results/"))
    assert _url(panel, wave) in html.content.decode()


def test_another_organisation_gets_404(client_for, panel, wave) -> None:
    outsider = MembershipFactory(organisation=OrganisationFactory(), role="administrator")
    client = client_for(outsider.user)
    assert client.get(_url(panel, wave, outsider.organisation.slug)).status_code == 404
    assert client.get(_url(panel, wave)).status_code == 404
