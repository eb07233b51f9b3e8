"""Forms for event codes: issuing a batch, typing the code from a paper form to enter its
answers, and choosing whose answers the unweighted score is of."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publicbenefit.common.forms import BaseForm, GovukDateField
from publicbenefit.surveys.letter_codes import letter_code_normalise
from publicbenefit.surveys.models import EventBatch


class EventBatchForm(BaseForm):
    """A named batch of single-use codes for an event or a jury."""

    page_title = _("Issue codes for an event or a jury")
    submit_text = _("Issue the codes")

    name = forms.CharField(
        label=_("Name of the batch"),
        max_length=200,
        help_text=_("For example: Eastgate community centre dialogue, 14 March; or Jury, day 3"),
        error_messages={"required": _("Enter a name for the batch")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of event"),
        choices=EventBatch.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the kind of event")},
    )
    count = forms.IntegerField(
        label=_("How many codes"),
        min_value=1,
        help_text=_("One for each person expected, and a few spare. Each code can be used once."),
        error_messages={
            "required": _("Enter how many codes to issue"),
            "invalid": _("Enter how many codes to issue as a whole number, like 25"),
            "min_value": _("Issue at least 1 code"),
        },
    )
    closes_on = GovukDateField(
        subject=str(_("Close date")),
        label=_("Close date"),
        help_text=_("The codes stop working at the end of this day. For example, 27 3 2027"),
    )

    def closes_at(self) -> datetime.datetime:
        """The end of the chosen close day, in the service's time zone."""
        return timezone.make_aware(
            datetime.datetime.combine(self.cleaned_data["closes_on"], datetime.time.max)
        )


class PaperCodeForm(BaseForm):
    """The code printed at the top of a paper form, typed by staff entering its answers."""

    page_title = _("Enter answers from a paper form")
    submit_text = _("Continue to the answering pages")
    not_found_message = _("No code of this survey matches. Check the code at the top of the form")

    code = forms.CharField(
        label=_("Code at the top of the paper form"),
        max_length=20,
        help_text=_("8 letters and numbers, like K7M2-X9QD."),
        error_messages={"required": _("Enter the code at the top of the paper form")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        )

    def clean_code(self) -> str:
        code = letter_code_normalise(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(self.not_found_message)
        return code


class ScoreOfForm(BaseForm):
    """Whose answers the unweighted score is of: everyone's, or one batch of event codes."""

    page_title = _("Whose answers")
    submit_text = _("Show the score")

    batch = forms.ChoiceField(
        label=_("Whose answers"),
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, batches: list[EventBatch], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["batch"].choices = [("", _("Everyone who answered the survey"))] + [
            (str(batch.pk), batch.name) for batch in batches
        ]
        self.helper.form_method = "get"

    def batch_pk(self) -> int | None:
        """The chosen batch's id, or ``None`` for everyone."""
        if not self.is_bound or not self.is_valid() or not self.cleaned_data.get("batch"):
            return None
        return int(self.cleaned_data["batch"])
