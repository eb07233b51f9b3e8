"""The one base for every form in the service.

Each form declares its page title and button text; the base builds the GOV.UK layout once
(``crispy-forms-gds``), so that templates only render ``{% error_summary form %}`` and
``{% crispy form %}``. Error messages follow the GOV.UK pattern ("Enter...", "Select...") and are
set on each field.
"""

from datetime import date
from typing import Any, ClassVar

from crispy_forms.utils import TEMPLATE_PACK
from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Layout, Size
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.http import HttpRequest, QueryDict
from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _


class EscapingFormHelper(FormHelper):  # type: ignore[misc]
    """The crispy-forms-gds helper, made safe for text that people supply.

    crispy-forms-gds prints field labels and hints with ``|safe``. Labels here often carry text
    from data (a framework's questions, uploaded by an organisation), so every label and hint is
    escaped at render time, after the form has finished setting them. Text that is already safe
    (escaped once) is left as it is.
    """

    def render_layout(self, form: Any, context: Any, template_pack: str = TEMPLATE_PACK) -> Any:
        for field in form.fields.values():
            field.label = conditional_escape(field.label) if field.label else field.label
            field.help_text = conditional_escape(field.help_text) if field.help_text else ""
        # Bound fields made before rendering (the error summary makes them) copied the raw text.
        for bound in getattr(form, "_bound_fields_cache", {}).values():
            bound.label = conditional_escape(bound.label) if bound.label else bound.label
            bound.help_text = conditional_escape(bound.help_text) if bound.help_text else ""
        return super().render_layout(form, context, template_pack)


class GovukFormMixin:
    """Adds the GOV.UK form helper to any Django form (including Django's own auth forms)."""

    page_title: ClassVar[str] = ""
    submit_text: ClassVar[str] = "Continue"
    #: Set for forms whose button does something that cannot be undone.
    submit_is_warning: ClassVar[bool] = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = EscapingFormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        button = (
            Button.warning("submit", self.submit_text)
            if self.submit_is_warning
            else Button("submit", self.submit_text)
        )
        self.helper.layout = Layout(*self.layout_fields(), button)

    def layout_fields(self) -> list[Any]:
        """The fields in the order shown; override to group them or add headings."""
        return list(self.fields)  # type: ignore[attr-defined]


class BaseForm(GovukFormMixin, forms.Form):
    """A GOV.UK form that is not tied to a model."""


class ConfirmForm(BaseForm):
    """A form with only a button, for actions confirmed on a page of their own."""

    page_title = _("Are you sure?")
    submit_text = _("Confirm")

    def layout_fields(self) -> list[Any]:
        return []


class BaseModelForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    """A GOV.UK form that edits a model's fields (the service still does the saving)."""


def errors_onto_form(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the fields it names, or at the top."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error)


def posted(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST (even an empty one, so that its errors show), else None."""
    return request.POST if request.method == "POST" else None


class GovukDateField(DateInputField):  # type: ignore[misc]
    """The GOV.UK date input (day, month, year), with messages that name the date, like
    "Review date must be a real date"."""

    def __init__(self, *, subject: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.subject = subject
        self.error_messages["required"] = _("Enter the %(subject)s") % {"subject": subject.lower()}
        self.error_messages["incomplete"] = _("%(subject)s must include a day, month and year") % {
            "subject": subject
        }
        self.error_messages["invalid"] = _("%(subject)s must be a real date") % {"subject": subject}
        for part, name in zip(self.fields, (_("day"), _("month"), _("year")), strict=True):
            part.error_messages["incomplete"] = _("%(subject)s must include a %(part)s") % {
                "subject": subject,
                "part": name,
            }
            part.validators = [RegexValidator(r"^[0-9]+$", self.error_messages["invalid"])]

    def compress(self, data_list: list[str]) -> date | None:
        try:
            return super().compress(data_list)  # type: ignore[no-any-return]
        except ValidationError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error


class CsvUploadForm(BaseForm):
    """A CSV file, read as text: refused if it is larger than ``max_megabytes``, not UTF-8 text
    (a byte-order mark is allowed: spreadsheets often write one), binary, or empty. The field is
    named ``csv_file``, as import services name their problems, so each problem shows beside it."""

    max_megabytes: ClassVar[int] = 5
    page_title = _("Import a CSV file")
    submit_text = _("Import")

    csv_file = forms.FileField(
        label=_("Upload a CSV file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={
            "required": _("Select a CSV file"),
            "missing": _("Select a CSV file"),
            "invalid": _("Select a CSV file"),
            "empty": _("The selected file is empty"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["csv_file"].help_text = _(
            "A CSV file saved as UTF-8 text, smaller than %(size)sMB."
        ) % {"size": self.max_megabytes}

    def clean_csv_file(self) -> str:
        upload = self.cleaned_data["csv_file"]
        if upload.size > self.max_megabytes * 1024 * 1024:
            raise ValidationError(
                _("The selected file must be smaller than %(size)sMB")
                % {"size": self.max_megabytes},
                code="size",
            )
        try:
            text: str = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(
                _("The selected file must be a CSV file saved as UTF-8 text"), code="encoding"
            ) from error
        if "\x00" in text:
            raise ValidationError(
                _("The selected file must be a CSV file saved as UTF-8 text"), code="binary"
            )
        if not text.strip():
            raise ValidationError(_("The selected file is empty"), code="empty")
        return text
