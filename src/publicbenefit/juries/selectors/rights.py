"""Everything held about one person in a jury's pool (and, if they were drawn, as a juror), as
``privacy.held`` sections: shown on the juror's own page, given to staff who answer a request by
post or phone, and downloaded as JSON."""

from django.utils.translation import gettext_lazy as _

from publicbenefit.juries.models import Juror, Volunteer
from publicbenefit.privacy.held import Row, Section


def _juror_of(volunteer: Volunteer) -> Juror | None:
    try:
        return volunteer.juror
    except Juror.DoesNotExist:
        return None


def volunteer_held(*, volunteer: Volunteer) -> list[Section]:
    """What is held about ``volunteer``, section by section."""
    jury = volunteer.jury
    labels = {
        feature.key: (feature.label, {value.value: value.label for value in feature.values.all()})
        for feature in jury.features.prefetch_related("values")
    }
    contact = Section("contact_details", _("Your contact details"))
    contact.row("name", _("Name"), volunteer.name)
    contact.row("email", _("Email address"), volunteer.email)
    contact.row("phone", _("Phone number"), volunteer.phone)
    contact.row("postal_address", _("Postal address"), volunteer.postal_address)
    contact.row("postcode", _("Postcode"), volunteer.postcode)
    contact.row("hear_back", _("Wants to hear what happened"), volunteer.hear_back)
    if volunteer.letter is not None:
        letter = volunteer.letter
        address = ", ".join(
            p for p in (letter.line_1, letter.line_2, letter.town, letter.postcode) if p
        )
        contact.row("letter_address", _("Address our letter was sent to"), address)

    about = Section("about_you", _("About you"))
    about.row("pseudonym", _("Your code number"), volunteer.pseudonym)
    for key, value in volunteer.profile.items():
        label, values = labels.get(key, (key, {}))
        about.rows.append(Row(f"profile.{key}", label, values.get(value, value)))
    about.row("availability", _("When you are available"), volunteer.availability)
    about.row("access_needs", _("Access needs"), volunteer.access_needs)
    about.row("external_id", _("Your id in the pool file we were given"), volunteer.external_id)

    record = Section("record", _("Your record"))
    record.row("source", _("How you joined the pool"), volunteer.get_source_display())
    record.row("joined_at", _("Joined the pool"), volunteer.joined_at)
    record.row("consented_at", _("Agreed to the privacy notice"), volunteer.consented_at)
    record.row(
        "privacy_notice_version",
        _("Version of the privacy notice"),
        volunteer.privacy_notice_version,
    )
    record.row("status", _("Status"), volunteer.get_status_display())
    record.row("withdrawn_at", _("Withdrew"), volunteer.withdrawn_at)
    record.row("erased_at", _("Details erased"), volunteer.erased_at)
    sections = [contact, about, record]

    juror = _juror_of(volunteer)
    if juror is not None:
        serving = Section("juror", _("On the jury"))
        serving.row("status", _("Status"), juror.get_status_display())
        serving.row("drawn_at", _("Drawn"), juror.drawn_at)
        serving.row("dropped_at", _("Dropped out"), juror.dropped_at)
        serving.row("drop_reason", _("Reason for dropping out"), juror.drop_reason)
        sessions = Section("attendance", _("Sessions you attended"), empty=_("None recorded"))
        for attendance in juror.attendance.select_related("session").order_by("session__date"):
            sessions.items.append(
                [
                    Row("session", _("Session"), attendance.session.get_stage_display()),
                    Row("date", _("Date"), attendance.session.date),
                    Row("present", _("Present"), attendance.present),
                ]
            )
        claims = Section("expense_claims", _("Your expense claims"), empty=_("None"))
        for claim in juror.expense_claims.order_by("submitted_at", "pk"):
            claims.items.append(
                [
                    Row("description", _("What it was for"), claim.description),
                    Row("amount", _("Amount in pounds"), claim.amount),
                    Row("status", _("Status"), claim.get_status_display()),
                    Row("submitted_at", _("Sent"), claim.submitted_at),
                    Row("decided_at", _("Decided"), claim.decided_at),
                ]
            )
        questions = Section("questions", _("Your questions to witnesses"), empty=_("None"))
        for question in juror.questions.order_by("asked_at", "pk"):
            questions.items.append(
                [
                    Row("question", _("Question"), question.question),
                    Row("asked_at", _("Asked"), question.asked_at),
                    Row("answer", _("Answer"), question.answer),
                ]
            )
        votes = Section(
            "votes",
            _("Recommendations you voted on (how you voted is secret and not linked to you)"),
            empty=_("None"),
        )
        for cast in juror.casts.select_related("recommendation").order_by("recommendation__order"):
            votes.items.append(
                [Row("recommendation", _("Recommendation"), cast.recommendation.text)]
            )
        sections += [serving, sessions, claims, questions, votes]
    return sections
