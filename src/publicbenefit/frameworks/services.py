"""Writes about framework versions: recording the shipped framework, and an organisation's
tailored versions, made by uploading YAML or through the tailoring form. A version is refused if
it fails the schema or the framework's rules, and cannot change once an assessment has used it."""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

import yaml
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.roles import Capability
from publicbenefit.core import Framework, Problem, PublicBenefitError
from publicbenefit.core.yamltext import parse_yaml
from publicbenefit.data import framework_text, load_framework
from publicbenefit.frameworks.models import FrameworkVersion
from publicbenefit.frameworks.selectors import (
    framework_version_in_use,
    framework_version_number_taken,
)

#: Local questions added through the tailoring form get ids L1, L2, … (the schema allows any id
#: of letters, digits, full stops, hyphens and underscores).
LOCAL_QUESTION_PREFIX = "L"


def _in_use_error() -> ValidationError:
    return ValidationError(
        _(
            "This version has been used by an assessment, so it cannot change. Make a new "
            "version instead"
        ),
        code="in_use",
    )


def _duplicate_version_error(version: str) -> ValidationError:
    return ValidationError(
        _(
            "There is already a version %(version)s of this framework. Give the new version a "
            "different version number"
        )
        % {"version": version},
        code="duplicate_version",
    )


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


def problem_message(problem: Problem) -> str:
    """A problem as a person reads it: "Line 23: the scale is missing its left anchor…"."""
    if problem.line is not None:
        return _("Line %(line)s: %(reason)s") % {"line": problem.line, "reason": problem.reason}
    if problem.location:
        return f"{problem.location}: {problem.reason}"
    return problem.reason[:1].upper() + problem.reason[1:]


def _storable(framework: Framework) -> list[str]:
    """Why the framework's id, version or title cannot be kept in their columns: too long,
    or holding a NUL character (which a YAML escape can write)."""
    problems = []
    for name, label, value in (
        ("framework_id", _("The framework's id"), framework.id),
        ("version", _("The version"), framework.version),
        ("title", _("The title"), framework.title),
    ):
        longest = FrameworkVersion._meta.get_field(name).max_length
        if len(value) > longest:
            problems.append(
                _("%(what)s must be %(longest)s characters or fewer")
                % {"what": label, "longest": longest}
            )
        if "\x00" in value:
            problems.append(_("%(what)s must not hold a NUL character") % {"what": label})
    return problems


def _checked(text: str) -> Framework:
    # Errors are keyed by the argument they concern (``yaml_text``), so a form whose field has
    # that name shows every problem, with its line, next to the file.
    try:
        framework = load_framework(text)
    except PublicBenefitError as error:
        problems: Sequence[Problem] = getattr(error, "problems", ())
        messages = [problem_message(problem) for problem in problems] or [str(error)]
        raise ValidationError(
            {
                "yaml_text": [
                    ValidationError(message, code="framework_invalid") for message in messages
                ]
            }
        ) from error
    unstorable = _storable(framework)
    if unstorable:
        raise ValidationError(
            {
                "yaml_text": [
                    ValidationError(message, code="framework_invalid") for message in unstorable
                ]
            }
        )
    return framework


def _may_use(actor: Membership, framework_version: FrameworkVersion | None) -> bool:
    return framework_version is None or framework_version.organisation_id in {
        None,
        actor.organisation_id,
    }


@transaction.atomic
def framework_version_create(
    *, actor: Membership, yaml_text: str, based_on: FrameworkVersion | None = None
) -> FrameworkVersion:
    """Record a tailored version for the actor's organisation from its YAML text. Refused,
    with each problem's line and reason, if the text fails the schema or the framework's rules;
    refused if the organisation already has a version with that number (or the shipped
    framework has it)."""
    if not actor.can(Capability.ASSESS) or not _may_use(actor, based_on):
        raise PermissionDenied
    framework = _checked(yaml_text)
    if framework_version_number_taken(
        organisation=actor.organisation, framework_id=framework.id, version=framework.version
    ):
        raise ValidationError({"yaml_text": _duplicate_version_error(framework.version)})
    try:
        with transaction.atomic():
            return FrameworkVersion.objects.create(
                organisation=actor.organisation,
                framework_id=framework.id,
                version=framework.version,
                title=framework.title,
                yaml_text=yaml_text,
                based_on=based_on,
                created_by=actor.user,
            )
    except IntegrityError as error:
        raise ValidationError({"yaml_text": _duplicate_version_error(framework.version)}) from error


