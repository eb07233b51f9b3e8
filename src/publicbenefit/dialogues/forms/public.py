"""Forms for the public pages: the offer to host an event, and the host's write-up (one page,
a fieldset per framing question, no JavaScript needed)."""

import datetime
from typing import Any

from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publicbenefit.common.forms import BaseForm, GovukDateField
from publicbenefit.dialogues.models import EVENT_SIZE_MAX, EVENT_SIZE_MIN, Agreement, Dialogue
from publicbenefit.dialogues.selectors.writeups import COUNT_GROUPS, COUNT_LABELS
from publicbenefit.dialogues.services.events import Offer
from publicbenefit.dialogues.services.writeups import PARTICIPANTS_MAX, AnswerIn, WriteUpIn

TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M"]
NO_COMMUNITY = "none"


class OfferForm(BaseForm):
    """An offer to host an event, from the dialogue's public page."""

    page_title = _("Offer to host a conversation")
    submit_text = _("Send your offer")

    name = forms.CharField(
        label=_("Your name"), max_length=200, error_messages={"required": _("Enter your name")}
    )
    group = forms.CharField(
        label=_("Your organisation or group (optional)"),
        max_length=200,
        required=False,
        help_text=_("Shown on the public list of events. Your own name is not shown."),
    )
    community = forms.ChoiceField(
        label=_("Which community will your event reach?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the community your event will reach"),
            "invalid_choice": _("Select the community your event will reach"),
        },
    )
    area = forms.ChoiceField(
        label=_("Which area is your event for?"),
        error_messages={
            "required": _("Select the area your event is for"),
            "invalid_choice": _("Select the area your event is for"),
        },
    )
    title = forms.CharField(
        label=_("Name of your event"),
        max_length=200,
        help_text=_("For example, Tuesday coffee morning at Millbrook library"),
        error_messages={"required": _("Enter the name of your event")},
    )
    date = GovukDateField(
        subject=str(_("Date of the event")),
        label=_("Date of the event"),
        help_text=_("For example, 27 3 2027"),
    )
    time = forms.TimeField(
        label=_("Start time"),
        help_text=_("24-hour clock, for example 09:30 or 14:00"),
        input_formats=TIME_FORMATS,
        widget=forms.TimeInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}),
        error_messages={
            "required": _("Enter the start time"),
            "invalid": _("Enter a real time, like 09:30 or 14:00"),
        },
    )
    online = forms.BooleanField(label=_("The event is online"), required=False)
    venue = forms.CharField(
        label=_("Where (venue and address)"),
        max_length=300,
        required=False,
        help_text=_("Leave empty if the event is online."),
    )
    expected_size = forms.IntegerField(
        label=_("How many people do you expect?"),
        help_text=_("Between 5 and 50"),
        min_value=EVENT_SIZE_MIN,
        max_value=EVENT_SIZE_MAX,
        error_messages={
            "required": _("Enter how many people you expect"),
            "invalid": _("Enter the number of people as a whole number, like 12"),
            "min_value": _("Expected size must be between 5 and 50 people"),
            "max_value": _("Expected size must be between 5 and 50 people"),
        },
    )
    access = forms.CharField(
        label=_("Access arrangements (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example, step-free access, hearing loop, interpreters, childcare."),
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We send your private link to the kit and write-up form here."),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )
    phone = forms.CharField(label=_("Phone number (optional)"), max_length=40, required=False)
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree to you holding my contact details"),
        error_messages={"required": _("Confirm that you have read the privacy notice")},
    )
    hear_back = forms.BooleanField(
        label=_("Tell me what was decided, and what difference the conversations made"),
        required=False,
    )

    def __init__(self, *args: Any, dialogue: Dialogue, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.areas = {str(a.pk): a for a in dialogue.areas.all()}
        self.communities = {str(c.pk): c for c in dialogue.communities.all()}
        self.fields["area"].choices = [("", _("Select an area"))] + [
            (pk, a.name) for pk, a in self.areas.items()
        ]
        self.fields["community"].choices = [(pk, c.name) for pk, c in self.communities.items()] + [
            (NO_COMMUNITY, _("None of these, or the wider public"))
        ]

    def layout_fields(self) -> list[Any]:
        return [
            Fieldset(
                Field.text("name", field_width=20),
                Field.text("group", field_width=20),
                Field.radios("community", legend_size=Size.SMALL),
                legend=_("About you"),
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.select("area"),
                Field.text("title"),
                Field("date"),
                Field.text("time"),
                Field.checkbox("online"),
                Field.text("venue"),
                Field.text("expected_size", field_width=4),
                Field.textarea("access"),
                legend=_("Your event"),
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.text("email", field_width=20),
                Field.text("phone", field_width=10),
                Field.checkbox("consent"),
                Field.checkbox("hear_back"),
                legend=_("How we contact you"),
                legend_size=Size.MEDIUM,
            ),
        ]

    def offer(self) -> Offer:
        data = self.cleaned_data
        starts_at = timezone.make_aware(datetime.datetime.combine(data["date"], data["time"]))
        return Offer(
            name=data["name"],
            group=data["group"],
            community=self.communities.get(data["community"]),
            area=self.areas[data["area"]],
            title=data["title"],
            starts_at=starts_at,
            venue=data["venue"],
            online=data["online"],
            expected_size=data["expected_size"],
            access=data["access"],
            email=data["email"],
            phone=data["phone"],
            consent=data["consent"],
            hear_back=data["hear_back"],
        )


class WriteUpForm(BaseForm):
    """The write-up: a fieldset per framing question, then who came and how it was run."""

    page_title = _("Write up your event")
    submit_text = _("Send the write-up")

    participants = forms.IntegerField(
        label=_("How many people took part, not counting you?"),
        min_value=1,
        max_value=PARTICIPANTS_MAX,
        help_text=_("The kit is written for 5 to 50 people; tell us the real number."),
        error_messages={
            "required": _("Enter how many people took part"),
            "invalid": _("Enter the number of people as a whole number, like 12"),
            "min_value": _("Number of people who took part must be between 1 and 500"),
            "max_value": _("Number of people who took part must be between 1 and 500"),
        },
    )
    facilitation = forms.CharField(
        label=_("How was it facilitated? (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example, one facilitator and a note-taker; small groups; in Urdu."),
    )

    def __init__(self, *args: Any, questions: list[Any], **kwargs: Any) -> None:
        self.questions = questions
        fields: dict[str, forms.Field] = {}
        for q in questions:
            fields[f"q{q.pk}_main_points"] = forms.CharField(
                label=_("Main points"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
                help_text=_("What the group said, in a few sentences."),
            )
            fields[f"q{q.pk}_agreement"] = forms.ChoiceField(
                label=_("How far did the group agree?"),
                required=False,
                choices=Agreement.choices,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Select how far the group agreed")},
            )
            fields[f"q{q.pk}_quotes"] = forms.CharField(
                label=_("Notable quotes (optional)"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Without names or anything that would identify anyone."),
            )
            fields[f"q{q.pk}_minority_views"] = forms.CharField(
                label=_("Minority views (optional)"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Views that only some people held, or that differed from most."),
            )
        for group, keys in COUNT_GROUPS.items():
            for key in keys:
                fields[f"count_{group}_{key}"] = forms.IntegerField(
                    label=COUNT_LABELS[key],
                    required=False,
                    min_value=0,
                    max_value=PARTICIPANTS_MAX,
                    error_messages={
                        "invalid": _("Enter counts as whole numbers, like 3"),
                        "min_value": _("Counts must be 0 or more"),
                        "max_value": _("Counts must be 500 or fewer"),
                    },
                )
        self.dynamic = fields
        super().__init__(*args, **kwargs)
        self.fields.update(fields)

    def layout_fields(self) -> list[Any]:
        questions = getattr(self, "questions", [])
        if not getattr(self, "dynamic", None):
            return []
        parts: list[Any] = []
        for number, q in enumerate(questions, start=1):
            parts.append(
                Fieldset(
                    Field.textarea(f"q{q.pk}_main_points"),
                    Field.radios(f"q{q.pk}_agreement", legend_size=Size.SMALL),
                    Field.textarea(f"q{q.pk}_quotes"),
                    Field.textarea(f"q{q.pk}_minority_views"),
                    legend=_("Question %(number)d: %(text)s") % {"number": number, "text": q.text},
                    legend_size=Size.MEDIUM,
                )
            )
        parts.append(
            Fieldset(
                Field.text("participants", field_width=4),
                legend=_("Who came"),
                legend_size=Size.MEDIUM,
            )
        )
        for group, keys in COUNT_GROUPS.items():
            parts.append(
                Fieldset(
                    *[Field.text(f"count_{group}_{key}", field_width=3) for key in keys],
                    legend=_("%(group)s (optional, numbers of people)")
                    % {"group": COUNT_LABELS[group]},
                    legend_size=Size.SMALL,
                )
            )
        parts.append(Field.textarea("facilitation"))
        return parts

    def write_up(self) -> WriteUpIn:
        data = self.cleaned_data
        counts: dict[str, dict[str, int]] = {}
        for group, keys in COUNT_GROUPS.items():
            values = {
                key: data[f"count_{group}_{key}"]
                for key in keys
                if data.get(f"count_{group}_{key}") is not None
            }
            if values:
                counts[group] = values
        return WriteUpIn(
            participants=data["participants"],
            facilitation=data["facilitation"],
            counts=counts,
            answers=[
                AnswerIn(
                    question_id=q.pk,
                    main_points=data[f"q{q.pk}_main_points"],
                    agreement=data[f"q{q.pk}_agreement"],
                    quotes=data[f"q{q.pk}_quotes"],
                    minority_views=data[f"q{q.pk}_minority_views"],
                )
                for q in self.questions
            ],
        )
