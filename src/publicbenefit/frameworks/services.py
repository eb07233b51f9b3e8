"""Writes about framework versions: recording the shipped framework, and an organisation's
tailored versions, which are refused if they fail the schema and cannot change once used."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.roles import Capability
from publicbenefit.core import PublicBenefitError
from publicbenefit.data import framework_text, load_framework
from publicbenefit.frameworks.models import FrameworkVersion
from publicbenefit.frameworks.selectors import framework_version_in_use


def framework_version_shipped() -> FrameworkVersion:
    """The shipped framework's current version, recorded on first use."""
    text = framework_text()
    framework = load_framework(text)
    version, _created = FrameworkVersion.objects.get_or_create(
        organisation=None,
        framework_id=framework.id,
        version=framework.version,
        defaults={"title": framework.title, "yaml_text": text},
    )
    return version


def _checked(text: str) -> tuple[str, str, str]:
    try:
        framework = load_framework(text)
    except PublicBenefitError as error:
        raise ValidationError(
            [str(problem) for problem in getattr(error, "problems", ())] or [str(error)],
            code="framework_invalid",
        ) from error
    return framework.id, framework.version, framework.title


@transaction.atomic
def framework_version_create(
    *, actor: Membership, yaml_text: str, based_on: FrameworkVersion | None = None
) -> FrameworkVersion:
    """Record a tailored version for the actor's organisation from its YAML text. Refused,
    with each problem's line and reason, if the text fails the schema or the framework's rules;
    refused if the organisation already has a version with that number."""
    if not actor.can(Capability.ASSESS):
        raise PermissionDenied
    framework_id, version, title = _checked(yaml_text)
    try:
        with transaction.atomic():
            return FrameworkVersion.objects.create(
                organisation=actor.organisation,
                framework_id=framework_id,
                version=version,
                title=title,
                yaml_text=yaml_text,
                based_on=based_on,
                created_by=actor.user,
            )
    except IntegrityError as error:
        raise ValidationError(
            _(
                "Your organisation already has version %(version)s of this framework. Give the "
                "new version a different version number"
            )
            % {"version": version},
            code="duplicate_version",
        ) from error


@transaction.atomic
def framework_version_replace(
    *, actor: Membership, framework_version: FrameworkVersion, yaml_text: str
) -> FrameworkVersion:
    """Change a tailored version that no assessment has used yet. A version in use, or the
    shipped framework, is refused: make a new version instead."""
    if (
        not actor.can(Capability.ASSESS)
        or framework_version.organisation_id != actor.organisation_id
    ):
        raise PermissionDenied
    locked = FrameworkVersion.objects.select_for_update().get(pk=framework_version.pk)
    if framework_version_in_use(framework_version=locked):
        raise ValidationError(
            _(
                "This version has been used by an assessment, so it cannot change. Make a new "
                "version instead"
            ),
            code="in_use",
        )
    framework_id, version, title = _checked(yaml_text)
    if framework_id != locked.framework_id:
        raise ValidationError(
            _("The framework id must stay %(id)s") % {"id": locked.framework_id}, code="id_changed"
        )
    locked.version, locked.title, locked.yaml_text = version, title, yaml_text
    try:
        with transaction.atomic():
            locked.save(update_fields=["version", "title", "yaml_text"])
    except IntegrityError as error:
        raise ValidationError(
            _("Your organisation already has version %(version)s of this framework")
            % {"version": version},
            code="duplicate_version",
        ) from error
    return locked
