"""The jury's hub page links to every part of running the jury, and each page links back."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_hub_links_to_the_process_pages(client_for, viewer, jury):
    hub = reverse(
        "juries:jury_detail", kwargs={"organisation": jury.organisation.slug, "pk": jury.pk}
    )
    page = client_for(viewer.user).get(hub).content.decode()
    assert "Running the jury" in page
    for name in (
        "programme",
        "witness_list",
        "evidence_list",
        "question_list",
        "facilitator",
        "recommendation_list",
        "final_report",
    ):
        url = reverse(
            f"juries:{name}", kwargs={"organisation": jury.organisation.slug, "pk": jury.pk}
        )
        assert f'href="{url}"' in page, name
        assert f'href="{hub}"' in client_for(viewer.user).get(url).content.decode(), name
