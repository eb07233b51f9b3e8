"""``publicbenefit organisation_create``: for operators, create an organisation and invite its
first administrator by email."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from publicbenefit.accounts.models import Organisation
from publicbenefit.accounts.services import (
    invitation_create_first_administrator,
    organisation_create,
)


class Command(BaseCommand):
    help = "Create an organisation and email an invitation to its first administrator."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="The organisation's full name.")
        parser.add_argument(
            "--kind",
            required=True,
            choices=Organisation.Kind.values,
            help="What kind of body it is.",
        )
        parser.add_argument(
            "--administrator",
            required=True,
            metavar="EMAIL",
            help="Email address of the first administrator, who will be sent an invitation.",
        )
        parser.add_argument("--slug", default="", help="Short name for web addresses.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with transaction.atomic():
                organisation = organisation_create(
                    name=options["name"], kind=options["kind"], slug=options["slug"]
                )
                invitation = invitation_create_first_administrator(
                    organisation=organisation, email=options["administrator"]
                )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {organisation.name} (/o/{organisation.slug}/) and invited "
                f"{invitation.email} as its administrator."
            )
        )
