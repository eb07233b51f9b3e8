"""Weighted results on a hand-made panel whose weights and percentages can be worked out by
hand; suppression of small cells in the tables and exports; respondents who do not fit the
margins; SVG charts with their tables; CSV formula neutralisation."""

import csv
import io
import json
import math
import re
from typing import Any

import pytest
from django.test import Client

from publicbenefit.accounts.models import Membership, Organisation
from publicbenefit.panels import charts
from publicbenefit.panels.models import Member, Wave, WaveInvitation
from publicbenefit.panels.selectors import results
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

# Ages in the panel: 10 young, 20 middle-aged, 20 older, each half female, half male, so that
# raking to age 30/50/20 and sex 50/50 gives weights 1.5, 1.25 and 0.5 in one sweep.
GROUPS = (("16-34", 10, 1.5), ("35-64", 20, 1.25), ("65+", 20, 0.5))


def _answers(survey: Any, age: str, index: int) -> dict[str, Any]:
    single, multiple, number, text, grid = questions(survey)
    young, middle = age == "16-34", age == "35-64"
    yes = young or (middle and index % 2 == 0)
    return {
        str(single.pk): "yes" if yes else "no",
        str(multiple.pk): ["audit", "consent"] if young else ["audit"] if middle else ["none"],
        str(number.pk): {"16-34": "10", "35-64": "20", "65+": "30"}[age],
        str(text.pk): '=HYPERLINK("http://evil")' if young else "",
        str(grid.pk): {"fair": "yes" if yes else "no"},
    }


@pytest.fixture
def wave(organisation: Organisation, administrator: Membership) -> Wave:
    panel = make_panel(organisation, administrator)
    survey = make_survey(organisation, administrator)
    wave = make_wave(panel, survey, administrator, status=Wave.Status.CLOSED)
    for age, count, _weight in GROUPS:
        for index in range(count):
            member = make_member(panel, {"age": age, "sex": "female" if index % 2 else "male"})
            invitation = Invitation.objects.create(
                survey=survey,
                token_hash=f"{member.pk:064d}",
                respondent=member.pseudonym,
                closes_at=wave.closes_at,
            )
            WaveInvitation.objects.create(
                wave=wave, member=member, invitation=invitation, channel="email"
            )
            submit(invitation, _answers(survey, age, index))
    return wave


def _wilson(p: float, n: float) -> tuple[float, float]:
    z = 1.959963984540054
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return 100 * (centre - half), 100 * (centre + half)


def test_weighting_report_matches_the_hand_computed_weights(wave) -> None:
    report = results.wave_results(wave=wave).weighting
    assert report.weighted
    assert report.converged
    assert report.respondents == 50
    sum_w, sum_w2 = 50, sum(count * weight**2 for _age, count, weight in GROUPS)
    assert report.effective_sample_size == pytest.approx(sum_w**2 / sum_w2)
    assert report.design_effect == pytest.approx(50 * sum_w2 / sum_w**2)
    assert report.max_margin_error < 1e-6


def test_single_choice_percentages_and_intervals_match_the_hand_computed_ones(wave) -> None:
    block = results.wave_results(wave=wave).questions[0].parts[0].blocks[0]
    yes, no = (line.cell for line in block.lines)
    # Weighted yes: 10 young at 1.5 and 10 middle-aged at 1.25, out of 50.
    assert yes.percent == pytest.approx(100 * (15 + 12.5) / 50)
    assert (yes.count, no.count) == (20, 30)
    n_eff = 50**2 / sum(count * weight**2 for _age, count, weight in GROUPS)
    low, high = _wilson(0.55, n_eff)
    assert (yes.low, yes.high) == (pytest.approx(low), pytest.approx(high))
    assert block.base == 50


def test_multiple_choice_number_grid_and_free_text(wave) -> None:
    found = results.wave_results(wave=wave).questions
    multiple = found[1].parts[0].blocks[0]
    # An answer outside the choices is kept as a category of its own, not dropped.
    assert [line.label for line in multiple.lines] == ["Audit", "Consent", "none"]
    assert multiple.lines[0].cell.percent == pytest.approx(100 * (15 + 25) / 50)
    assert multiple.lines[1].cell.percent == pytest.approx(30)
    mean = found[2].parts[0].means[0]
    assert mean.mean == pytest.approx((15 * 10 + 25 * 20 + 10 * 30) / 50)
    assert mean.low < mean.mean < mean.high
    assert found[3].parts[0].text_answers == 10
    grid = found[4].parts[0]
    assert grid.title == "It is fair"
    assert grid.blocks[0].lines[0].cell.percent == pytest.approx(55)


def test_cross_tab_suppresses_small_cells_as_the_core_returns_them(wave) -> None:
    found = results.wave_results(wave=wave, by="age")
    blocks = found.questions[0].parts[0].blocks
    assert [block.group for block in blocks] == [None, "16-34", "35-64", "65+"]
    young = blocks[1]
    # Every young respondent said yes: "no" has 0 respondents, fewer than 10, so it is hidden,
    # and so is a second cell of the line, or the hidden one could be recovered.
    assert young.lines[1].cell.suppressed
    hidden = [line for block in blocks for line in block.lines if line.cell.suppressed]
    assert len(hidden) >= 2
    assert all(line.cell.count is None and line.cell.percent is None for line in hidden)


