"""Importing a panel's population margins: the demo file, every kind of bad file refused whole
with its line, re-importing when the panel has members, and the import page."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.accounts.tokens import token_hash, token_new
from publicbenefit.panels.models import (
    Member,
    Panel,
    ProfileFeature,
    ProfileValue,
    RepresentativenessSnapshot,
)
from publicbenefit.panels.selectors.margins import core_margins
from publicbenefit.panels.selectors.setup import margins_csv, margins_template_csv
from publicbenefit.panels.services.setup import margins_import, margins_parse, readable

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parents[2] / "demo" / "data" / "calderbrook-margins.csv"

SIMPLE = "feature,value,share\nage,16-34,0.4\nage,35+,0.6\nward,east,0.5\nward,west,0.5\n"


@pytest.fixture
def lead(organisation):
    return MembershipFactory(organisation=organisation, role=Role.ENGAGEMENT_LEAD)


@pytest.fixture
def panel(lead):
    return Panel.objects.create(
        organisation=lead.organisation,
        name="Calderbrook Citizens' Panel",
        area="Calderbrook",
        description="Residents tell us what they think.",
        privacy_notice="We hold your details to run the panel.",
        created_by=lead.user,
    )


def member(panel, **profile):
    return Member.objects.create(
        panel=panel,
        pseudonym=f"P{Member.objects.count() + 1:05d}",
        profile=profile,
        source=Member.Source.STAFF,
        consented_at=timezone.now(),
        privacy_notice_version=1,
        manage_token_hash=token_hash(token_new()),
    )


def problems(text):
    with pytest.raises(ValidationError) as refused:
        margins_parse(text)
    return refused.value.message_dict["csv_file"]


def test_the_demo_margins_import_with_labels_and_questions(lead, panel):
    features = margins_import(actor=lead, panel=panel, csv_text=DEMO.read_text(encoding="utf-8"))

    assert [feature.key for feature in features] == [
        "age",
        "sex",
        "ethnicity",
        "disability",
        "ward",
        "tenure",
    ]
    age = ProfileFeature.objects.get(panel=panel, key="age")
    assert age.question == "How old are you?"
    assert [value.label for value in age.values.all()][-1] == "75 or over"
    assert panel.features.get(key="ward").values.count() == 8
    margins = core_margins(panel=panel)
    for feature in margins.features:
        assert sum(margins.shares(feature).values()) == pytest.approx(1)
    assert RepresentativenessSnapshot.objects.filter(panel=panel).count() == 1


def test_missing_labels_and_questions_are_made_readable_from_the_keys(lead, panel):
    margins_import(
        actor=lead,
        panel=panel,
        csv_text="feature,value,count\nage_band,16-24,300\nage_band,75+,700\n"
        "home_type,flat_or_maisonette,400\nhome_type,house,600\n",
    )

    age = panel.features.get(key="age_band")
    assert age.label == "Age band"
    assert age.question == "How old are you?"
    assert [value.label for value in age.values.all()] == ["16 to 24", "75 or over"]
    assert [value.share for value in age.values.all()] == [Decimal("0.3"), Decimal("0.7")]
    home = panel.features.get(key="home_type")
    assert home.question == "Which of these best describes you: home type?"
    assert home.values.first().label == "Flat or maisonette"
    assert readable("old-town") == "Old town"


def test_an_unknown_column_is_refused_on_line_1():
    assert problems("feature,value,share,colour\nage,a,1,red\n") == [
        (
            "Line 1: unknown column colour (the columns can be: feature, value, share, count, "
            "label, feature_label, question)"
        )
    ]


def test_shares_that_do_not_sum_to_1_are_refused_with_the_feature_line():
    found = problems("feature,value,share\nsex,female,0.5\nsex,male,0.4\nage,all,1\n")
    assert found == ["Line 2: the shares of 'sex' sum to 0.9, not 1 (within 0.005)"]


def test_counts_are_read_as_shares_of_one_population():
    read = margins_parse("feature,value,count\nsex,female,510\nsex,male,490\nage,all,1000\n")
    assert [(value.value, value.share) for value in read[0].values] == [
        ("female", Decimal("0.51")),
        ("male", Decimal("0.49")),
    ]
    found = problems("feature,value,count\nsex,female,510\nsex,male,490\nage,young,400\n")
    assert found == [
        (
            "Line 4: the counts of 'age' add up to 400 but those of 'sex' to 1000: the margins "
            "must describe one population"
        )
    ]


CENSUS = (
    '"Lower tier local authorities Code","Lower tier local authorities",'
    '"Tenure of household (3 categories) Code","Tenure of household (3 categories)",'
    '"Observation"\n'
    "E06000001,Calderbrook,1,Owned,600\n"
    "E06000001,Calderbrook,2,Social rented,250\n"
    "E06000001,Calderbrook,3,Private rented or lives rent free,150\n"
)


def test_an_ons_census_table_imports_as_downloaded_with_its_labels(lead, panel):
    margins_import(actor=lead, panel=panel, csv_text=CENSUS)
    tenure = panel.features.get()
    assert (tenure.key, tenure.label) == ("tenure_of_household", "Tenure of household")
    assert [(value.value, value.label, value.share) for value in tenure.values.all()] == [
        ("owned", "Owned", Decimal("0.6")),
        ("social-rented", "Social rented", Decimal("0.25")),
        ("private-rented-or-lives-rent-free", "Private rented or lives rent free", Decimal("0.15")),
    ]


def test_an_ons_census_table_with_a_bad_row_is_refused_with_its_line(lead, panel):
    found = problems(CENSUS.replace(",250\n", ",[c]\n"))
    assert found == ["Line 3: the observation '[c]' is not a number"]


def test_every_problem_is_listed_with_its_line():
    found = problems(
        "feature,value,share\n"
        "age,16-24,0.5\n"
        "age,16-24,0.5\n"
        "sex,,1\n"
        "tenure,owner,lots\n"
        "Age Band,x,1\n"
    )
    assert found == [
        "Line 3: age '16-24' is repeated (first at line 2)",
        "Line 4: the feature and the value must not be blank",
        "Line 5: the share 'lots' is not a number",
        (
            "Line 6: the feature 'Age Band' must be a short key of letters, numbers, - or _ "
            "(for example age_band): put the words people read in feature_label"
        ),
    ]


def test_an_empty_file_and_a_header_alone_are_refused():
    assert problems("") == ["Line 1: the file is empty"]
    assert problems("feature,value,share\n") == ["Line 2: the file has a header but no margins"]


def test_a_header_without_the_columns_is_refused():
    found = problems("name,age\nJo,34\n")
    assert any(problem.startswith("Line 1: unknown column name, age") for problem in found)
    assert any(
        "Line 1: the header lacks the columns feature, value" in problem for problem in found
    )


def test_text_the_csv_reader_cannot_read_is_refused():
    found = problems('feature,value,share\nage,"' + "x" * 200_000 + '",1\n')
    assert found[0].startswith("The selected file must be a CSV file (field larger than")


def test_two_questions_for_one_feature_are_refused():
    found = problems(
        "feature,value,share,question\nage,young,0.5,How old are you?\nage,old,0.5,Your age?\n"
    )
    assert found == [
        (
            "Line 3: the question of 'age' differs from the one at line 2: give each feature one "
            "question, or leave it blank after the first row"
        )
    ]


def test_a_value_too_long_for_the_database_is_refused():
    found = problems(f"feature,value,share\nage,{'x' * 101},1\n")
    assert found == ["Line 2: the value must be 100 characters or fewer"]


def test_a_refused_file_changes_nothing(lead, panel):
    margins_import(actor=lead, panel=panel, csv_text=SIMPLE)

    with pytest.raises(ValidationError):
        margins_import(
            actor=lead, panel=panel, csv_text="feature,value,share\nage,16-34,0.9\nage,35+,0.6\n"
        )

    assert ProfileValue.objects.get(feature__panel=panel, value="16-34").share == Decimal("0.4")
    assert panel.features.count() == 2


def test_reimporting_updates_shares_and_keeps_what_members_hold(lead, panel):
    margins_import(actor=lead, panel=panel, csv_text=SIMPLE)
    member(panel, age="16-34", ward="east")
    value_pk = ProfileValue.objects.get(feature__panel=panel, value="16-34").pk

    margins_import(
        actor=lead,
        panel=panel,
        csv_text="feature,value,share,label\nage,16-34,0.3,16 to 34\nage,35+,0.7,35 or over\n"
        "ward,east,0.5,East\nward,west,0.5,West\ntenure,owner,1,Owner\n",
    )

    value = ProfileValue.objects.get(pk=value_pk)
    assert value.share == Decimal("0.3")
    assert value.label == "16 to 34"
    assert list(panel.features.values_list("key", flat=True)) == ["age", "ward", "tenure"]


def test_reimporting_without_a_value_members_hold_is_refused_naming_it(lead, panel):
    margins_import(actor=lead, panel=panel, csv_text=SIMPLE)
    member(panel, age="16-34", ward="east")
    member(panel, age="35+", ward="east")
    member(panel, age="35+", ward="west")

    with pytest.raises(ValidationError) as refused:
        margins_import(
            actor=lead,
            panel=panel,
            csv_text="feature,value,share\nage,16-34,0.4\nage,35-64,0.4\nage,65+,0.2\n"
            "ward,west,1\n",
        )

    assert refused.value.message_dict["csv_file"] == [
        "age '35+' is held by 2 members but is not in the new margins: keep it in the file",
        "ward 'east' is held by 2 members but is not in the new margins: keep it in the file",
    ]
    assert ProfileValue.objects.filter(feature__panel=panel, value="35+").exists()


def test_a_value_only_erased_members_held_can_go(lead, panel):
    margins_import(actor=lead, panel=panel, csv_text=SIMPLE)
    gone = member(panel, age="16-34", ward="east")
    gone.status = Member.Status.ERASED
    gone.save()

    margins_import(actor=lead, panel=panel, csv_text="feature,value,share\nward,west,1\n")

    assert list(panel.features.values_list("key", flat=True)) == ["ward"]


def test_a_viewer_or_another_organisations_lead_cannot_import(viewer, panel):
    with pytest.raises(PermissionDenied):
        margins_import(actor=viewer, panel=panel, csv_text=SIMPLE)
    stranger = MembershipFactory(role=Role.ENGAGEMENT_LEAD)
    with pytest.raises(PermissionDenied):
        margins_import(actor=stranger, panel=panel, csv_text=SIMPLE)
    assert not panel.features.exists()


def test_the_downloaded_margins_and_the_template_import_again(lead, panel):
    margins_import(actor=lead, panel=panel, csv_text=DEMO.read_text(encoding="utf-8"))
    again = margins_parse(margins_csv(panel=panel))
    assert [feature.label for feature in again][-1] == "Home"
    assert len(margins_parse(margins_template_csv())) == 2


# The page


def url(panel, suffix="margins/import/"):
    return f"/o/{panel.organisation.slug}/panels/{panel.pk}/{suffix}"


def upload(content, name="margins.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_the_import_page_imports_and_shows_the_table(client_for, lead, panel):
    client = client_for(lead.user)

    response = client.post(url(panel), {"csv_file": upload(DEMO.read_bytes())})

    assert response.status_code == 302
    assert response["Location"] == url(panel, "margins/")
    page = client.get(url(panel, "margins/")).content.decode()
    assert "Harbourside" in page
    assert "How old are you?" in page
    assert "14.0%" in page


def test_the_import_page_lists_every_problem_with_its_line(client_for, lead, panel):
    response = client_for(lead.user).post(
        url(panel), {"csv_file": upload(b"feature,value,share\nage,a,0.5\nage,a,0.5\nsex,m,x\n")}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Line 3: age &#x27;a&#x27; is repeated (first at line 2)" in page
    assert "Line 4: the share &#x27;x&#x27; is not a number" in page
    assert not panel.features.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe\x00f\x00e", "The selected file must be a CSV file saved as UTF-8 text"),
        (b"PK\x03\x04\x00\x00binary", "The selected file must be a CSV file saved as UTF-8 text"),
        (b"", "The selected file is empty"),
        (b"  \n\n", "The selected file is empty"),
        (b"feature,value,share\n" + b"a,b,1\n" * 200_000, "smaller than 1MB"),
        (b'feature,value,share\nage,"unclosed,1\n', "Line 2: the row has 2 fields, the header 3"),
    ],
)
def test_a_file_that_is_not_a_small_utf8_csv_is_refused(client_for, lead, panel, content, message):
    response = client_for(lead.user).post(url(panel), {"csv_file": upload(content)})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not panel.features.exists()


def test_the_template_downloads_as_csv(client_for, viewer, panel):
    response = client_for(viewer.user).get(
        f"/o/{panel.organisation.slug}/panels/margins-template.csv"
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode().startswith("feature,value,share,label,feature_label,question")


def test_a_viewer_sees_the_margins_but_cannot_import(client_for, viewer, panel):
    client = client_for(viewer.user)
    assert client.get(url(panel, "margins/")).status_code == 200
    assert client.get(url(panel)).status_code == 403
    assert client.post(url(panel), {"csv_file": upload(SIMPLE.encode())}).status_code == 403
    assert not panel.features.exists()
