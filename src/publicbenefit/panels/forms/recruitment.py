"""Forms for recruiting a panel: uploading addresses, making letters, the public sign-up (a
declarative wizard of one-question pages, ``JoinWizard``), members changing their details, and
staff adding someone who joined by phone or post."""

from dataclasses import dataclass
from typing import Any, ClassVar

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from publicbenefit.common.forms import BaseForm, ConfirmForm
from publicbenefit.panels.models import Member, Panel, ProfileFeature
from publicbenefit.panels.services.recruitment import (
    MAX_FILE_BYTES,
    JoinAnswers,
    contact_problems,
)
from publicbenefit.privacy.forms import HowAskedForm, StaffEraseRequestForm

CHANNEL_CHOICES = [
    (Member.Channel.EMAIL, _("By email")),
    (Member.Channel.POST, _("By post")),
    (Member.Channel.PHONE, _("By phone")),
]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _why_we_ask(panel: Panel) -> str:
    return str(
        _(
            "We ask everyone this so that we can check the panel is a fair mix of the people of "
            "%(area)s. Your answer is kept under a code number, not your name."
        )
        % {"area": panel.area}
    )


def _profile_field(feature: ProfileFeature, panel: Panel) -> forms.ChoiceField:
    message = _("Select an answer: %(question)s") % {"question": feature.question}
    return forms.ChoiceField(
        label=feature.question,
        choices=[(value.value, value.label) for value in feature.values.all()],
        widget=forms.RadioSelect,
        help_text=_why_we_ask(panel),
        error_messages={"required": message, "invalid_choice": message},
    )


# Staff: addresses and letters.


