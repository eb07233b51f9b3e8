"""Choosing a citizens' jury by the fairest lottery: leximin over quota-satisfying panels.

Read a pool and its quotas (``people_from_csv``, ``quotas_from_csv``), check them for a panel size
(``selection_task``), compute a lottery (``find_distribution`` with leximin, maximin, Nash welfare
or the legacy greedy method), draw a panel with a published seed (``audited_draw``) and replace a
juror who drops out (``replace_juror``). Plain Python with HiGHS; no Django and no files.
"""

from publicbenefit.core.selection.adapters import people_from_csv, quotas_from_csv
from publicbenefit.core.selection.distribution import (
    Distribution,
    PanelChance,
    PersonChance,
    distribution_from_dict,
)
from publicbenefit.core.selection.draw import (
    AuditRecord,
    Replacement,
    audited_draw,
    draw_panel,
    inputs_digest,
    replace_juror,
)
from publicbenefit.core.selection.errors import (
    InfeasibleQuotasError,
    LegacyFailedError,
    PeopleInvalidError,
    PoolTooSmallError,
    QuotasInvalidError,
    ReplacementImpossibleError,
    SelectionError,
    SelectionTimeoutError,
    SolverFailedError,
)
from publicbenefit.core.selection.infeasibility import QuotaChange, Relaxation
from publicbenefit.core.selection.methods import (
    ALGORITHM_VERSIONS,
    DEFAULT_TIME_LIMIT,
    Algorithm,
    find_distribution,
)
from publicbenefit.core.selection.people import (
    Person,
    Quota,
    SelectionTask,
    make_person,
    selection_task,
)

__all__ = [
    "ALGORITHM_VERSIONS",
    "DEFAULT_TIME_LIMIT",
    "Algorithm",
    "AuditRecord",
    "Distribution",
    "InfeasibleQuotasError",
    "LegacyFailedError",
    "PanelChance",
    "PeopleInvalidError",
    "Person",
    "PersonChance",
    "PoolTooSmallError",
    "Quota",
    "QuotaChange",
    "QuotasInvalidError",
    "Relaxation",
    "Replacement",
    "ReplacementImpossibleError",
    "SelectionError",
    "SelectionTask",
    "SelectionTimeoutError",
    "SolverFailedError",
    "audited_draw",
    "distribution_from_dict",
    "draw_panel",
    "find_distribution",
    "inputs_digest",
    "make_person",
    "people_from_csv",
    "quotas_from_csv",
    "replace_juror",
    "selection_task",
]
