"""How representative a panel is: the numbers on a hand-made panel, the under-represented flag,
the recruitment targets, snapshots over time, and the page."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.accounts.tokens import token_hash, token_new
from publicbenefit.panels.models import Member, Panel, RepresentativenessSnapshot
from publicbenefit.panels.selectors.setup import (
    is_under,
    representativeness,
    size_to_match,
    snapshot_trend,
    target_count,
)
from publicbenefit.panels.services.setup import margins_import, snapshot_take

pytestmark = pytest.mark.django_db

MARGINS = (
    "feature,value,share,label\n"
    "age,young,0.4,Young\nage,old,0.6,Old\n"
    "sex,f,0.5,Female\nsex,m,0.5,Male\n"
)


@pytest.fixture
def lead(organisation):
    return MembershipFactory(organisation=organisation, role=Role.ENGAGEMENT_LEAD)


def member(panel, status=Member.Status.ACTIVE, **profile):
    return Member.objects.create(
        panel=panel,
        pseudonym=f"P{Member.objects.count() + 1:05d}",
        profile=profile,
        source=Member.Source.STAFF,
        consented_at=timezone.now(),
        privacy_notice_version=1,
        manage_token_hash=token_hash(token_new()),
        status=status,
    )


@pytest.fixture
def panel(lead):
    """Ten active members: 2 young and 8 old; 5 women, 4 men and one who did not answer the
    sex question; and one member who left (never counted)."""
    panel = Panel.objects.create(
        organisation=lead.organisation,
        name="Test panel",
        area="Calderbrook",
        description="For testing.",
        privacy_notice="Notice.",
        created_by=lead.user,
    )
    margins_import(actor=lead, panel=panel, csv_text=MARGINS)
    profiles = [("young", "f"), ("young", "m")] + [("old", "f")] * 4 + [("old", "m")] * 3
    for age, sex in profiles:
        member(panel, age=age, sex=sex)
    member(panel, age="old")
    member(panel, status=Member.Status.LEFT, age="young", sex="f")
    return panel


def groups(rows, key):
    return {group.value: group for group in next(row for row in rows if row.key == key).groups}


def test_shares_gaps_and_flags_on_a_hand_made_panel(panel):
    rows = representativeness(panel=panel)

    age = groups(rows, "age")
    assert age["young"].members == 2
    assert age["young"].panel_share == Decimal("0.2")
    assert age["young"].gap_points == Decimal("-20")
    assert age["young"].under
    assert age["old"].gap_points == Decimal("20")
    assert not age["old"].under

    sex_row = next(row for row in rows if row.key == "sex")
    assert (sex_row.answered, sex_row.not_answered) == (9, 1)
    sex = groups(rows, "sex")
    assert sex["f"].members == 5
    assert sex["m"].panel_share == Decimal(4) / 9
    assert sex["m"].gap_points == pytest.approx(Decimal("-5.5556"), abs=Decimal("0.0001"))
    assert sex["m"].under


def test_targets_at_the_current_size_and_at_a_size_given(panel):
    age = groups(representativeness(panel=panel), "age")
    assert (age["young"].target, age["young"].needed) == (4, 2)
    assert (age["old"].target, age["old"].needed) == (6, 0)

    age = groups(representativeness(panel=panel, target_size=1200), "age")
    assert (age["young"].target, age["young"].needed) == (480, 478)
    assert (age["old"].target, age["old"].needed) == (720, 712)


def test_the_size_that_matches_every_share_keeping_every_member(panel):
    row = next(row for row in representativeness(panel=panel) if row.key == "age")
    # 8 old members are 60% of a panel of 13.3, so 14; 2 young need only 5.
    assert row.size_to_match == 14
    assert size_to_match(shares={"a": Decimal(0), "b": Decimal(1)}, counts={"a": 1}) is None


def test_the_under_represented_threshold():
    # Two points short is not enough on its own; more than two points is.
    assert not is_under(population_share=Decimal("0.5"), panel_share=Decimal("0.48"))
    assert is_under(population_share=Decimal("0.5"), panel_share=Decimal("0.479"))
    # For a small group, falling more than 20% short of its own share is enough.
    assert is_under(population_share=Decimal("0.05"), panel_share=Decimal("0.039"))
    assert not is_under(population_share=Decimal("0.05"), panel_share=Decimal("0.041"))
    assert not is_under(population_share=Decimal("0.05"), panel_share=Decimal("0.09"))


def test_targets_round_up_and_are_exact():
    assert target_count(population_share=Decimal("0.1"), size=1000) == 100
    assert target_count(population_share=Decimal("0.12345"), size=1000) == 124


def test_an_empty_panel_flags_nothing(lead):
    empty = Panel.objects.create(
        organisation=lead.organisation,
        name="Empty",
        area="Calderbrook",
        description="x",
        privacy_notice="x",
        created_by=lead.user,
    )
    margins_import(actor=lead, panel=empty, csv_text=MARGINS)
    age = groups(representativeness(panel=empty, target_size=10), "age")
    assert not age["young"].under
    assert (age["young"].target, age["young"].needed) == (4, 4)


def test_a_snapshot_a_day_upserted_with_the_counts(panel):
    first = snapshot_take(panel)
    member(panel, age="young", sex="m")
    second = snapshot_take(panel=panel)

    assert first.pk == second.pk
    assert RepresentativenessSnapshot.objects.filter(panel=panel).count() == 1
    second.refresh_from_db()
    assert second.members == 11
    assert second.counts == {"age": {"young": 3, "old": 8}, "sex": {"f": 5, "m": 5}}


def test_the_trend_shows_each_features_largest_gap_per_day(panel):
    snapshot_take(panel)
    RepresentativenessSnapshot.objects.create(
        panel=panel,
        taken_on=timezone.localdate() - datetime.timedelta(days=30),
        members=4,
        counts={"age": {"young": 0, "old": 4}, "sex": {}},
    )

    features, rows = snapshot_trend(panel=panel)

    assert [feature.key for feature in features] == ["age", "sex"]
    assert [row.members for row in rows] == [4, 10]
    earlier_age, earlier_sex = rows[0].cells
    # Young and Old are both 40 points out: the group with too few members is shown.
    assert earlier_age.gap_points == Decimal("-40")
    assert earlier_age.label == "Young"
    assert earlier_sex is None
    assert rows[1].cells[0].absolute == Decimal("20")


# The page


def url(panel, query=""):
    return f"/o/{panel.organisation.slug}/panels/{panel.pk}/representativeness/{query}"


def test_the_page_shows_the_table_chart_targets_and_trend(client_for, viewer, panel):
    snapshot_take(panel)

    page = client_for(viewer.user).get(url(panel, "?size=1200")).content.decode()

    assert "Under-represented" in page
    assert "20.0%" in page  # the young's share of the panel
    assert "-20.0" in page
    assert "478" in page
    assert "for a panel of 1,200 members" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert "Panel 20.0%" in page
    assert "style=" not in page.split("<main", 1)[1]
    assert "Largest gap per feature, by date" in page


def test_a_bad_size_shows_an_error_and_the_current_targets(client_for, viewer, panel):
    response = client_for(viewer.user).get(url(panel, "?size=lots"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the panel size as a whole number, like 1200" in page
    assert "at its current size" in page


def test_another_organisations_panel_is_not_found(client_for, panel):
    stranger = MembershipFactory(role=Role.ADMINISTRATOR)
    assert (
        client_for(stranger.user)
        .get(f"/o/{stranger.organisation.slug}/panels/{panel.pk}/representativeness/")
        .status_code
        == 404
    )
    assert client_for(stranger.user).get(url(panel)).status_code == 404
