"""The errors the selection core raises, under the core's one base class.

Input errors list every problem found (each naming the CSV row or the quota), so a person can fix a
pool or a quota file in one go. The others are narrow: quotas no panel can meet (with the smallest
relaxation that would make them feasible), a solver that ran out of time, and a replacement draw
that cannot keep the quotas.
"""

from typing import TYPE_CHECKING

from publicbenefit.core.errors import ProblemsError, PublicBenefitError

if TYPE_CHECKING:
    from publicbenefit.core.selection.infeasibility import Relaxation


class SelectionError(PublicBenefitError):
    """The base of every error the selection core raises."""

    error_code = "selection_error"


class _SelectionProblemsError(ProblemsError, SelectionError):
    summary = "The selection input is refused"


class QuotasInvalidError(_SelectionProblemsError):
    """A quotas file or quota set is malformed, or cannot fit the panel size."""

    error_code = "selection_quotas_invalid"
    summary = "The quotas are refused"


class PeopleInvalidError(_SelectionProblemsError):
    """A people file or pool is malformed: duplicate ids, values no quota lists, missing columns."""

    error_code = "selection_people_invalid"
    summary = "The people are refused"


class PoolTooSmallError(SelectionError):
    """The pool has fewer people than the panel needs."""

    error_code = "selection_pool_too_small"

    def __init__(self, *, pool_size: int, panel_size: int) -> None:
        super().__init__(
            f"The pool has {pool_size} people but the panel needs {panel_size}",
            error_params={"pool_size": pool_size, "panel_size": panel_size},
        )


class InfeasibleQuotasError(SelectionError):
    """No panel of the asked size meets every quota (and the household rule).

    ``relaxation`` holds the smallest change to the quotas that would make a panel possible, when
    one exists."""

    error_code = "selection_quotas_infeasible"

    def __init__(self, message: str, relaxation: "Relaxation | None") -> None:
        self.relaxation = relaxation
        params: dict[str, object] = {}
        if relaxation is not None:
            params = relaxation.as_dict()
        super().__init__(message, error_params=params)


class SelectionTimeoutError(SelectionError):
    """The solver did not finish within the time limit."""

    error_code = "selection_timeout"

    def __init__(self, *, time_limit: float, stage: str) -> None:
        super().__init__(
            f"The selection did not finish within the time limit of {time_limit:g} seconds "
            f"({stage}); allow more time or relax the quotas",
            error_params={"time_limit": time_limit, "stage": stage},
        )


class SolverFailedError(SelectionError):
    """The LP or MIP solver reported a status the method cannot continue from."""

    error_code = "selection_solver_failed"


class LegacyFailedError(SelectionError):
    """The legacy greedy method kept stranding a quota, though a panel may well exist (leximin,
    maximin and Nash find one whenever one does)."""

    error_code = "selection_legacy_failed"


class ReplacementImpossibleError(SelectionError):
    """No one outside the panel can replace the juror who dropped out and keep every quota."""

    error_code = "selection_replacement_impossible"
