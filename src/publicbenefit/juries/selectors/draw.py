"""Reads for the draw: the jury's draw and its audit record (with its digest), the jurors serving
and dropped out with their replacements, and the address of a juror's own pages."""

import hashlib
import json
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse

from publicbenefit.juries.models import Draw, Juror, Jury


def audit_digest(audit: dict[str, Any]) -> str:
    """SHA-256 of the audit record as compact JSON with sorted keys (as downloaded)."""
    return hashlib.sha256(audit_json(audit).encode("utf-8")).hexdigest()


def audit_json(audit: dict[str, Any]) -> str:
    """The audit record as the JSON file people download."""
    return json.dumps(audit, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def draw_current(*, jury: Jury) -> Draw | None:
    """The jury's draw (a jury is drawn once; drop-outs are replaced)."""
    return jury.draws.select_related("lottery").first()


def draw_get(*, jury: Jury, pk: int) -> Draw:
    return get_object_or_404(Draw.objects.select_related("lottery"), jury=jury, pk=pk)


def jurors(*, jury: Jury) -> QuerySet[Juror]:
    """Every juror drawn, serving or dropped out, in the order drawn."""
    return (
        Juror.objects.filter(jury=jury)
        .select_related("volunteer", "replaces__volunteer", "replaced_by__volunteer")
        .order_by("drawn_at", "pk")
    )


def juror_get(*, jury: Jury, pk: int) -> Juror:
    return get_object_or_404(
        Juror.objects.select_related("volunteer", "draw__lottery"), jury=jury, pk=pk
    )


def juror_link(token: str) -> str:
    """The address of a juror's own pages."""
    try:
        path = reverse("juries:juror_home", kwargs={"token": token})
    except NoReverseMatch:
        path = f"/jury/juror/{token}/"
    return settings.SITE_URL + path
