"""Tailoring a version on the page, without writing YAML: one form with a fieldset per
element, the thresholds and rows for local questions; the result is a new version."""

import re
from fractions import Fraction

import pytest

from publicbenefit.accounts.tests.helpers import error_summary, page_heading
from publicbenefit.data import load_framework
from publicbenefit.frameworks.forms import FrameworkTailorForm
from publicbenefit.frameworks.models import FrameworkVersion
from publicbenefit.frameworks.services import framework_version_create
from publicbenefit.frameworks.tests.helpers import local_yaml, taken

pytestmark = pytest.mark.django_db


def _url(version):
    return f"/o/calderbrook/frameworks/{version.pk}/tailor/"


def _unchanged(framework_version, **changes):
    """What the form posts when nothing is changed but the given fields."""
    form = FrameworkTailorForm(framework=framework_version.framework)
    data = {
        name: "" if field.initial is None else str(field.initial)
        for name, field in form.fields.items()
    }
    return data | changes


def _index(framework, question_id):
    return [question.id for question in framework.questions].index(question_id)


def test_the_form_has_a_fieldset_per_element_with_the_questions_filled_in(
    client_for, assessor, shipped
):
    page = client_for(assessor.user).get(_url(shipped))

    assert page.status_code == 200
    assert page_heading(page.content) == "Make a new version"
    text = page.content.decode()
    assert len(re.findall(r'<fieldset\s+class="govuk-fieldset"', text)) == 5 + 1 + 3
    assert "Element 1: That the use of data enables high quality service delivery" in text
    assert "Will the use of data have punitive impacts on individuals?</textarea>" in text
    assert "Help text for question 1.3 (optional)" in text
    assert "Lowest score for “Likely public benefit”" in text
    assert 'name="threshold_1" value="3" inputmode="decimal"' in text
    assert "Local question 3 (optional)" in text


def test_tailoring_makes_a_new_version_and_leaves_the_original(client_for, assessor, shipped):
    # Given an assessor tailoring the shipped framework
    framework = shipped.framework
    original = shipped.yaml_text
    question = _index(framework, "3.2")
    data = _unchanged(
        shipped,
        version="2019.1-calderbrook-1",
        title="Calderbrook's public benefit framework",
        **{
            f"question_{question}_help": "Ask the Caldicott guardian.",
            f"question_{question}_text": "Could the public reasonably expect this use?",
            "threshold_1": "3.5",
            "local_2_element": "visible_benefits",
            "local_2_text": "Will the results be published on the council's website?",
            "local_2_left": "Not published",
            "local_2_right": "Published in full",
        },
    )
    client = client_for(assessor.user)
    # When the form is sent
    response = client.post(_url(shipped), data)
    # Then a new version is saved and its page opens
    version = FrameworkVersion.objects.get(organisation=assessor.organisation)
    assert response.status_code == 302
    assert response.url == f"/o/calderbrook/frameworks/{version.pk}/"
    assert "Version 2019.1-calderbrook-1 saved" in client.get(response.url).text
    # And its YAML loads, with the changes
    tailored = load_framework(version.yaml_text)
    assert tailored.title == "Calderbrook's public benefit framework"
    assert tailored.question("3.2").help_text == "Ask the Caldicott guardian."
    assert tailored.question("3.2").text == "Could the public reasonably expect this use?"
    assert tailored.scoring.thresholds[1].min_score == Fraction(7, 2)
    local = tailored.question("L1")
    assert (local.element_id, local.text, local.left_anchor, local.right_anchor) == (
        "visible_benefits",
        "Will the results be published on the council's website?",
        "Not published",
        "Published in full",
    )
    assert version.based_on == shipped
    # And everything else is as it was
    assert tailored.question("1.1") == framework.question("1.1")
    assert tailored.outcomes == framework.outcomes
    # And the original is unchanged
    shipped.refresh_from_db()
    assert shipped.yaml_text == original


def test_a_missing_version_number_is_refused(client_for, assessor, shipped):
    page = client_for(assessor.user).post(_url(shipped), _unchanged(shipped))

    assert error_summary(page.content) == ["Enter a version number"]
    assert not FrameworkVersion.objects.filter(organisation=assessor.organisation).exists()


def test_a_version_number_already_used_is_refused(client_for, administrator, own_version):
    page = client_for(administrator.user).post(
        _url(own_version), _unchanged(own_version, version="2019.1")
    )

    assert error_summary(page.content) == [taken("2019.1")]
    assert FrameworkVersion.objects.filter(organisation=administrator.organisation).count() == 1


def test_thresholds_out_of_order_are_refused(client_for, assessor, shipped):
    page = client_for(assessor.user).post(
        _url(shipped), _unchanged(shipped, version="2019.1-x", threshold_0="3", threshold_1="2.5")
    )

    assert error_summary(page.content) == [
        (
            "The lowest score for Likely public benefit must be more than the lowest score for "
            "Some issues"
        )
    ]
    assert not FrameworkVersion.objects.filter(organisation=assessor.organisation).exists()


def test_a_threshold_off_the_scale_is_refused(client_for, assessor, shipped):
    page = client_for(assessor.user).post(
        _url(shipped), _unchanged(shipped, version="2019.1-x", threshold_1="4.5")
    )

    assert error_summary(page.content) == [
        "The lowest score for Likely public benefit must be more than 1 and no more than 4"
    ]


def test_a_half_filled_local_question_is_refused(client_for, assessor, shipped):
    page = client_for(assessor.user).post(
        _url(shipped), _unchanged(shipped, version="2019.1-x", local_1_text="Is it fair?")
    )

    assert error_summary(page.content) == [
        "Select the element local question 1 belongs to",
        "Enter the left anchor of local question 1",
        "Enter the right anchor of local question 1",
    ]
    assert not FrameworkVersion.objects.filter(organisation=assessor.organisation).exists()


def test_a_question_left_empty_is_refused(client_for, assessor, shipped):
    page = client_for(assessor.user).post(
        _url(shipped), _unchanged(shipped, version="2019.1-x", question_0_text="")
    )

    assert error_summary(page.content) == ["Enter the wording of question 1.1"]


def test_words_from_an_uploaded_file_are_shown_as_text_not_html(client_for, administrator, shipped):
    # Given a version whose words contain markup
    text = local_yaml().replace(
        '  - id: service_outcomes\n    number: 1\n    text: "That',
        '  - id: service_outcomes\n    number: 1\n    text: "<script>alert(1)</script> That',
    )
    text = text.replace(
        "Clear and direct benefits provided to the individual",
        "Clear <img src=x onerror=alert(2)> benefits",
    )
    version = framework_version_create(actor=administrator, yaml_text=text)
    # When its tailoring page and its own page open
    tailor = client_for(administrator.user).get(_url(version)).content.decode()
    detail = client_for(administrator.user).get(f"/o/calderbrook/frameworks/{version.pk}/")
    # Then the markup is escaped
    for page in (tailor, detail.content.decode()):
        assert "<script>alert(1)" not in page
        assert "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; That" in tailor
    assert "Right anchor: Clear &lt;img src=x onerror=alert(2)&gt; benefits." in tailor
