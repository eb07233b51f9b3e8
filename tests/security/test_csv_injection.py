"""CSV formula injection: no cell of any CSV export can run as a spreadsheet formula.

Every free-text field of every model of the victim organisation (and the audit trail, and a
survey answer typed by a resident) is filled with text a spreadsheet would run as a formula:
``=HYPERLINK(...)``, ``+1+1``, ``-1+1``, ``@SUM(A1)``, and the same after a tab or a carriage
return. Then every staff URL (from the URL conf, with the victim's objects, exports in every
format) and every public URL is opened, and each answer that is ``text/csv`` is read with the
csv module: no cell may start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
(``common.csv_safety.safe_cell`` puts an apostrophe in front).
"""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.db import IntegrityError, models, transaction
from django.test import Client
from django.utils import timezone

from publicbenefit.audit.models import AuditEntry
from publicbenefit.juries.models import Jury, JuryFeature, Lottery, Volunteer
from publicbenefit.juries.selectors.lottery import lottery_inputs
from publicbenefit.surveys.models import Invitation, Response, SurveyQuestion

from .world import (
    PUBLIC_URLS,
    STAFF_URLS,
    project_models,
    public_path,
    public_tokens,
    signed_in,
    staff_paths,
)

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

FORMULAS = [
    '=HYPERLINK("http://evil.example","x")',
    "+1+1",
    "-1+1",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Parts of field names that mark a secret or a value the service reads back as a key.
NOT_TYPED = re.compile(r"token|hash|password|digest|seed|slug|yaml|_id$|^id$|version")
#: At least this many CSV exports are read (7 today: margins template and download, assessment,
#: audit trail, wave results, jury quotas and draw quotas/people).
CSV_FLOOR = 8


def typed_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        field
        for field in model._meta.get_fields()
        if isinstance(field, (models.CharField, models.TextField))
        and not isinstance(field, (models.EmailField, models.URLField, models.SlugField))
        and not field.choices
        and not field.unique
        and not field.primary_key
        and field.concrete
        and not NOT_TYPED.search(field.name)
    ]


def seed_formulas(victim) -> int:
    """Put a formula in every typed field of every object; the number of values written."""
    written = 0
    for model in project_models():
        if model is AuditEntry:
            continue
        for field in typed_fields(model):
            for pk in model.objects.values_list("pk", flat=True):
                value = FORMULAS[written % len(FORMULAS)]
                if field.max_length:
                    value = value[: field.max_length]
                try:
                    with transaction.atomic():
                        model.objects.filter(pk=pk).update(**{field.name: value})
                except IntegrityError:
                    continue
                written += 1
    # The audit trail is append-only: new entries with formulas in every text.
    for formula in FORMULAS:
        AuditEntry.objects.create(
            actor=victim.administrator.user,
            actor_name=formula,
            organisation=victim.administrator.organisation,
            category=AuditEntry.Category.DECISION,
            action=formula[:80],
            object_type=formula,
            object_id=formula,
            summary=formula,
            client_address=formula,
        )
    # A resident's typed answer to the wave's survey.
    question = SurveyQuestion.objects.filter(survey__organisation__slug=victim.slug).first()
    for number, formula in enumerate(FORMULAS):
        invitation = Invitation.objects.create(
            survey=question.survey,
            token_hash=f"csv-injection-{number}",
            respondent=f"{formula}{number}",
            closes_at=timezone.now() + timedelta(weeks=1),
        )
        Response.objects.create(
            invitation=invitation,
            answers={str(question.pk): formula},
            submitted_at=timezone.now(),
        )
    # A volunteer's answers, and the lottery's stored inputs made again from the pool.
    for jury in Jury.objects.filter(organisation__slug=victim.slug):
        keys = list(JuryFeature.objects.filter(jury=jury).values_list("key", flat=True))
        for number, volunteer in enumerate(Volunteer.objects.filter(jury=jury)):
            volunteer.profile = {key: FORMULAS[number % len(FORMULAS)] for key in keys}
            volunteer.save(update_fields=["profile"])
        Lottery.objects.filter(jury=jury).update(inputs=lottery_inputs(jury=jury))
    return written


def test_no_csv_export_has_a_cell_a_spreadsheet_would_run(victim):
    tokens = public_tokens(victim)
    assert seed_formulas(victim) > 100
    staff = signed_in(victim.administrator.user, raise_request_exception=False)
    anonymous = Client(raise_request_exception=False)
    requests = [
        (staff, path) for url in STAFF_URLS for path in staff_paths(url, victim, every_format=True)
    ] + [(anonymous, public_path(url, tokens, victim)) for url in PUBLIC_URLS]

    exports, unsafe, cells, guarded = [], [], 0, set()
    for client, path in requests:
        response = client.get(path)
        if response.status_code != 200 or "text/csv" not in response.get("Content-Type", ""):
            continue
        exports.append(path)
        body = b"".join(response) if response.streaming else response.content
        for row in csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")):
            cells += len(row)
            unsafe += [f"{path}: {cell!r}" for cell in row if cell.startswith(FORMULA_STARTS)]
            if any(cell[:1] == "'" and cell[1:].startswith(FORMULA_STARTS) for cell in row):
                guarded.add(path)

    assert unsafe == []
    assert len(exports) >= CSV_FLOOR, "\n".join(exports)
    assert cells > 50
    # The formulas did reach the exports, guarded: every export but the blank margins template.
    assert len(guarded) >= CSV_FLOOR - 1, sorted(set(exports) - guarded)
