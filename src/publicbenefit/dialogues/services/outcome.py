"""Writes for feeding back: the "what happens next" text, publishing the outcome page, and the
email to hosts (each sent once) asking them to pass the outcome on to the people who came."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.audit.services import Category, audit_record
from publicbenefit.dialogues.models import Dialogue, Event
from publicbenefit.dialogues.rules import require
from publicbenefit.dialogues.selectors.dialogues import public_path
from publicbenefit.dialogues.selectors.outcome import outcome_recipients


@transaction.atomic
def outcome_update(
    *, actor: Membership, dialogue: Dialogue, what_next: str, publish: bool
) -> Dialogue:
    """Save what happens next and publish (or withdraw) the outcome page."""
    require(actor, dialogue)
    if publish and not what_next.strip():
        raise ValidationError({"what_next": _("Enter what happens next before publishing")})
    if publish and dialogue.status == Dialogue.Status.DRAFT:
        raise ValidationError(_("Open the dialogue before publishing its outcome"))
    was_published = dialogue.outcome_published_at is not None
    dialogue.what_next = what_next.strip()
    if publish and dialogue.outcome_published_at is None:
        dialogue.outcome_published_at = timezone.now()
    elif not publish:
        dialogue.outcome_published_at = None
    dialogue.save(update_fields=["what_next", "outcome_published_at"])
    if publish and not was_published:
        verb, summary = "published", "Published the outcome of dialogue"
    elif not publish and was_published:
        verb, summary = "withdrawn", "Withdrew the outcome of dialogue"
    else:
        verb, summary = "updated", "Updated what happens next for dialogue"
    audit_record(
        actor=actor,
        category=Category.DECISION,
        action=f"dialogues.outcome.{verb}",
        obj=dialogue,
        summary=f"{summary} {dialogue.title}",
    )
    return dialogue


def outcome_send(*, actor: Membership, dialogue: Dialogue) -> int:
    """Email the published outcome to every host of a held event not yet sent it. Returns how
    many were sent."""
    require(actor, dialogue)
    if dialogue.outcome_published_at is None:
        raise ValidationError(_("Publish the outcome page before sending it to hosts"))
    url = settings.SITE_URL + public_path(dialogue) + "outcome/"
    sent = 0
    for event_id, name, email in outcome_recipients(dialogue=dialogue):
        with transaction.atomic():
            if not Event.objects.filter(pk=event_id, outcome_sent_at=None).update(
                outcome_sent_at=timezone.now()
            ):
                continue
            context = {
                "dialogue": dialogue,
                "organisation": dialogue.organisation,
                "name": name,
                "outcome_url": url,
                "what_next": dialogue.what_next,
            }
            send_mail(
                render_to_string("dialogues/email/outcome_subject.txt", context).strip(),
                render_to_string("dialogues/email/outcome_body.txt", context),
                None,
                [email],
            )
            sent += 1
    audit_record(
        actor=actor,
        category=Category.DECISION,
        action="dialogues.outcome.sent",
        obj=dialogue,
        summary=f"Sent the outcome of dialogue {dialogue.title} to {sent} hosts",
        details={"hosts": sent},
    )
    return sent
