"""Loading the demo data. Running it again changes nothing that is already there."""

from dataclasses import dataclass

from django.db import transaction

from publicbenefit.accounts.models import Membership, Organisation, User
from publicbenefit.demo.people import DEMO_PASSWORD, ORGANISATIONS, PEOPLE


@dataclass(frozen=True)
class DemoLoaded:
    organisations_created: int
    people_created: int
    memberships_created: int


@transaction.atomic
def demo_load() -> DemoLoaded:
    """Create the demo organisations, people and memberships that are missing."""
    organisations: dict[str, Organisation] = {}
    organisations_created = people_created = memberships_created = 0
    for demo_organisation in ORGANISATIONS:
        organisation, created = Organisation.objects.get_or_create(
            slug=demo_organisation.slug,
            defaults={"name": demo_organisation.name, "kind": demo_organisation.kind},
        )
        organisations[demo_organisation.slug] = organisation
        organisations_created += created
    for person in PEOPLE:
        user = User.objects.filter(email=person.email).first()
        if user is None:
            user = User.objects.create_user(
                email=person.email, password=DEMO_PASSWORD, full_name=person.full_name
            )
            people_created += 1
        for slug, role in person.memberships:
            _, created = Membership.objects.get_or_create(
                user=user, organisation=organisations[slug], defaults={"role": role}
            )
            memberships_created += created
    return DemoLoaded(organisations_created, people_created, memberships_created)