@transaction.atomic
def framework_version_replace(
    *, actor: Membership, framework_version: FrameworkVersion, yaml_text: str
) -> FrameworkVersion:
    """Change a tailored version that no assessment has used yet. A version in use, or the
    shipped framework (anyone may have used it), is refused: make a new version instead."""
    if not actor.can(Capability.ASSESS) or not _may_use(actor, framework_version):
        raise PermissionDenied
    if framework_version.is_shipped:
        raise _in_use_error()
    locked = FrameworkVersion.objects.select_for_update(of=("self",)).get(pk=framework_version.pk)
    if framework_version_in_use(framework_version=locked):
        raise _in_use_error()
    framework = _checked(yaml_text)
    if framework.id != locked.framework_id:
        raise ValidationError(
            {
                "yaml_text": ValidationError(
                    _("The framework id must stay %(id)s") % {"id": locked.framework_id},
                    code="id_changed",
                )
            }
        )
    if framework_version_number_taken(
        organisation=actor.organisation,
        framework_id=framework.id,
        version=framework.version,
        exclude=locked,
    ):
        raise ValidationError({"yaml_text": _duplicate_version_error(framework.version)})
    locked.version, locked.title, locked.yaml_text = framework.version, framework.title, yaml_text
    try:
        with transaction.atomic():
            locked.save(update_fields=["version", "title", "yaml_text"])
    except IntegrityError as error:
        raise ValidationError({"yaml_text": _duplicate_version_error(framework.version)}) from error
    return locked


@dataclass(frozen=True)
class QuestionWording:
    """The new wording of one of the framework's questions; empty help text removes it."""

    text: str
    help_text: str = ""


@dataclass(frozen=True)
class LocalQuestion:
    """A question an organisation adds to one of the framework's elements."""

    element_id: str
    text: str
    left_anchor: str
    right_anchor: str
    help_text: str = ""


@transaction.atomic
def framework_version_tailor(
    *,
    actor: Membership,
    based_on: FrameworkVersion,
    version: str,
    title: str,
    questions: Mapping[str, QuestionWording],
    thresholds: Mapping[str, Decimal],
    local_questions: Sequence[LocalQuestion] = (),
) -> FrameworkVersion:
    """Make a new version for the actor's organisation from an existing one, with a new version
    number and title, questions reworded (``questions`` by question id), new band thresholds
    (``thresholds`` by outcome id) and local questions added at the end of their elements (with
    ids L1, L2, …). The new YAML is checked exactly as an uploaded file is; problems are keyed
    ``version``, ``questions``, ``local_questions``, ``thresholds`` or left for the whole form."""
    if not actor.can(Capability.ASSESS) or not _may_use(actor, based_on):
        raise PermissionDenied
    document, local_numbers = _tailored(
        based_on,
        version=version,
        title=title,
        questions=questions,
        thresholds=thresholds,
        local_questions=local_questions,
    )
    text = _header(actor, based_on) + yaml.safe_dump(
        document, sort_keys=False, allow_unicode=True, width=10_000
    )
    try:
        load_framework(text)
    except PublicBenefitError as error:
        raise _tailoring_error(error, document, local_numbers) from error
    try:
        return framework_version_create(actor=actor, yaml_text=text, based_on=based_on)
    except ValidationError as error:
        raise ValidationError({"version": error.messages}) from error


