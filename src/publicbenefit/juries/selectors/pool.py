"""Reads for a jury's pool: how many volunteers there are, how many hold each value against its
quota (so a thin pool shows), the volunteers by pseudonym, one volunteer with contact details
(for members who run juries), and the letter batches."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from publicbenefit.juries.models import Jury, JuryLetterBatch, JuryValue, Volunteer
from publicbenefit.juries.selectors.quotas import features

PAGE_SIZE = 50


def in_pool(*, jury: Jury) -> QuerySet[Volunteer]:
    """The volunteers in the pool now, in the order they joined."""
    return jury.volunteers.filter(status=Volunteer.Status.IN_POOL).order_by("joined_at", "pk")


@dataclass(frozen=True)
class ValueCount:
    """How many in the pool hold one value, against its quota."""

    value: JuryValue
    count: int

    @property
    def thin(self) -> bool:
        """Fewer in the pool than the quota's minimum: no jury can meet it."""
        return self.count < self.value.minimum

    @property
    def scarce(self) -> bool:
        """Fewer than twice the minimum: those volunteers will be drawn often."""
        return not self.thin and self.count < 2 * self.value.minimum


def value_counts(*, jury: Jury) -> list[tuple[str, list[ValueCount]]]:
    """Per feature (its label), each value with how many in the pool hold it."""
    counts: dict[tuple[str, str], int] = {}
    for profile in in_pool(jury=jury).values_list("profile", flat=True):
        for pair in profile.items():
            counts[pair] = counts.get(pair, 0) + 1
    return [
        (
            feature.label,
            [
                ValueCount(value=value, count=counts.get((feature.key, value.value), 0))
                for value in feature.values.all()
            ],
        )
        for feature in features(jury=jury)
    ]


def pool_page(*, jury: Jury, page: str | int | None) -> Page:
    """One page of the pool, by pseudonym."""
    return Paginator(in_pool(jury=jury), PAGE_SIZE).get_page(page)


def volunteer_get(*, jury: Jury, pk: int) -> Volunteer:
    """One of the jury's volunteers, with contact details; 404 for another jury's."""
    return get_object_or_404(Volunteer, jury=jury, pk=pk)


def letter_batches(*, jury: Jury) -> QuerySet[JuryLetterBatch]:
    """The jury's letter batches, newest first, with how many letters and how many used."""
    return jury.letter_batches.annotate(
        letters_count=Count("letters"),
        used=Count("letters", filter=Q(letters__used_at__isnull=False)),
    )


def letter_batch_get(*, jury: Jury, pk: int) -> JuryLetterBatch:
    return get_object_or_404(JuryLetterBatch, jury=jury, pk=pk)


def letters_file_name(batch_id: int) -> str:
    """Where a batch's letters PDF is kept in the default storage."""
    return f"jury-letters/{batch_id}.pdf"


def letters_file_ready(batch_id: int) -> bool:
    """Whether the batch's letters PDF has been made."""
    from django.core.files.storage import default_storage  # noqa: PLC0415

    return bool(default_storage.exists(letters_file_name(batch_id)))
