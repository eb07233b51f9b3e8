"""factory_boy factories for people, organisations, memberships and invitations.

Every person made here signs in with ``PASSWORD``. An invitation built with ``token="..."`` stores
only the hash of that token, as a sent invitation does, so tests can open its link.
"""

from datetime import timedelta

import factory
from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory, Password

from publicbenefit.accounts.models import Invitation, Membership, Organisation, User
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tokens import token_hash

#: The password of every person the factories make.
PASSWORD = "a-long-enough-test-password"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n} Example")
    password = Password(PASSWORD)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Example Council {n}")
    slug = factory.LazyAttribute(lambda organisation: slugify(organisation.name))
    kind = Organisation.Kind.COUNCIL


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.VIEWER

    class Params:
        administrator = factory.Trait(role=Role.ADMINISTRATOR)


class InvitationFactory(DjangoModelFactory):
    """An open invitation. Pass ``token`` for one that has been sent with that secret."""

    class Meta:
        model = Invitation

    class Params:
        token = None
        expired = factory.Trait(
            expires_at=factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=1))
        )
        withdrawn = factory.Trait(withdrawn_at=factory.LazyFunction(timezone.now))
        accepted = factory.Trait(accepted_at=factory.LazyFunction(timezone.now))

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = Role.VIEWER
    invited_by = None
    token_hash = factory.LazyAttribute(
        lambda invitation: token_hash(invitation.token) if invitation.token else None
    )
    sent_at = factory.LazyAttribute(lambda invitation: timezone.now() if invitation.token else None)
    expires_at = factory.LazyFunction(lambda: timezone.now() + settings.INVITATION_VALID_FOR)