def _tailored(
    based_on: FrameworkVersion,
    *,
    version: str,
    title: str,
    questions: Mapping[str, QuestionWording],
    thresholds: Mapping[str, Decimal],
    local_questions: Sequence[LocalQuestion],
) -> tuple[dict[str, Any], dict[str, int]]:
    """The based-on version's document with the changes made, and the number (1, 2, …) of each
    local question added, by its new id."""
    # The stored text was checked when it was saved, so its shape is the schema's.
    document = cast("dict[str, Any]", parse_yaml(based_on.yaml_text).data)
    document["version"] = version
    document["title"] = title
    for question in document["questions"]:
        wording = questions.get(question["id"])
        if wording is None:
            continue
        question["text"] = wording.text
        question.pop("help_text", None)
        if wording.help_text.strip():
            question["help_text"] = wording.help_text
    for threshold in document["scoring"]["thresholds"]:
        if threshold["outcome"] in thresholds:
            threshold["min_score"] = _number(thresholds[threshold["outcome"]])
    taken = {question["id"] for question in document["questions"]}
    local_numbers: dict[str, int] = {}
    for local in local_questions:
        question_id = _next_local_id(taken)
        taken.add(question_id)
        local_numbers[question_id] = len(local_numbers) + 1
        added: dict[str, Any] = {
            "id": question_id,
            "element": local.element_id,
            "text": local.text,
            "left_anchor": local.left_anchor,
            "right_anchor": local.right_anchor,
        }
        if local.help_text.strip():
            added["help_text"] = local.help_text
        document["questions"].insert(_end_of_element(document, local.element_id), added)
    return document, local_numbers


def _number(value: Decimal) -> int | float:
    # YAML has no decimal type; a float's shortest repr is the decimal written, which is what
    # the core reads back exactly (2.5 stays 5/2).
    return int(value) if value == value.to_integral_value() else float(value)


def _next_local_id(taken: set[str]) -> str:
    number = 1
    while f"{LOCAL_QUESTION_PREFIX}{number}" in taken:
        number += 1
    return f"{LOCAL_QUESTION_PREFIX}{number}"


def _end_of_element(document: dict[str, Any], element_id: str) -> int:
    """Where a question added to the element goes: after the element's last question, so that
    the questions stay grouped by element (or at the end, for an element the schema refuses)."""
    positions = [
        index
        for index, question in enumerate(document["questions"])
        if question["element"] == element_id
    ]
    return positions[-1] + 1 if positions else len(document["questions"])


def _header(actor: Membership, based_on: FrameworkVersion) -> str:
    # One line per comment, whatever the organisation's name holds.
    name = " ".join(actor.organisation.name.split())
    return (
        f"# Tailored by {name} on {timezone.localdate():%d %B %Y}, from\n"
        f"# version {based_on.version} of {based_on.framework_id}. Questions with ids L1, L2, …\n"
        "# are the organisation's own.\n\n"
    )


_QUESTION = re.compile(r"^questions\[(\d+)\]")


def _tailoring_error(
    error: PublicBenefitError, document: dict[str, Any], local_numbers: Mapping[str, int]
) -> ValidationError:
    """The problems with a tailored version, each keyed by the part of the form it concerns.
    Line numbers would point into a file the person never saw, so each problem names the
    question it is about instead."""
    keyed: dict[str, list[str]] = {}
    for problem in getattr(error, "problems", ()):
        reason = problem.reason[:1].upper() + problem.reason[1:]
        match = _QUESTION.match(problem.location)
        if problem.location.startswith("scoring.thresholds"):
            key = "thresholds"
        elif problem.location in {"version", "title"}:
            key = problem.location
        elif match is not None:
            question_id = document["questions"][int(match[1])]["id"]
            if question_id in local_numbers:
                key = "local_questions"
                reason = _("Local question %(number)s: %(reason)s") % {
                    "number": local_numbers[question_id],
                    "reason": problem.reason,
                }
            else:
                key = "questions"
                reason = _("Question %(id)s: %(reason)s") % {
                    "id": question_id,
                    "reason": problem.reason,
                }
        else:
            key = NON_FIELD_ERRORS
        keyed.setdefault(key, []).append(reason)
    return ValidationError(keyed or {NON_FIELD_ERRORS: [str(error)]})
