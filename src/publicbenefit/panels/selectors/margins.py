"""A panel's population margins as the weighting core reads them, and its members' profiles."""

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
    return list(panel.members.filter(status=Member.Status.ACTIVE))
