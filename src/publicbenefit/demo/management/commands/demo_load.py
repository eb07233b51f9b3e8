"""``publicbenefit demo_load``: load the demo data (safe to run again) and say how to sign in."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from publicbenefit.demo.people import DEMO_PASSWORD, PEOPLE
from publicbenefit.demo.services import demo_load


class Command(BaseCommand):
    help = "Load realistic demo data for the fictional city of Calderbrook and print a login."

    def handle(self, *args: Any, **options: Any) -> None:
        loaded = demo_load()
        self.stdout.write(
            f"Demo data ready ({loaded.organisations_created} organisations, "
            f"{loaded.people_created} people, {loaded.memberships_created} memberships, "
            f"{loaded.proposals_created} proposals, {loaded.engagement_plans_created} "
            f"engagement plans, {loaded.panels_created} Citizens' "
            f"{'Panel' if loaded.panels_created == 1 else 'Panels'}, "
            f"{loaded.juries_created} Citizens' "
            f"{'Jury' if loaded.juries_created == 1 else 'Juries'}, "
            f"{loaded.dialogues_created} Distributed "
            f"{'Dialogue' if loaded.dialogues_created == 1 else 'Dialogues'}, "
            f"{loaded.register_entries_created} "
            f"{'proposal' if loaded.register_entries_created == 1 else 'proposals'} on the "
            f"public register and {loaded.decisions_published} published "
            f"{'decision' if loaded.decisions_published == 1 else 'decisions'} added this time)."
        )
        self.stdout.write(f"Public register: {settings.SITE_URL}/register/")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Sign in at {settings.SITE_URL}/sign-in/"))
        self.stdout.write(f"  email:    {PEOPLE[0].email}  ({PEOPLE[0].full_name}, administrator)")
        self.stdout.write(f"  password: {DEMO_PASSWORD}")
        self.stdout.write("")
        self.stdout.write("Other demo accounts, same password:")
        for person in PEOPLE[1:]:
            roles = ", ".join(f"{role} at {slug}" for slug, role in person.memberships)
            self.stdout.write(f"  {person.email:34} {roles}")
