"""Every staff page of the selection is closed to other organisations (not found, with their own
organisation's address) and to people who are not signed in."""

import pytest
from django.urls import reverse

from publicbenefit.juries.services.draw import draw_make
from publicbenefit.juries.services.lottery import lottery_compute, lottery_request
from publicbenefit.juries.services.pool import letter_batch_import
from publicbenefit.juries.tests.selection.conftest import url

pytestmark = pytest.mark.django_db

#: Every staff page of a jury, with the extra ids it takes.
PAGES = [
    ("jury_detail", ()),
    ("jury_settings", ()),
    ("quotas", ()),
    ("quotas_accept", ()),
    ("margins_import", ()),
    ("quotas_import", ()),
    ("quotas_download", ()),
    ("pool", ()),
    ("pool_import", ()),
    ("volunteer_detail", ("volunteer_pk",)),
    ("letter_batches", ()),
    ("letter_batch_upload", ()),
    ("letter_batch", ("batch_pk",)),
    ("letters_make", ("batch_pk",)),
    ("letters_download", ("batch_pk",)),
    ("lottery_list", ()),
    ("lottery_create", ()),
    ("lottery_detail", ("lottery_pk",)),
    ("draw_create", ("lottery_pk",)),
    ("draw_detail", ("draw_pk",)),
    ("draw_audit_json", ("draw_pk",)),
    ("draw_people_csv", ("draw_pk",)),
    ("draw_quotas_csv", ("draw_pk",)),
    ("juror_list", ()),
    ("juror_drop", ("juror_pk",)),
    ("juror_replace", ("juror_pk",)),
]


@pytest.fixture
def ids(lead, pooled_jury):
    lottery = lottery_compute(
        lottery_id=lottery_request(actor=lead, jury=pooled_jury, algorithm="maximin").pk
    )
    drawn = draw_make(actor=lead, lottery=lottery, seed=3)
    batch = letter_batch_import(
        actor=lead,
        jury=pooled_jury,
        name="Sample",
        data=b"address_line_1,town,postcode\n1 High Street,Calderbrook,AB1 2CD\n",
    )
    return {
        "jury": pooled_jury,
        "volunteer_pk": pooled_jury.volunteers.first().pk,
        "batch_pk": batch.pk,
        "lottery_pk": lottery.pk,
        "draw_pk": drawn.draw.pk,
        "juror_pk": drawn.draw.jurors.first().pk,
    }


@pytest.mark.parametrize(("name", "extra"), PAGES)
def test_other_organisations_get_not_found(client_for, other_lead, ids, name, extra):
    address = url(
        name,
        organisation=other_lead.organisation.slug,
        pk=ids["jury"].pk,
        **{key: ids[key] for key in extra},
    )
    client = client_for(other_lead.user)
    assert client.get(address).status_code == 404
    assert client.post(address, {}).status_code == 404


@pytest.mark.parametrize(("name", "extra"), PAGES)
def test_pages_need_signing_in(client, pooled_jury, ids, name, extra):
    response = client.get(url(name, pooled_jury, **{key: ids[key] for key in extra}))
    assert response.status_code == 302
    assert "login" in response["Location"] or "sign-in" in response["Location"]


def test_the_list_and_create_pages_need_signing_in(client, organisation):
    for name in ("jury_list", "jury_create"):
        response = client.get(reverse(f"juries:{name}", kwargs={"organisation": organisation.slug}))
        assert response.status_code == 302