def test_a_small_panel_hides_everything_below_the_smallest_cell(wave) -> None:
    panel = wave.panel
    panel.min_cell = 60
    panel.save()
    found = results.wave_results(wave=wave)
    block = found.questions[0].parts[0].blocks[0]
    assert block.suppressed
    assert all(line.cell.suppressed for line in block.lines)
    assert found.questions[2].parts[0].means[0].mean is None
    assert found.questions[3].parts[0].text_answers is None
    rows = results.result_rows(found)
    assert all(row["weighted_percent"] is None for row in rows)
    assert all(row["unweighted_count"] is None for row in rows)
    assert all(row["suppressed"] for row in rows)


def test_respondents_who_do_not_fit_the_margins_are_explained_not_a_crash(wave) -> None:
    members = Member.objects.filter(invitations__wave=wave).order_by("pk")
    first, second, third = members[:3]
    first.profile = {"age": "16-34"}
    first.save()
    second.profile = {"age": "16-34", "sex": "other"}
    second.save()
    third.profile = {"age": "16-34", "sex": "other"}
    third.save()
    report = results.wave_results(wave=wave).weighting
    assert not report.weighted
    assert report.design_effect == 1.0
    assert any("sex: 1 respondent gave no answer" in problem for problem in report.problems)


def test_a_value_the_margins_lack_is_named(wave) -> None:
    member = Member.objects.filter(invitations__wave=wave).first()
    member.profile = {"age": "16-34", "sex": "other"}
    member.save()
    report = results.wave_results(wave=wave).weighting
    assert not report.weighted
    assert any("'other' is not a category in the margins" in problem for problem in report.problems)


def test_trimming_caps_the_weights(wave) -> None:
    report = results.wave_results(wave=wave, trim_max=1.4).weighting
    assert report.trim_max == 1.4
    assert report.trimmed == 10
    assert report.design_effect < results.wave_results(wave=wave).weighting.design_effect


def test_csv_export_neutralises_formulas_and_json_carries_the_report(wave) -> None:
    found = results.wave_results(wave=wave)
    text = results.results_csv(found)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["question"] == "Should the council share?"
    assert rows[0]["weighted_percent"] == "55.0"
    question = questions(wave.survey)[0]
    question.text = "=SUM(A1:A9)"
    question.save()
    text = results.results_csv(results.wave_results(wave=wave))
    assert "'=SUM(A1:A9)" in text
    assert ",=SUM" not in text
    data = json.loads(json.dumps(results.results_json(found)))
    assert data["weighting"]["converged"] is True
    assert data["rows"][0]["weighted_percent"] == 55.0
    assert "evil" not in text


def test_chart_is_accessible_svg_with_no_inline_style(wave) -> None:
    charted = charts.results_charts(results.wave_results(wave=wave, by="age"))
    svg = str(charted[0].parts[0].blocks[0].svg)
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert "<title" in svg
    assert "<desc" in svg
    assert not re.search(r"\sstyle=", svg)
    assert "55.0%" in svg
    young = str(charted[0].parts[0].blocks[1].svg)
    assert "suppressed" in young


def test_chart_escapes_labels() -> None:
    svg = str(
        charts.bar_chart(
            chart_id="c",
            title="<script>",
            bars=[charts.Bar("<b>x</b>", 50.0, 40.0, 60.0)],
            min_cell=10,
        )
    )
    assert "<script>" not in svg
    assert "<b>" not in svg


def test_results_page_shows_charts_beside_tables_and_hides_small_cells(
    wave, client_for, viewer
) -> None:
    client: Client = client_for(viewer.user)
    url = f"/o/{wave.panel.organisation.slug}/panels/{wave.panel.pk}/waves/{wave.pk}/results/"
    page = client.get(url, {"by": "age", "trim_max": "5"})
    assert page.status_code == 200
    html = page.content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    # One chart above each percentage table.
    figure = '<figure class="govuk-!-margin-0 govuk-!-margin-bottom-4"><svg'
    assert main.count("<svg") == main.count(figure)
    assert main.count("<svg") >= 4
    assert "<table" in main
    assert "55.0%" in html
    assert "hidden" in html
    assert not re.search(r"\sstyle=", main)
    assert "HYPERLINK" not in html


def test_results_export_suppresses_in_csv_and_json(wave, client_for, viewer) -> None:
    client: Client = client_for(viewer.user)
    base = f"/o/{wave.panel.organisation.slug}/panels/{wave.panel.pk}/waves/{wave.pk}/results"
    text = client.get(base + ".csv", {"by": "age"}).content.decode()
    young_no = [
        row
        for row in csv.DictReader(io.StringIO(text))
        if row["group"] == "16-34" and row["category"] == "No" and not row["statement"]
    ]
    assert young_no
    assert young_no[0]["suppressed"] == "small"
    assert young_no[0]["unweighted_count"] == ""
    assert young_no[0]["weighted_percent"] == ""
    data = json.loads(client.get(base + ".json", {"by": "age"}).content)
    hidden = [row for row in data["rows"] if row["suppressed"]]
    assert hidden
    assert all(row["unweighted_count"] is None for row in hidden)
    assert client.get(base + ".xlsx").status_code == 404


def test_a_bad_weight_cap_is_shown_on_the_form(wave, client_for, viewer) -> None:
    client: Client = client_for(viewer.user)
    url = f"/o/{wave.panel.organisation.slug}/panels/{wave.panel.pk}/waves/{wave.pk}/results/"
    page = client.get(url, {"trim_max": "0.5"})
    assert page.status_code == 200
    assert "The largest weight must be more than 1" in page.content.decode()
