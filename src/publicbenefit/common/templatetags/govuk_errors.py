"""Where each error in a GOV.UK error summary links to.

The Design System asks that each error in the summary links to the input it is about: for
radios and checkboxes the first option, for a date its first box (or the box in error), and for
a form that is only a button, the button. crispy-forms-gds links to the field's own id, which no
element has for radios and dates, so the summary is built here instead.
"""

from typing import Any

from django import forms, template

register = template.Library()

#: The id crispy-forms-gds gives a form's submit button.
SUBMIT_ID = "id_submit"


def _first_input(bound: forms.BoundField) -> str:
    widget = bound.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound.auto_id}_1"
    if isinstance(widget, forms.MultiWidget):
        return f"{bound.auto_id}_0"
    return str(bound.auto_id)


@register.filter
def error_links(form: forms.BaseForm) -> list[tuple[str, Any]]:
    """(element id, message) for every error of the form, in the order the page shows them."""
    visible = form.visible_fields()
    first = _first_input(visible[0]) if visible else SUBMIT_ID
    links: list[tuple[str, Any]] = [(first, error) for error in form.non_field_errors()]
    for bound in visible:
        widget = bound.field.widget
        seen: list[Any] = []
        if isinstance(widget, forms.MultiWidget):
            # crispy-forms-gds records each date box's own errors on its widget.
            for index, part in enumerate(getattr(bound.field, "fields", ())):
                for error in getattr(part.widget, "errors", []):
                    links.append((f"{bound.auto_id}_{index}", error))
                    seen.append(error)
        links.extend((_first_input(bound), error) for error in bound.errors if error not in seen)
    return links
