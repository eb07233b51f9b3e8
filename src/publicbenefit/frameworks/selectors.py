"""Reads about framework versions: which an organisation may use, whether one is in use (and so
can never change), and whether a version number is already taken."""

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404

from publicbenefit.accounts.models import Organisation
from publicbenefit.frameworks.models import FrameworkVersion


def framework_version_list_for_organisation(
    *, organisation: Organisation
) -> QuerySet[FrameworkVersion]:
    """The versions an organisation may assess with: the shipped ones and its own."""
    return FrameworkVersion.objects.filter(
        Q(organisation__isnull=True) | Q(organisation=organisation)
    )


def framework_version_list_with_use(*, organisation: Organisation) -> QuerySet[FrameworkVersion]:
    """The versions an organisation may use, shipped first then its own newest first, each with
    ``uses``: how many of this organisation's assessments have pinned it."""
    return (
        framework_version_list_for_organisation(organisation=organisation)
        .select_related("based_on", "created_by")
        .annotate(uses=Count("assessments", filter=Q(assessments__organisation=organisation)))
        .order_by(F("organisation").asc(nulls_first=True), "framework_id", "-created_at", "-pk")
    )


def framework_version_get(*, organisation: Organisation, pk: int) -> FrameworkVersion:
    """A version the organisation may use (shipped or its own), or 404: another
    organisation's tailored versions are not revealed."""
    version = (
        framework_version_list_for_organisation(organisation=organisation)
        .select_related("based_on", "created_by", "organisation")
        .filter(pk=pk)
        .first()
    )
    if version is None:
        raise Http404
    return version


def framework_version_in_use(*, framework_version: FrameworkVersion) -> bool:
    """Whether any assessment has pinned this version (then it must never change)."""
    return framework_version.assessments.exists()


def framework_version_can_change(
    *, framework_version: FrameworkVersion, organisation: Organisation
) -> bool:
    """Whether the organisation may still replace this version's text: only its own, and only
    until an assessment uses it. The shipped framework never changes."""
    return framework_version.organisation_id == organisation.pk and not framework_version_in_use(
        framework_version=framework_version
    )


def framework_version_number_taken(
    *,
    organisation: Organisation,
    framework_id: str,
    version: str,
    exclude: FrameworkVersion | None = None,
) -> bool:
    """Whether the organisation already has this version of the framework, or the service
    ships it: two versions with one number would be told apart by nobody."""
    taken = framework_version_list_for_organisation(organisation=organisation).filter(
        framework_id=framework_id, version=version
    )
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    return taken.exists()
