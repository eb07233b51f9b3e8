"""Forms for starting an assessment, answering a question, adding evidence and comments."""

from typing import Any

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from publicbenefit.assessments.presenters import position_label
from publicbenefit.common.forms import BaseForm, ConfirmForm
from publicbenefit.core import Framework, Question, Special
from publicbenefit.frameworks.models import FrameworkVersion


class AssessmentStartForm(BaseForm):
    page_title = _("Start the assessment")
    submit_text = _("Start assessment")

    framework_version = forms.ModelChoiceField(
        label=_("Which version of the framework will you use?"),
        queryset=FrameworkVersion.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Select a framework version"),
            "invalid_choice": _("Select a framework version"),
        },
    )

    def __init__(self, *args: Any, versions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["framework_version"]
        field.queryset = versions
        field.initial = versions.first()

    def layout_fields(self) -> list[Any]:
        return [Field.radios("framework_version", legend_size=Size.MEDIUM)]


def scale_choices(framework: Framework, question: Question) -> list[Choice]:
    """The scale's positions, anchors labelled with this question's words, then the special
    answers after a divider."""
    choices = [
        Choice(str(position.value), position_label(framework, question, position.value))
        for position in framework.scale.positions
    ]
    choices[-1].divider = _("or")
    for rule in (framework.scale.dont_know, framework.scale.not_applicable):
        choices.append(Choice(str(rule.kind.value), rule.label))
    return choices


class AnswerForm(BaseForm):
    """One question on its own page: the scale, the reason for a special answer, and the
    justification."""

    submit_text = _("Save and continue")

    value = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select where the proposal lies on the scale"),
            "invalid_choice": _("Select where the proposal lies on the scale"),
        },
    )
    reason = forms.CharField(
        label=_("Reason for “Don't know” or “Not applicable”"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed only if you answer “Don't know” or “Not applicable”."),
    )
    justification = forms.CharField(
        label=_("Justification"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why the proposal lies here: the facts and evidence behind your answer."),
    )

    def __init__(self, *args: Any, framework: Framework, question: Question, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.page_title = question.text
        value = self.fields["value"]
        value.label = question.text
        value.help_text = question.help_text or ""
        value.choices = scale_choices(framework, question)

    def layout_fields(self) -> list[Any]:
        return [
            Field.radios("value", legend_size=Size.LARGE, legend_tag="h1"),
            Field.textarea("reason", rows=2),
            Field.textarea("justification", rows=5),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        value = cleaned.get("value", "")
        if value in {Special.DONT_KNOW.value, Special.NOT_APPLICABLE.value}:
            rule = self.framework.scale.special(Special(value))
            if rule.reason_required and not cleaned.get("reason", "").strip():
                self.add_error(
                    "reason", _("Enter why you answered “%(label)s”") % {"label": rule.label}
                )
        return cleaned


class EvidenceForm(BaseForm):
    page_title = _("Add evidence")
    submit_text = _("Add evidence")

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Enter a title for the evidence")},
    )
    url = forms.URLField(
        assume_scheme="https",
        label=_("Link (optional)"),
        required=False,
        max_length=500,
        error_messages={
            "invalid": _("Enter a link in the correct format, like https://www.example.com")
        },
    )
    file = forms.FileField(
        label=_("Or upload a file (optional)"),
        required=False,
        help_text=_("PDF, Word, Excel, OpenDocument, CSV, text, PNG or JPEG, 10MB at most."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("url") and not cleaned.get("file") and not self.errors.get("url"):
            self.add_error("url", _("Enter a link or choose a file"))
        return cleaned


class CommentForm(BaseForm):
    page_title = _("Add a comment")
    submit_text = _("Add comment")

    body = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter a comment")},
    )

    def layout_fields(self) -> list[Any]:
        return [Field.textarea("body", label_size=Size.SMALL)]


class AssessmentSubmitForm(ConfirmForm):
    page_title = _("Submit the assessment")
    submit_text = _("Submit assessment")


class AnswersImportForm(BaseForm):
    page_title = _("Import answers from a file")
    submit_text = _("Import answers")

    file = forms.FileField(
        label=_("Upload a CSV or JSON file"),
        help_text=_(
            "The CSV or JSON this service exports, or your own with the same columns. 1MB at most."
        ),
        error_messages={"required": _("Select a CSV or JSON file")},
    )

    def clean_file(self) -> tuple[str, str]:
        """The file's text and its format ("csv" or "json")."""
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".json")):
            raise forms.ValidationError(_("The selected file must be a CSV or JSON file"))
        if upload.size > 1024 * 1024:
            raise forms.ValidationError(_("The selected file must be smaller than 1MB"))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                _("The selected file must be saved as UTF-8 text")
            ) from error
        return text, "json" if name.endswith(".json") else "csv"
