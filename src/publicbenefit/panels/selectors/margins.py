"""A panel's population margins as the weighting core reads them, and its members' profiles."""

from typing import Any

from django.db.models import Prefetch

from publicbenefit.core.weighting import Margins
from publicbenefit.panels.models import Member, Panel, ProfileFeature, ProfileValue


def features(*, panel: Panel) -> list[ProfileFeature]:
    """The panel's profile features in order, each with its values prefetched in order."""
    return list(
        panel.features.prefetch_related(
            Prefetch("values", queryset=ProfileValue.objects.order_by("order", "pk"))
        )
    )


def core_margins(*, panel: Panel) -> Margins:
    """The margins (each feature's population shares) for ``publicbenefit.core.weighting``."""
    return Margins.from_shares(
        {
            feature.key: {value.value: float(value.share) for value in feature.values.all()}
            for feature in features(panel=panel)
        }
    )


def active_members(*, panel: Panel) -> list[Member]:
    """The panel's active members. Their name, phone and postal address (encrypted, and not
    needed to count, sample or weight) are left unread until asked for; the email address is
    read, since whether there is one decides how a member is invited."""
    return list(
        panel.members.filter(status=Member.Status.ACTIVE).defer("name", "phone", "postal_address")
    )


def active_profiles(*, panel: Panel) -> list[dict[str, Any]]:
    """The profile of each active member, without reading anything else about them."""
    return list(panel.members.filter(status=Member.Status.ACTIVE).values_list("profile", flat=True))
