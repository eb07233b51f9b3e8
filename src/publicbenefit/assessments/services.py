"""Writes about assessments: starting one with a pinned framework version, saving answers
one by one, evidence, comments, and submitting (which freezes a revision)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.assessments import rules
from publicbenefit.assessments.models import Answer, Assessment, Comment, Evidence, Revision
from publicbenefit.assessments.selectors import answers_by_question, assessment_score
from publicbenefit.audit.services import Category, audit_record
from publicbenefit.common.uploads import upload_check
from publicbenefit.core import AnswersInvalidError, Special, answers_from_mapping
from publicbenefit.frameworks.models import FrameworkVersion
from publicbenefit.frameworks.selectors import framework_version_list_for_organisation
from publicbenefit.frameworks.services import framework_version_shipped
from publicbenefit.proposals.models import EDITABLE_FIELDS, Proposal

#: Evidence files people may attach, by extension, and the largest accepted.
EVIDENCE_EXTENSIONS = frozenset(
    {".pdf", ".docx", ".xlsx", ".odt", ".ods", ".csv", ".txt", ".png", ".jpg", ".jpeg"}
)
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


@transaction.atomic
def assessment_start(
    *, actor: Membership, proposal: Proposal, framework_version: FrameworkVersion | None = None
) -> Assessment:
    """Start the actor's organisation's assessment of the proposal, pinned to a framework
    version. Every organisation assessing one proposal answers the same version, so that their
    answers compare question by question: the first assessment pins it. Only the lead
    organisation may choose a tailored version; a partner starting first starts on the shipped
    framework, never on one of its own."""
    # Lock the proposal so that two organisations starting at once cannot pin two versions.
    proposal = Proposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
    if not rules.can_assess(actor, proposal):
        raise PermissionDenied
    first = (
        Assessment.objects.filter(proposal=proposal)
        .select_related("framework_version")
        .order_by("created_at", "pk")
        .first()
    )
    is_lead = actor.organisation_id == proposal.organisation_id
    if first is not None:
        if framework_version is not None and framework_version.pk != first.framework_version_id:
            raise ValidationError(
                {
                    "framework_version": _(
                        "Another organisation has already assessed this proposal with "
                        "%(version)s. Use the same version so that your answers can be compared"
                    )
                    % {"version": first.framework_version}
                }
            )
        framework_version = first.framework_version
    elif framework_version is None or not is_lead:
        framework_version = framework_version_shipped()
    elif (
        not framework_version_list_for_organisation(organisation=actor.organisation)
        .filter(pk=framework_version.pk)
        .exists()
    ):
        raise ValidationError({"framework_version": _("Select a framework version")})
    try:
        with transaction.atomic():
            return Assessment.objects.create(
                proposal=proposal,
                organisation=actor.organisation,
                framework_version=framework_version,
                created_by=actor.user,
            )
    except IntegrityError as error:
        raise ValidationError(
            _("Your organisation has already started assessing this proposal")
        ) from error


def _answerable(actor: Membership, assessment: Assessment) -> Assessment:
    locked = (
        Assessment.objects.order_by()
        .select_for_update(of=("self",))
        .select_related("proposal", "framework_version")
        .get(pk=assessment.pk)
    )
    if not rules.can_answer(actor, locked):
        raise PermissionDenied
    return locked


@transaction.atomic
def answer_save(
    *,
    actor: Membership,
    assessment: Assessment,
    question_id: str,
    value: int | str,
    reason: str = "",
    justification: str = "",
) -> Answer:
    """Save one answer: a position on the scale, or "dont_know" / "not_applicable" with the
    reason the framework asks for."""
    assessment = _answerable(actor, assessment)
    framework = assessment.framework_version.framework
    if question_id not in {question.id for question in framework.questions}:
        raise ValidationError(_("There is no question %(id)s") % {"id": question_id})
    position: int | None = None
    special = ""
    if isinstance(value, int) or (isinstance(value, str) and value.isascii() and value.isdigit()):
        position = int(value)
        if not framework.scale.lowest <= position <= framework.scale.highest:
            raise ValidationError({"value": _("Select where the proposal lies on the scale")})
    elif value in Special.__members__.values():
        special = str(value)
        rule = framework.scale.special(Special(value))
        if rule.reason_required and not reason.strip():
            raise ValidationError(
                {"reason": _("Enter why you answered “%(label)s”") % {"label": rule.label}}
            )
    else:
        raise ValidationError({"value": _("Select where the proposal lies on the scale")})
    answer, _created = Answer.objects.update_or_create(
        assessment=assessment,
        question_id=question_id,
        defaults={
            "position": position,
            "special": special,
            "reason": reason.strip() if special else "",
            "justification": justification.strip(),
            "updated_by": actor.user,
            "updated_at": timezone.now(),
        },
    )
    audit_record(
        actor=actor,
        category=Category.ASSESSMENT,
        action="assessments.answer.saved",
        obj=answer,
        summary=f"Answered question {question_id} of the assessment of "
        f"{assessment.proposal.title!r}: {special or position}",
    )
    return answer


@transaction.atomic
def evidence_add(
    *,
    actor: Membership,
    answer: Answer,
    title: str,
    url: str = "",
    file: UploadedFile | None = None,
) -> Evidence:
    """Attach a link or a document (of an accepted type, 10 MB at most) to an answer."""
    _answerable(actor, answer.assessment)
    if not url and file is None:
        raise ValidationError({"url": _("Enter a link or choose a file")})
    if file is not None:
        # Size, extension and the content sniffed from the file's own bytes must all agree.
        upload_check(
            file,
            extensions=EVIDENCE_EXTENSIONS,
            max_bytes=EVIDENCE_MAX_BYTES,
            field="file",
            wrong_type=_(
                "The selected file must be a PDF, Word, Excel, OpenDocument, CSV, text, PNG or "
                "JPEG file, and its content must be what its name says"
            ),
            too_big=_("The selected file must be smaller than 10MB"),
        )
    evidence = Evidence(answer=answer, title=title.strip(), url=url.strip(), added_by=actor.user)
    if file is not None:
        evidence.file = file
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def comment_add(
    *, actor: Membership, assessment: Assessment, question_id: str, body: str
) -> Comment:
    if not rules.can_comment(actor, assessment):
        raise PermissionDenied
    framework = assessment.framework_version.framework
    if question_id not in {question.id for question in framework.questions}:
        raise ValidationError(_("There is no question %(id)s") % {"id": question_id})
    if not body.strip():
        raise ValidationError({"body": _("Enter a comment")})
    return Comment.objects.create(
        assessment=assessment, question_id=question_id, author=actor.user, body=body.strip()
    )


def _plain(value: object) -> object:
    """A value as JSON keeps it: text, numbers and booleans as they are, dates as ISO text."""
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def _snapshot(assessment: Assessment) -> tuple[dict[str, object], str]:
    scored = assessment_score(assessment=assessment)
    if scored is None:
        raise ValidationError(_("Answer every question before you submit the assessment"))
    answers = answers_by_question(assessment=assessment)
    result = scored.result
    proposal = assessment.proposal
    snapshot: dict[str, object] = {
        # The proposal as it was judged: it may change later (while under assessment or review).
        "proposal": {
            **{name: _plain(getattr(proposal, name)) for name in EDITABLE_FIELDS},
            "parties": [[party.name, party.role] for party in proposal.parties.all()],
            "data_items": [
                [item.name, item.category, item.source, item.linked]
                for item in proposal.data_items.all()
            ],
        },
        "framework": {
            "id": assessment.framework_version.framework_id,
            "version": assessment.framework_version.version,
        },
        "answers": [
            {
                "question_id": question_id,
                "position": answer.position,
                "special": answer.special,
                "reason": answer.reason,
                "justification": answer.justification,
                "evidence": [
                    {"title": item.title, "url": item.url, "file": item.file.name or ""}
                    for item in answer.evidence.all()
                ],
            }
            for question_id, answer in answers.items()
        ],
        "result": {
            "outcome_id": result.outcome.id,
            "outcome_label": result.outcome.label,
            "score": str(float(result.score)),
            "elements": [
                {
                    "element_id": element.element_id,
                    "position": None if element.position is None else str(float(element.position)),
                }
                for element in result.elements
            ],
        },
    }
    return snapshot, result.outcome.id


@transaction.atomic
def assessment_submit(*, actor: Membership, assessment: Assessment) -> Revision:
    """Freeze the answers and result as a new revision and mark the assessment submitted."""
    assessment = _answerable(actor, assessment)
    snapshot, outcome_id = _snapshot(assessment)
    last = assessment.revisions.aggregate(last=Max("number"))["last"] or 0
    revision = Revision.objects.create(
        assessment=assessment,
        number=last + 1,
        snapshot=snapshot,
        outcome_id=outcome_id,
        submitted_by=actor.user,
    )
    assessment.status = Assessment.Status.SUBMITTED
    assessment.submitted_at = revision.submitted_at
    assessment.save(update_fields=["status", "submitted_at"])
    audit_record(
        actor=actor,
        category=Category.ASSESSMENT,
        action="assessments.assessment.submitted",
        obj=revision,
        summary=f"Submitted revision {revision.number} of the assessment of "
        f"{assessment.proposal.title!r} ({outcome_id})",
    )
    return revision


@transaction.atomic
def assessment_reopen(*, actor: Membership, assessment: Assessment) -> Assessment:
    """Open a submitted assessment for changes; the next submission makes a new revision."""
    assessment = (
        Assessment.objects.order_by()
        .select_for_update(of=("self",))
        .select_related("proposal")
        .get(pk=assessment.pk)
    )
    if assessment.status != Assessment.Status.SUBMITTED:
        raise ValidationError(_("This assessment is already open for changes"))
    assessment.status = Assessment.Status.IN_PROGRESS
    if not rules.can_answer(actor, assessment):
        raise PermissionDenied
    assessment.save(update_fields=["status"])
    audit_record(
        actor=actor,
        category=Category.ASSESSMENT,
        action="assessments.assessment.reopened",
        obj=assessment,
        summary=f"Reopened the assessment of {assessment.proposal.title!r} for changes",
    )
    return assessment


@transaction.atomic
def answers_import(*, actor: Membership, assessment: Assessment, mapping: dict[str, object]) -> int:
    """Save every answer in the mapping (question id to answer, as ``answers_from_mapping``
    reads it), or none: the whole file is checked first, and any problem refuses it all.
    Returns how many answers were saved."""
    assessment = _answerable(actor, assessment)
    framework = assessment.framework_version.framework
    try:
        answers = answers_from_mapping(framework, mapping)
    except AnswersInvalidError as error:
        raise ValidationError([str(problem) for problem in error.problems]) from error
    for answer in answers.items:
        answer_save(
            actor=actor,
            assessment=assessment,
            question_id=answer.question_id,
            value=answer.value if isinstance(answer.value, int) else answer.value.value,
            reason=answer.reason,
            justification=answer.justification,
        )
    return len(answers.items)