class AddressUploadForm(BaseForm):
    page_title = _("Upload a sample of addresses")
    submit_text = _("Upload addresses")

    name = forms.CharField(
        label=_("Name for this batch"),
        help_text=_("For example: Spring 2026 random sample, wards A to F"),
        max_length=200,
        error_messages={"required": _("Enter a name for this batch of addresses")},
    )
    file = forms.FileField(
        label=_("Upload a CSV file"),
        help_text=_(
            "Columns address_line_1, address_line_2, town, postcode and, if you like, area. "
            "Saved as UTF-8, smaller than 5MB, at most 50,000 addresses."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={
            "required": _("Select a CSV file"),
            "missing": _("Select a CSV file"),
            "invalid": _("Select a CSV file"),
            "empty": _("The selected file is empty"),
        },
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(_("The selected file must be smaller than 5MB"), code="size")
        data: bytes = upload.read()
        return data

    def layout_fields(self) -> list[Any]:
        return [Field.text("name"), Field("file")]


class LettersForm(BaseForm):
    page_title = _("Make the letters")
    submit_text = _("Make the letters")

    contact = forms.CharField(
        label=_("How people can join by phone or post, or ask for another format"),
        help_text=_(
            "Printed on every letter. For example: call 01632 960 001 (Monday to Friday, 9am "
            "to 5pm) or write to Freepost CALDERBROOK PANEL"
        ),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter how people can join by phone or post")},
    )

    def layout_fields(self) -> list[Any]:
        return [Field.textarea("contact", rows=3)]


# The public sign-up.


class CodeForm(BaseForm):
    page_title = _("Join a Citizens' Panel")
    submit_text = _("Continue")

    code = forms.CharField(
        label=_("Enter the code from your letter"),
        help_text=_("It is 8 letters and numbers, like 7K2M-Q9XA"),
        max_length=20,
        error_messages={"required": _("Enter the code from your letter")},
    )

    def layout_fields(self) -> list[Any]:
        return [Field.text("code", label_size=Size.MEDIUM, field_width=10)]


class ManageLinkForm(BaseForm):
    """Ask for a new link to manage your details, given the email address you joined with."""

    page_title = _("Get a new link to manage your details")
    submit_text = _("Send me a new link")

    email = forms.EmailField(
        label=_("The email address you gave when you joined"),
        error_messages={
            "required": _("Enter the email address you gave when you joined"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )

    def layout_fields(self) -> list[Any]:
        return [Field.text("email", autocomplete="email", spellcheck="false")]


class StepForm(BaseForm):
    """A page of the sign-up. Its question is the page's heading, unless ``heading`` is set,
    when the page shows that heading above the form."""

    heading: ClassVar[str] = ""

    def summary(self) -> list[tuple[str, str]]:
        """The answers as the check page shows them: (question, answer) pairs."""
        raise NotImplementedError

    def contribute(self, answers: dict[str, Any]) -> None:
        """Put this page's answers into the keyword arguments of ``JoinAnswers``."""
        raise NotImplementedError


class ConsentForm(StepForm):
    page_title = _("How we use your information")
    heading = _("How we use your information")

    agree = forms.BooleanField(
        label=_("I have read the privacy notice and I agree to join the panel"),
        error_messages={"required": _("Agree to the privacy notice to join the panel")},
    )
    hear_back = forms.BooleanField(
        label=_("Tell me what was decided, and what difference the panel's answers made"),
        help_text=_("We will email you, or write to you, once a decision is published."),
        required=False,
    )

    def layout_fields(self) -> list[Any]:
        return [Field.checkbox("agree"), Field.checkbox("hear_back")]

    def summary(self) -> list[tuple[str, str]]:
        return [
            (str(_("Privacy notice")), str(_("Read and agreed"))),
            (
                str(_("Hear what happened")),
                str(_("Yes") if self.cleaned_data["hear_back"] else _("No")),
            ),
        ]

    def contribute(self, answers: dict[str, Any]) -> None:
        answers["consented"] = bool(self.cleaned_data["agree"])
        answers["hear_back"] = bool(self.cleaned_data["hear_back"])


class NameForm(StepForm):
    page_title = _("What is your name?")

    name = forms.CharField(
        label=_("What is your name?"),
        max_length=200,
        error_messages={
            "required": _("Enter your name"),
            "max_length": _("Name must be 200 characters or fewer"),
        },
    )

    def layout_fields(self) -> list[Any]:
        return [Field.text("name", label_tag="h1", label_size=Size.LARGE)]

    def summary(self) -> list[tuple[str, str]]:
        return [(str(_("Name")), self.cleaned_data["name"])]

    def contribute(self, answers: dict[str, Any]) -> None:
        answers["name"] = self.cleaned_data["name"].strip()


class ChannelForm(StepForm):
    page_title = _("How should we contact you?")

    channel = forms.ChoiceField(
        label=_("How should we contact you?"),
        help_text=_("We will send you surveys and news of the panel this way."),
        choices=CHANNEL_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how we should contact you"),
            "invalid_choice": _("Select how we should contact you"),
        },
    )

    def layout_fields(self) -> list[Any]:
        return [Field.radios("channel", legend_tag="h1", legend_size=Size.LARGE)]

    def summary(self) -> list[tuple[str, str]]:
        return [
            (str(_("How we contact you")), str(Member.Channel(self.cleaned_data["channel"]).label))
        ]

    def contribute(self, answers: dict[str, Any]) -> None:
        answers["channel"] = self.cleaned_data["channel"]


class ContactDetailsForm(StepForm):
    """The one contact detail the chosen channel needs."""

    FIELDS: ClassVar[dict[str, str]] = {
        Member.Channel.EMAIL: "email",
        Member.Channel.PHONE: "phone",
        Member.Channel.POST: "postal_address",
    }

    def __init__(self, *args: Any, channel: str, **kwargs: Any) -> None:
        self.channel = channel
        super().__init__(*args, **kwargs)

    @property
    def field_name(self) -> str:
        return self.FIELDS.get(self.channel, "email")

    @property
    def page_title(self) -> str:  # type: ignore[override]
        return str(
            {
                "email": _("What is your email address?"),
                "phone": _("What is your phone number?"),
                "postal_address": _("What is your postal address?"),
            }[self.field_name]
        )

    def _field(self) -> forms.Field:
        name = self.field_name
        if name == "email":
            field: forms.Field = forms.EmailField(
                label=self.page_title,
                max_length=254,
                help_text=_("We will send your surveys and a link to manage your details here."),
                error_messages={
                    "required": _("Enter your email address"),
                    "invalid": _(
                        "Enter an email address in the correct format, like name@example.com"
                    ),
                },
            )
            field.widget.attrs["autocomplete"] = "email"
        elif name == "phone":
            field = forms.CharField(
                label=self.page_title,
                max_length=30,
                help_text=_("We will call you to ask the survey questions."),
                error_messages={"required": _("Enter your phone number")},
            )
            field.widget.input_type = "tel"  # type: ignore[attr-defined]
            field.widget.attrs["autocomplete"] = "tel"
        else:
            field = forms.CharField(
                label=self.page_title,
                help_text=_(
                    "We will post your surveys here, with a prepaid envelope to send them back."
                ),
                widget=forms.Textarea(attrs={"rows": 5, "autocomplete": "street-address"}),
                error_messages={"required": _("Enter your postal address")},
            )
        return field

    def layout_fields(self) -> list[Any]:
        name = self.field_name
        self.fields[name] = self._field()
        if name == "postal_address":
            return [Field.textarea(name, label_tag="h1", label_size=Size.LARGE, rows=5)]
        width = 20 if name == "phone" else None
        return [Field.text(name, label_tag="h1", label_size=Size.LARGE, field_width=width)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        value = cleaned.get(self.field_name)
        if value:
            problems = contact_problems(
                channel=self.channel,
                email=value if self.field_name == "email" else "",
                phone=value if self.field_name == "phone" else "",
                postal_address=value if self.field_name == "postal_address" else "",
            )
            if self.field_name in problems:
                self.add_error(self.field_name, problems[self.field_name])
        return cleaned

    def summary(self) -> list[tuple[str, str]]:
        labels = {
            "email": _("Email address"),
            "phone": _("Phone number"),
            "postal_address": _("Postal address"),
        }
        return [(str(labels[self.field_name]), self.cleaned_data[self.field_name])]

    def contribute(self, answers: dict[str, Any]) -> None:
        answers[self.field_name] = self.cleaned_data[self.field_name].strip()


class LanguageForm(StepForm):
    page_title = _("Which language would you like us to use?")

    language = forms.CharField(
        label=_("Which language would you like us to use?"),
        help_text=_(
            "For example, English, Polish, Urdu or British Sign Language. We will send surveys "
            "in your language where we can."
        ),
        max_length=60,
        error_messages={
            "required": _("Enter the language you would like us to use"),
            "max_length": _("Language must be 60 characters or fewer"),
        },
    )

    def layout_fields(self) -> list[Any]:
        return [Field.text("language", label_tag="h1", label_size=Size.LARGE, field_width=20)]

    def summary(self) -> list[tuple[str, str]]:
        return [(str(_("Language")), self.cleaned_data["language"])]

    def contribute(self, answers: dict[str, Any]) -> None:
        answers["language"] = self.cleaned_data["language"].strip()


class ProfileForm(StepForm):
    """One profile question, with the values of its feature as radios."""

    def __init__(self, *args: Any, feature: ProfileFeature, panel: Panel, **kwargs: Any) -> None:
        self.feature = feature
        super().__init__(*args, **kwargs)
        self.fields["answer"] = _profile_field(feature, panel)

    @property
    def page_title(self) -> str:  # type: ignore[override]
        return self.feature.question

    def layout_fields(self) -> list[Any]:
        return [Field.radios("answer", legend_tag="h1", legend_size=Size.LARGE)]

    def summary(self) -> list[tuple[str, str]]:
        return [
            (self.feature.label, dict(self.fields["answer"].choices)[self.cleaned_data["answer"]])
        ]

    def contribute(self, answers: dict[str, Any]) -> None:
        answers.setdefault("profile", {})[self.feature.key] = self.cleaned_data["answer"]


class PrizeDrawForm(StepForm):
    page_title = _("Would you like to enter prize draws?")

    prize_draw = forms.ChoiceField(
        label=_("Would you like to enter prize draws?"),
        help_text=_(
            "After some surveys we draw prizes among the people who answered. You do not have "
            "to enter, and it makes no difference to your answers."
        ),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select yes if you would like to enter prize draws"),
            "invalid_choice": _("Select yes if you would like to enter prize draws"),
        },
    )

    def layout_fields(self) -> list[Any]:
        return [Field.radios("prize_draw", legend_tag="h1", legend_size=Size.LARGE, inline=True)]

    def summary(self) -> list[tuple[str, str]]:
        return [
            (
                str(_("Prize draws")),
                str(_("Yes") if self.cleaned_data["prize_draw"] == "yes" else _("No")),
            )
        ]

    def contribute(self, answers: dict[str, Any]) -> None:
        answers["prize_draw"] = self.cleaned_data["prize_draw"] == "yes"


@dataclass(frozen=True)
class Step:
    slug: str
    form_class: type[StepForm]
    options: tuple[tuple[str, Any], ...] = ()


CONSENT = "consent"
NAME = "name"
CHANNEL = "contact"
CONTACT_DETAILS = "contact-details"
LANGUAGE = "language"
PROFILE_PREFIX = "about-you-"
PRIZE_DRAW = "prize-draw"


class JoinWizard:
    """The sign-up's pages in order, for one panel, over the answers kept in the session
    (``stored``: each page's posted fields, by page). Every stored page is checked again with
    its form whenever it is read, so an answer that no longer fits (a changed channel, a
    changed panel, an altered session) sends the person back to that page."""

    def __init__(
        self,
        *,
        panel: Panel,
        features: list[ProfileFeature],
        stored: dict[str, dict[str, str]],
        letter_address: str = "",
    ) -> None:
        self.panel = panel
        self.stored = stored
        self.letter_address = letter_address
        self.steps = [
            Step(CONSENT, ConsentForm),
            Step(NAME, NameForm),
            Step(CHANNEL, ChannelForm),
            Step(CONTACT_DETAILS, ContactDetailsForm),
            Step(LANGUAGE, LanguageForm),
            *(
                Step(PROFILE_PREFIX + feature.key, ProfileForm, (("feature", feature),))
                for feature in features
            ),
            *([Step(PRIZE_DRAW, PrizeDrawForm)] if panel.prize_draw else []),
        ]
        self._by_slug = {step.slug: step for step in self.steps}

    def has(self, slug: str) -> bool:
        return slug in self._by_slug

    def _channel(self) -> str:
        form = self.form(CHANNEL, self.stored.get(CHANNEL))
        return form.cleaned_data["channel"] if form.is_bound and form.is_valid() else ""

    def form(self, slug: str, data: Any = None) -> StepForm:
        """The page's form, bound to ``data`` (posted or stored), or unbound with the earlier
        answer or a sensible default filled in."""
        step = self._by_slug[slug]
        kwargs: dict[str, Any] = dict(step.options)
        if step.form_class is ProfileForm:
            kwargs["panel"] = self.panel
        if step.form_class is ContactDetailsForm:
            kwargs["channel"] = self._channel()
        initial: dict[str, Any] = {}
        if slug == LANGUAGE:
            initial["language"] = "English"
        if slug == CONTACT_DETAILS and self.letter_address:
            initial["postal_address"] = self.letter_address
        if data is None and slug in self.stored:
            initial.update(self.stored[slug])
        return step.form_class(data, initial=initial, **kwargs)

    def fields_of(self, slug: str, data: Any) -> dict[str, str]:
        """The posted values of the page's own fields, to keep in the session."""
        form = self.form(slug)
        return {name: str(data.get(name, "")) for name in form.fields}

    def valid_form(self, slug: str) -> StepForm | None:
        data = self.stored.get(slug)
        if not isinstance(data, dict):
            return None
        form = self.form(slug, data)
        return form if form.is_valid() else None

    def first_incomplete(self) -> str | None:
        for step in self.steps:
            if self.valid_form(step.slug) is None:
                return step.slug
        return None

    def next_after(self, slug: str) -> str | None:
        slugs = [step.slug for step in self.steps]
        index = slugs.index(slug)
        return slugs[index + 1] if index + 1 < len(slugs) else None

    def previous(self, slug: str) -> str | None:
        slugs = [step.slug for step in self.steps]
        index = slugs.index(slug)
        return slugs[index - 1] if index > 0 else None

    def summary(self) -> list[tuple[str, str, str]]:
        """(question, answer, page) rows for the check page, for pages answered well."""
        rows = []
        for step in self.steps:
            form = self.valid_form(step.slug)
            if form is not None:
                rows += [(label, value, step.slug) for label, value in form.summary()]
        return rows

    def answers(self) -> JoinAnswers:
        """Every page's answers together (pages not answered well are left out, so the
        service refuses them)."""
        values: dict[str, Any] = {"consented": False, "name": "", "channel": "", "profile": {}}
        for step in self.steps:
            form = self.valid_form(step.slug)
            if form is not None:
                form.contribute(values)
        return JoinAnswers(**values)


# Members' control and staff.


class _ContactFields(BaseForm):
    """Name, channel, contact details and language, checked together (the channel decides
    which detail is needed)."""

    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages={"required": _("Enter a name")},
    )
    channel = forms.ChoiceField(
        label=_("How should we contact you?"),
        choices=CHANNEL_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how we should contact you"),
            "invalid_choice": _("Select how we should contact you"),
        },
    )
    email = forms.CharField(label=_("Email address"), required=False, max_length=254)
    phone = forms.CharField(label=_("Phone number"), required=False, max_length=30)
    postal_address = forms.CharField(
        label=_("Postal address"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    language = forms.CharField(
        label=_("Preferred language"),
        max_length=60,
        error_messages={"required": _("Enter the language you would like us to use")},
    )

    def __init__(self, *args: Any, panel: Panel, **kwargs: Any) -> None:
        self.panel = panel
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.input_type = "tel"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"

    def _contact_layout(self) -> list[Any]:
        return [
            Field.text("name"),
            Field.radios("channel", legend_size=Size.SMALL),
            Field.text("email"),
            Field.text("phone", field_width=20),
            Field.textarea("postal_address", rows=4),
            Field.text("language", field_width=20),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("channel"):
            problems = contact_problems(
                channel=cleaned["channel"],
                email=cleaned.get("email", "").strip(),
                phone=cleaned.get("phone", "").strip(),
                postal_address=cleaned.get("postal_address", ""),
            )
            for name, problem in problems.items():
                if name in self.fields and name not in self.errors:
                    self.add_error(name, problem)
        return cleaned


class MemberDetailsForm(_ContactFields):
    page_title = _("Change your details")
    submit_text = _("Save your details")

    def __init__(self, *args: Any, panel: Panel, **kwargs: Any) -> None:
        super().__init__(*args, panel=panel, **kwargs)
        self.fields["channel"].help_text = _(
            "Give the email address, phone number or postal address that goes with it."
        )
        if panel.prize_draw:
            self.fields["prize_draw"] = forms.ChoiceField(
                label=_("Would you like to enter prize draws?"),
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={"required": _("Select yes if you would like to enter prize draws")},
            )

    def layout_fields(self) -> list[Any]:
        return [
            *self._contact_layout(),
            *(
                [Field.radios("prize_draw", legend_size=Size.SMALL, inline=True)]
                if "prize_draw" in self.fields
                else []
            ),
        ]

    def values(self) -> dict[str, Any]:
        """The keyword arguments of ``member_details_change``."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "channel": data["channel"],
            "email": data["email"],
            "phone": data["phone"],
            "postal_address": data["postal_address"],
            "language": data["language"],
            "prize_draw": data.get("prize_draw") == "yes",
        }


class StaffMemberForm(_ContactFields):
    """Everything the sign-up asks, on one page, for someone who joined by phone or post."""

    page_title = _("Add a member who joined by phone or post")
    submit_text = _("Add member")

    consent = forms.BooleanField(
        label=_(
            "They have had the privacy notice (read to them or sent to them) and agreed to join"
        ),
        error_messages={"required": _("Confirm that they agreed to the privacy notice")},
    )

    def __init__(
        self, *args: Any, panel: Panel, features: list[ProfileFeature], **kwargs: Any
    ) -> None:
        self.features = features
        super().__init__(*args, panel=panel, **kwargs)
        self.fields["channel"].label = _("How should we contact them?")
        self.fields["language"].initial = "English"
        for feature in features:
            self.fields[f"profile_{feature.key}"] = _profile_field(feature, panel)
        if panel.prize_draw:
            self.fields["prize_draw"] = forms.ChoiceField(
                label=_("Do they want to enter prize draws?"),
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={"required": _("Select yes if they want to enter prize draws")},
            )

    def layout_fields(self) -> list[Any]:
        return [
            Field.checkbox("consent"),
            *self._contact_layout(),
            *(
                Field.radios(f"profile_{feature.key}", legend_size=Size.SMALL)
                for feature in self.features
            ),
            *(
                [Field.radios("prize_draw", legend_size=Size.SMALL, inline=True)]
                if "prize_draw" in self.fields
                else []
            ),
        ]

    def answers(self) -> JoinAnswers:
        data = self.cleaned_data
        return JoinAnswers(
            consented=bool(data["consent"]),
            name=data["name"],
            channel=data["channel"],
            email=data["email"],
            phone=data["phone"],
            postal_address=data["postal_address"],
            language=data["language"],
            profile={feature.key: data[f"profile_{feature.key}"] for feature in self.features},
            prize_draw=data.get("prize_draw") == "yes",
        )


class LeaveForm(ConfirmForm):
    page_title = _("Leave the panel?")
    submit_text = _("Leave the panel")
    submit_is_warning = True


class EraseForm(ConfirmForm):
    page_title = _("Erase your personal data?")
    submit_text = _("Erase my personal data")
    submit_is_warning = True


class StaffEraseForm(StaffEraseRequestForm):
    """Erase a member who asked by post or phone (how they asked goes into the audit trail)."""

    page_title = _("Erase this member's personal data?")
    submit_text = _("Erase their personal data")
    submit_is_warning = True


class StaffMemberDetailsForm(HowAskedForm, MemberDetailsForm):
    """Staff correct a member's details when the member asks by post or phone (how they asked
    goes into the audit trail)."""

    page_title = _("Change this member's details")
    submit_text = _("Save their details")

    def layout_fields(self) -> list[Any]:
        return [Field.text("how_asked"), *super().layout_fields()]
