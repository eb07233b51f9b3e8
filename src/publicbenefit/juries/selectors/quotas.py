"""Reads for a jury's quotas: the features and values with their population shares, the quotas
proposed from the shares for the jury's size, the quotas as the selection core reads them and as
a CSV file in the Sortition Foundation's format.

The proposal: each feature's shares (made to add up to 1) are multiplied by the jury size and
rounded by the largest-remainder method, so that each feature's numbers add up to the size
exactly (everyone gets the whole part of their share; the places left go to the largest
fractions, earlier values first on a tie). Each quota is then that number give or take the jury's
tolerance: minimum = max(0, number - tolerance), maximum = number + tolerance (never more than the
jury size).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from publicbenefit.common.csv_safety import csv_text
from publicbenefit.core.selection import Quota
from publicbenefit.juries.models import Jury, JuryFeature, JuryValue


def features(*, jury: Jury) -> list[JuryFeature]:
    """The jury's features in order, each with its values prefetched in order."""
    return list(
        jury.features.prefetch_related(
            Prefetch("values", queryset=JuryValue.objects.order_by("order", "pk"))
        )
    )


def largest_remainder(shares: list[Decimal], size: int) -> list[int]:
    """Whole numbers adding up to ``size`` in proportion to ``shares`` (largest remainders;
    ties go to the earlier share). All-zero shares give zeros."""
    total = sum(shares, Decimal(0))
    if total <= 0 or size <= 0:
        return [0] * len(shares)
    exact = [share / total * size for share in shares]
    whole = [int(number) for number in exact]
    left = size - sum(whole)
    order = sorted(range(len(shares)), key=lambda i: (-(exact[i] - whole[i]), i))
    for i in order[:left]:
        whole[i] += 1
    return whole


@dataclass(frozen=True)
class Proposed:
    """The quota proposed for one value: its share of the jury, and the range around it."""

    number: int
    minimum: int
    maximum: int


def proposed_quotas(*, jury: Jury) -> dict[int, Proposed]:
    """The proposed quota of each value (by the value's pk), from its share, for the jury's
    size and tolerance. Values without a share get none."""
    proposals: dict[int, Proposed] = {}
    tolerance = jury.quota_tolerance
    for feature in features(jury=jury):
        values = [value for value in feature.values.all() if value.share is not None]
        numbers = largest_remainder([Decimal(value.share) for value in values], jury.size)
        for value, number in zip(values, numbers, strict=True):
            proposals[value.pk] = Proposed(
                number=number,
                minimum=max(0, number - tolerance),
                maximum=min(jury.size, number + tolerance),
            )
    return proposals


@dataclass(frozen=True)
class QuotaRow:
    """One row of the quotas table."""

    value: JuryValue
    percent: str
    proposed: Proposed | None


@dataclass(frozen=True)
class QuotaTable:
    """One feature's rows, with the totals of its minimums and maximums."""

    feature: JuryFeature
    rows: list[QuotaRow]
    least: int
    most: int


def quota_tables(*, jury: Jury) -> list[QuotaTable]:
    """Each feature's values with share, proposed quota and current quota."""
    proposals = proposed_quotas(jury=jury)
    tables = []
    for feature in features(jury=jury):
        values = list(feature.values.all())
        tables.append(
            QuotaTable(
                feature=feature,
                rows=[
                    QuotaRow(
                        value=value,
                        percent="" if value.share is None else f"{float(value.share) * 100:.1f}%",
                        proposed=proposals.get(value.pk),
                    )
                    for value in values
                ],
                least=sum(value.minimum for value in values),
                most=sum(value.maximum for value in values),
            )
        )
    return tables


def core_quotas(*, jury: Jury) -> tuple[Quota, ...]:
    """The jury's quotas as the selection core reads them."""
    return tuple(
        Quota(
            feature=feature.key,
            value=value.value,
            min=value.minimum,
            max=value.maximum,
            min_flex=value.min_flex,
            max_flex=value.max_flex,
        )
        for feature in features(jury=jury)
        for value in feature.values.all()
    )


QUOTA_HEADER = ("feature", "value", "min", "max", "min_flex", "max_flex")


def quotas_csv(*, jury: Jury) -> str:
    """The quotas in the Sortition Foundation's format, every cell safe for a spreadsheet."""
    return csv_text(
        QUOTA_HEADER,
        (
            (q.feature, q.value, q.min, q.max, q.min_flex, q.max_flex)
            for q in core_quotas(jury=jury)
        ),
    )


def value_index(*, jury: Jury) -> dict[tuple[str, str], JuryValue]:
    """Every value of the jury by ``(feature key, value)``."""
    return {
        (feature.key, value.value): value
        for feature in features(jury=jury)
        for value in feature.values.all()
    }
