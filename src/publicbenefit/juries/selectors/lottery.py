"""Reads for a jury's lotteries: the inputs a lottery is computed from (the pool and quotas as
the CSV texts ``publicbenefit select`` reads, so that anyone can re-run it), the selection core's
task built from them, the lotteries computed so far, each volunteer's probability beside the
legacy method's, and a comparison of the methods."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from publicbenefit.common.csv_safety import csv_text
from publicbenefit.core.selection import (
    SelectionTask,
    people_from_csv,
    quotas_from_csv,
    selection_task,
)
from publicbenefit.juries.models import Jury, Lottery, Volunteer
from publicbenefit.juries.selectors.pool import in_pool
from publicbenefit.juries.selectors.quotas import features, quotas_csv

ID_COLUMN = "id"
#: The people file's household column: the keyed hash of each volunteer's address.
HOUSEHOLD_COLUMN = "household_key"


def lottery_inputs(*, jury: Jury) -> dict[str, Any]:
    """The pool (in the volunteers with their pseudonym as id, their values and household key)
    and the quotas as CSV texts, with the jury size and the columns the CLI needs."""
    keys = [feature.key for feature in features(jury=jury)]
    people = csv_text(
        [ID_COLUMN, *keys, HOUSEHOLD_COLUMN],
        (
            [
                volunteer.pseudonym,
                *(volunteer.profile.get(key, "") for key in keys),
                volunteer.household,
            ]
            for volunteer in in_pool(jury=jury)
        ),
    )
    return {
        "people_csv": people,
        "quotas_csv": quotas_csv(jury=jury),
        "size": jury.size,
        "id_column": ID_COLUMN,
        "address_columns": [HOUSEHOLD_COLUMN],
    }


def task_from_inputs(inputs: dict[str, Any]) -> SelectionTask:
    """The selection core's task from stored inputs, read exactly as ``publicbenefit select``
    reads the files. Raises the core's errors for bad input."""
    quotas = quotas_from_csv(inputs["quotas_csv"])
    people = people_from_csv(
        inputs["people_csv"],
        features=list(dict.fromkeys(quota.feature for quota in quotas)),
        id_column=inputs["id_column"],
        address_columns=inputs["address_columns"],
    )
    return selection_task(people, quotas, int(inputs["size"]))


def select_command(*, lottery: Lottery, seed: str) -> str:
    """The command that re-runs a draw from this lottery's files."""
    inputs = lottery.inputs
    return (
        "publicbenefit select --people people.csv --quotas quotas.csv "
        f"--size {inputs['size']} --algorithm {lottery.algorithm} --seed {seed} "
        f"--id-column {inputs['id_column']} --address-columns "
        f"{','.join(inputs['address_columns'])} --json"
    )


def lotteries(*, jury: Jury) -> QuerySet[Lottery]:
    return jury.lotteries.all()


def lottery_get(*, jury: Jury, pk: int) -> Lottery:
    return get_object_or_404(Lottery, jury=jury, pk=pk)


@dataclass(frozen=True)
class Chance:
    """One volunteer's selection probability under a lottery and under the legacy method."""

    pseudonym: str
    profile: dict[str, str]
    probability: float
    legacy: float | None

    @property
    def gap(self) -> float | None:
        return None if self.legacy is None else self.probability - self.legacy


def chances(*, lottery: Lottery) -> list[Chance]:
    """Each volunteer's probability, smallest first."""
    profiles = dict(
        Volunteer.objects.filter(
            jury_id=lottery.jury_id, pseudonym__in=list(lottery.probabilities)
        ).values_list("pseudonym", "profile")
    )
    rows = [
        Chance(
            pseudonym=pseudonym,
            profile=profiles.get(pseudonym, {}),
            probability=probability,
            legacy=lottery.legacy.get(pseudonym),
        )
        for pseudonym, probability in lottery.probabilities.items()
    ]
    return sorted(rows, key=lambda row: (row.probability, row.pseudonym))


@dataclass(frozen=True)
class Comparison:
    """One method's latest finished lottery, for the comparison table."""

    lottery: Lottery
    minimum: float
    maximum: float
    below_half_fair: int


def comparison(*, jury: Jury) -> list[Comparison]:
    """The latest finished lottery of each method: smallest and largest probability and how
    many volunteers get less than half of the fair share (size / pool)."""
    latest: dict[str, Lottery] = {}
    for lottery in jury.lotteries.filter(status=Lottery.Status.DONE).order_by("-requested_at"):
        latest.setdefault(lottery.algorithm, lottery)
    rows = []
    for algorithm in Jury.Algorithm.values:
        lottery = latest.get(algorithm)
        if lottery is None or not lottery.probabilities:
            continue
        values = list(lottery.probabilities.values())
        fair = int(lottery.inputs.get("size", 0)) / len(values)
        rows.append(
            Comparison(
                lottery=lottery,
                minimum=min(values),
                maximum=max(values),
                below_half_fair=sum(value < fair / 2 for value in values),
            )
        )
    return rows
