"""Who must use two-factor authentication.

Anyone whose role, in any organisation they belong to, can see personal data or administer
(administrators and engagement leads) must sign in with a code from an authenticator app as
well as their password. Everyone else may choose to, from "Your account". Operators can relax
the rule on a developer's machine with the ``TWO_FACTOR_REQUIRED`` setting.
"""

from django.conf import settings

from publicbenefit.accounts.models import Membership, User
from publicbenefit.accounts.roles import ROLE_CAPABILITIES, Capability

#: A role with any of these capabilities needs two-factor authentication.
TWO_FACTOR_CAPABILITIES = frozenset({Capability.MANAGE_MEMBERS, Capability.ENGAGE})

#: The roles that need it, worked out from what each role may do.
TWO_FACTOR_ROLES = frozenset(
    role
    for role, capabilities in ROLE_CAPABILITIES.items()
    if capabilities & TWO_FACTOR_CAPABILITIES
)


def two_factor_required(user: User) -> bool:
    """Whether ``user`` must set up and use two-factor authentication to reach staff pages."""
    if not getattr(settings, "TWO_FACTOR_REQUIRED", True) or not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, role__in=TWO_FACTOR_ROLES).exists()
