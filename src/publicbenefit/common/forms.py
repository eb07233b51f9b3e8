"""The one base for every form in the service.

Each form declares its page title and button text; the base builds the GOV.UK layout once
(``crispy-forms-gds``), so that templates only render ``{% error_summary form %}`` and
``{% crispy form %}``. Error messages follow the GOV.UK pattern ("Enter...", "Select...") and are
set on each field.
"""

from typing import Any, ClassVar

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Layout, Size
from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, QueryDict


class GovukFormMixin:
    """Adds the GOV.UK form helper to any Django form (including Django's own auth forms)."""

    page_title: ClassVar[str] = ""
    submit_text: ClassVar[str] = "Continue"
    #: Set for forms whose button does something that cannot be undone.
    submit_is_warning: ClassVar[bool] = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
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
