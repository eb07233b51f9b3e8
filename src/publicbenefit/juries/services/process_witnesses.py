"""Witnesses, the evidence pack, the questions log and jurors' expenses, as the organisers
manage them."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.common.uploads import sniff, upload_check
from publicbenefit.juries import rules
from publicbenefit.juries.models import EvidenceItem, ExpenseClaim, JurorQuestion, Jury, Witness

#: The largest evidence document accepted.
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
#: What the content of each accepted kind of document must look like, by extension.
EVIDENCE_KINDS = {".pdf": "pdf", ".docx": "docx", ".odt": "odt", ".txt": "txt"}


def _check_witness(name: str, role: str, perspective: str) -> None:
    errors = {}
    if not name.strip():
        errors["name"] = _("Enter the witness's name")
    if not role.strip():
        errors["role"] = _("Enter the witness's role and organisation")
    if perspective not in Witness.Perspective.values:
        errors["perspective"] = _("Select the perspective the witness brings")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def witness_add(
    *, actor: Membership, jury: Jury, name: str, role: str, perspective: str, summary: str = ""
) -> Witness:
    rules.require(actor, jury)
    _check_witness(name, role, perspective)
    return Witness.objects.create(
        jury=jury,
        name=name.strip(),
        role=role.strip(),
        perspective=perspective,
        summary=summary.strip(),
    )


@transaction.atomic
def witness_update(
    *,
    actor: Membership,
    witness: Witness,
    name: str,
    role: str,
    perspective: str,
    summary: str = "",
) -> Witness:
    rules.require(actor, witness.jury)
    _check_witness(name, role, perspective)
    witness.name = name.strip()
    witness.role = role.strip()
    witness.perspective = perspective
    witness.summary = summary.strip()
    witness.save()
    return witness


@transaction.atomic
def witness_remove(*, actor: Membership, witness: Witness) -> None:
    """Remove a witness; their agenda items, evidence and questions stay, without them."""
    rules.require(actor, witness.jury)
    witness.delete()


def document_kind(upload: UploadedFile) -> str | None:
    """What the document's content is (``pdf``, ``docx``, ``odt``, ``txt``), sniffed from its
    bytes by the service's one upload check (``common.uploads``), or ``None`` if it is none of
    them."""
    kind = sniff(upload)
    return {"pdf": "pdf", "docx": "docx", "odt": "odt", "text": "txt"}.get(kind or "")


def _check_document(document: UploadedFile) -> None:
    upload_check(
        document,
        extensions=EVIDENCE_KINDS,
        max_bytes=EVIDENCE_MAX_BYTES,
        field="document",
        wrong_type=_(
            "The selected file must be a PDF, Word (.docx), OpenDocument text (.odt) or plain "
            "text file"
        ),
        too_big=_("The selected file must be smaller than 10MB"),
    )


@transaction.atomic
def evidence_add(
    *,
    actor: Membership,
    jury: Jury,
    title: str,
    summary: str = "",
    witness: Witness | None = None,
    document: UploadedFile | None = None,
    link: str = "",
) -> EvidenceItem:
    """Add a document (checked by its content and size) or a web address to the evidence
    pack."""
    rules.require(actor, jury)
    errors = {}
    if not title.strip():
        errors["title"] = _("Enter a title for the evidence")
    if witness is not None and witness.jury_id != jury.pk:
        errors["witness"] = _("Select a witness from the list")
    if document is None and not link.strip():
        errors["document"] = _("Choose a file or enter a web address")
    elif document is not None and link.strip():
        errors["link"] = _("Choose a file or enter a web address, not both")
    if errors:
        raise ValidationError(errors)
    if document is not None:
        _check_document(document)
    last = jury.evidence.order_by("-order").values_list("order", flat=True).first() or 0
    item = EvidenceItem(
        jury=jury,
        title=title.strip(),
        summary=summary.strip(),
        witness=witness,
        link=link.strip(),
        order=last + 1,
    )
    if document is not None:
        item.document = document
    item.save()
    return item


@transaction.atomic
def evidence_remove(*, actor: Membership, item: EvidenceItem) -> None:
    rules.require(actor, item.jury)
    if item.document:
        item.document.delete(save=False)
    item.delete()


@transaction.atomic
def question_add(
    *, actor: Membership, jury: Jury, question: str, witness: Witness | None = None
) -> JurorQuestion:
    """A question jurors asked in the room, entered by the facilitator."""
    rules.require(actor, jury)
    if not question.strip():
        raise ValidationError({"question": _("Enter the question")})
    if witness is not None and witness.jury_id != jury.pk:
        raise ValidationError({"witness": _("Select a witness from the list")})
    return JurorQuestion.objects.create(jury=jury, witness=witness, question=question.strip())


@transaction.atomic
def question_answer(*, actor: Membership, question: JurorQuestion, answer: str) -> JurorQuestion:
    rules.require(actor, question.jury)
    if not answer.strip():
        raise ValidationError({"answer": _("Enter the answer")})
    question.answer = answer.strip()
    question.answered_at = timezone.now()
    question.save(update_fields=["answer", "answered_at"])
    return question


#: Which decisions may follow which.
CLAIM_MOVES = {
    ExpenseClaim.Status.SUBMITTED: {ExpenseClaim.Status.APPROVED, ExpenseClaim.Status.REJECTED},
    ExpenseClaim.Status.APPROVED: {ExpenseClaim.Status.PAID, ExpenseClaim.Status.REJECTED},
    ExpenseClaim.Status.REJECTED: {ExpenseClaim.Status.APPROVED},
    ExpenseClaim.Status.PAID: set(),
}


@transaction.atomic
def expense_claim_decide(*, actor: Membership, claim: ExpenseClaim, status: str) -> ExpenseClaim:
    """Approve, reject or mark paid a juror's claim (a paid claim is final)."""
    rules.require(actor, claim.juror.jury)
    if status not in CLAIM_MOVES.get(claim.status, set()):
        raise ValidationError(
            {
                "status": _("A claim that is “%(now)s” cannot be marked “%(then)s”")
                % {
                    "now": claim.get_status_display(),
                    "then": ExpenseClaim.Status(status).label
                    if status in ExpenseClaim.Status.values
                    else status,
                }
            }
        )
    claim.status = status
    claim.decided_at = timezone.now()
    claim.save(update_fields=["status", "decided_at"])
    return claim
