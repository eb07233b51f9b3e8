"""Reads about framework versions."""

from django.db.models import Q, QuerySet

from publicbenefit.accounts.models import Organisation
from publicbenefit.frameworks.models import FrameworkVersion


def framework_version_list_for_organisation(
    *, organisation: Organisation
) -> QuerySet[FrameworkVersion]:
    """The versions an organisation may assess with: the shipped ones and its own."""
    return FrameworkVersion.objects.filter(
        Q(organisation__isnull=True) | Q(organisation=organisation)
    )


def framework_version_in_use(*, framework_version: FrameworkVersion) -> bool:
    """Whether any assessment has pinned this version (then it must never change)."""
    return framework_version.assessments.exists()
