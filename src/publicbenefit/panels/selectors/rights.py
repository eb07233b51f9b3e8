"""Everything held about one panel member, as ``privacy.held`` sections (including their survey
answers, which the member's page does not list): downloaded by the member from their manage link
and by staff answering a request made by post or phone."""

from django.utils.translation import gettext_lazy as _

from publicbenefit.panels.models import Member
from publicbenefit.panels.selectors.recruitment import profile_labels
from publicbenefit.privacy.held import Row, Section
from publicbenefit.surveys.models import Response

#: What a free-text answer becomes when its member is erased: the words go, but the answer
#: still counts as given, so a published count of free-text answers does not change.
ERASED_ANSWER = "(removed when the member was erased)"


def member_held(*, member: Member) -> list[Section]:
    """What is held about ``member``, section by section."""
    contact = Section("contact_details", _("Your contact details"))
    contact.row("name", _("Name"), member.name)
    contact.row("channel", _("How we contact you"), member.get_channel_display())
    contact.row("email", _("Email address"), member.email)
    contact.row("phone", _("Phone number"), member.phone)
    contact.row("postal_address", _("Postal address"), member.postal_address)
    contact.row("language", _("Preferred language"), member.language)
    contact.row("prize_draw", _("Enters prize draws"), member.prize_draw)
    contact.row("hear_back", _("Wants to hear what happened"), member.hear_back)
    if member.address is not None:
        address = member.address
        contact.row(
            "letter_address",
            _("Address our letter was sent to"),
            ", ".join(
                p for p in (address.line_1, address.line_2, address.town, address.postcode) if p
            ),
        )

    about = Section("about_you", _("About you"))
    about.row("pseudonym", _("Your code number"), member.pseudonym)
    for index, (label, value) in enumerate(
        profile_labels(panel=member.panel, profile=member.profile)
    ):
        about.rows.append(Row(f"profile.{index}", label, value))
    # Answers kept under a key the panel no longer asks about are held too.
    asked = set(member.panel.features.values_list("key", flat=True))
    for key, value in member.profile.items():
        if key not in asked:
            about.rows.append(Row(f"profile.{key}", key, value))

    record = Section("record", _("Your record"))
    record.row("source", _("How you joined"), member.get_source_display())
    record.row("partner", _("Community partner"), member.partner.name if member.partner else "")
    record.row("joined_at", _("Joined"), member.joined_at)
    record.row("consented_at", _("Agreed to the privacy notice"), member.consented_at)
    record.row(
        "privacy_notice_version", _("Version of the privacy notice"), member.privacy_notice_version
    )
    record.row("status", _("Status"), member.get_status_display())
    record.row("left_at", _("Left"), member.left_at)
    record.row("erased_at", _("Details erased"), member.erased_at)

    answers = Section("survey_answers", _("Your survey answers"), empty=_("None"))
    responses = Response.objects.filter(invitation__respondent=member.pseudonym).select_related(
        "invitation__survey"
    )
    for response in responses.order_by("started_at", "pk"):
        survey = response.invitation.survey
        texts = dict(survey.questions.values_list("pk", "text"))
        item = [
            Row("survey", _("Survey"), survey.title),
            Row("submitted_at", _("Sent"), response.submitted_at),
        ]
        for key, answer in response.answers.items():
            text = texts.get(int(key)) if str(key).isdigit() else None
            item.append(Row(f"answer.{key}", text or key, answer))
        answers.items.append(item)

    messages = Section("messages", _("Emails we sent you"), empty=_("None"))
    for message in member.messages.select_related("wave").order_by("send_after", "pk"):
        messages.items.append(
            [
                Row("kind", _("Kind"), message.get_kind_display()),
                Row("wave", _("Survey round"), message.wave.name),
                Row("status", _("Status"), message.get_status_display()),
                Row("sent_at", _("Sent"), message.sent_at),
            ]
        )
    return [contact, about, record, answers, messages]
