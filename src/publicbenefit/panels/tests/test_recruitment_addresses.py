"""Importing a sample of addresses: the happy path, header variants, every kind of bad row
(each refusing the whole file with the row and reason, saving nothing), and who may do it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory, OrganisationFactory
from publicbenefit.panels.codes import code_display
from publicbenefit.panels.models import Address, AddressBatch
from publicbenefit.panels.services import recruitment as services
from publicbenefit.panels.tests.test_recruitment_builders import panel_make

pytestmark = pytest.mark.django_db

GOOD = (
    "address_line_1,address_line_2,town,postcode,area\n"
    "1 Mill Lane,,Calderbrook,cb1 2ab,Riverside\n"
    "Flat 2,3 High Street,Calderbrook,CB12AB,Riverside\n"
    "4 Station Road,,Calderbrook,CB3 9ZZ,Hillside\n"
)


@pytest.fixture
def lead(organisation):
    return MembershipFactory(organisation=organisation, role=Role.ENGAGEMENT_LEAD)


@pytest.fixture
def panel(lead):
    return panel_make(lead)


def refusal(lead, panel, text, **kwargs):
    data = text.encode() if isinstance(text, str) else text
    with pytest.raises(ValidationError) as error:
        services.address_batch_import(actor=lead, panel=panel, name="Sample", data=data, **kwargs)
    assert AddressBatch.objects.count() == 0
    assert Address.objects.count() == 0
    return error.value.message_dict["file"]


def test_addresses_are_imported_each_with_its_own_code(lead, panel):
    batch = services.address_batch_import(
        actor=lead, panel=panel, name=" Spring ", data=GOOD.encode()
    )
    assert batch.name == "Spring"
    addresses = list(batch.addresses.order_by("pk"))
    assert [a.postcode for a in addresses] == ["CB1 2AB", "CB1 2AB", "CB3 9ZZ"]
    assert addresses[1].line_2 == "3 High Street"
    assert addresses[2].area == "Hillside"
    assert len({a.code for a in addresses}) == 3
    assert all(len(a.code) == 8 and a.used_at is None for a in addresses)


def test_common_header_variants_are_accepted_in_any_case(lead, panel):
    text = "Address Line 1,Address 2,City,Post Code,Ward\n1 Mill Lane,,Calderbrook,CB1 2AB,North\n"
    batch = services.address_batch_import(
        actor=lead, panel=panel, name="Sample", data=("\ufeff" + text).encode()
    )
    address = batch.addresses.get()
    assert (address.line_1, address.town, address.postcode, address.area) == (
        "1 Mill Lane",
        "Calderbrook",
        "CB1 2AB",
        "North",
    )


def test_every_bad_row_is_listed_with_its_number_and_reason(lead, panel):
    text = (
        "address_line_1,address_line_2,town,postcode\n"
        "1 Mill Lane,,Calderbrook,CB1 2AB\n"
        ",,Calderbrook,CB1 2AB\n"
        "3 Mill Lane,,,CB1 2AB\n"
        "4 Mill Lane,,Calderbrook,\n"
        "5 Mill Lane,,Calderbrook,NOT A CODE\n"
        "1  mill lane,,Calderbrook,cb12ab\n"
    )
    problems = refusal(lead, panel, text)
    assert problems == [
        "Row 3: address_line_1 is empty",
        "Row 4: town is empty",
        "Row 5: postcode is empty",
        "Row 6: “NOT A CODE” is not a valid UK postcode",
        "Row 7: the same address as row 2",
    ]


def test_a_file_without_a_required_column_is_refused(lead, panel):
    assert refusal(lead, panel, "street,town\n1 Mill Lane,Calderbrook\n") == [
        "The file has no address_line_1 column",
        "The file has no postcode column",
    ]


def test_a_file_that_is_not_utf8_is_refused(lead, panel):
    data = "address_line_1,town,postcode\nCafé Row,Calderbrook,CB1 2AB\n".encode("latin-1")
    assert refusal(lead, panel, data) == ["The selected file must be a CSV file saved as UTF-8"]


def test_a_file_over_5mb_is_refused(lead, panel):
    data = b"address_line_1,town,postcode\n" + b"x" * (5 * 1024 * 1024)
    assert refusal(lead, panel, data) == ["The selected file must be smaller than 5MB"]


def test_too_many_rows_are_refused(lead, panel, monkeypatch):
    monkeypatch.setattr(services, "MAX_ADDRESSES", 2)
    message = (
        "The selected file has 3 addresses: one file can hold at most 2. "
        "Split it into smaller files."
    )
    assert refusal(lead, panel, GOOD) == [message]


def test_an_empty_file_and_a_file_of_headers_are_refused(lead, panel):
    assert refusal(lead, panel, "  \n") == ["The selected file is empty"]
    assert refusal(lead, panel, "address_line_1,town,postcode\n,,\n") == [
        "The selected file has no addresses"
    ]


def test_a_field_too_long_is_refused(lead, panel):
    text = f"address_line_1,town,postcode\n{'x' * 201},Calderbrook,CB1 2AB\n"
    assert refusal(lead, panel, text) == ["Row 2: address_line_1 is longer than 200 characters"]


def test_a_viewer_and_another_organisation_may_not_import(viewer, panel):
    with pytest.raises(PermissionDenied):
        services.address_batch_import(actor=viewer, panel=panel, name="S", data=GOOD.encode())
    stranger = MembershipFactory(organisation=OrganisationFactory(), role=Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        services.address_batch_import(actor=stranger, panel=panel, name="S", data=GOOD.encode())


# The pages.


def url(panel, suffix=""):
    return f"/o/{panel.organisation.slug}/panels/{panel.pk}/addresses/{suffix}"


def test_the_lead_uploads_a_file_and_sees_the_batch_with_its_counts(client_for, lead, panel):
    client = client_for(lead.user)
    upload = SimpleUploadedFile("sample.csv", GOOD.encode(), content_type="text/csv")
    response = client.post(url(panel, "upload/"), {"name": "Spring", "file": upload}, follow=True)
    assert response.status_code == 200
    assert "3 addresses imported, each with its own code" in response.content.decode()
    batch = AddressBatch.objects.get()
    first = batch.addresses.order_by("pk").first()
    first.used_at = first.batch.imported_at
    first.save()
    page = client.get(url(panel)).content.decode()
    assert "Spring" in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">3</td>' in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in page
    # The codes are for letters, not for the staff pages.
    assert code_display(first.code) not in page


def test_a_bad_file_shows_each_row_on_the_form(client_for, lead, panel):
    upload = SimpleUploadedFile(
        "sample.csv",
        b"address_line_1,town,postcode\n1 Mill Lane,,CB1 2AB\n",
        content_type="text/csv",
    )
    response = client_for(lead.user).post(url(panel, "upload/"), {"name": "Spring", "file": upload})
    assert response.status_code == 200
    assert "Row 2: town is empty" in response.content.decode()
    assert AddressBatch.objects.count() == 0


def test_a_viewer_sees_batches_but_may_not_upload(client_for, viewer, panel):
    client = client_for(viewer.user)
    assert client.get(url(panel)).status_code == 200
    assert client.get(url(panel, "upload/")).status_code == 403


def test_another_organisations_panel_is_not_found(client_for, panel):
    stranger = MembershipFactory(organisation=OrganisationFactory(), role=Role.ADMINISTRATOR)
    client = client_for(stranger.user)
    assert (
        client.get(f"/o/{stranger.organisation.slug}/panels/{panel.pk}/addresses/").status_code
        == 404
    )
