"""Labels and hints that carry people's text are escaped, although crispy-forms-gds prints
them unescaped."""

from django import forms
from django.template import Context, Template

from publicbenefit.common.forms import BaseForm

MARKUP = '<script>alert("x")</script><b>bold</b>'


class _Form(BaseForm):
    choice = forms.ChoiceField(widget=forms.RadioSelect, choices=[("1", MARKUP)])
    text = forms.CharField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Set after the helper is built, as forms do with text from data.
        self.fields["choice"].label = MARKUP
        self.fields["text"].help_text = MARKUP


def _render(form):
    return Template(
        "{% load crispy_forms_tags crispy_forms_gds %}{% error_summary form %}{% crispy form %}"
    ).render(Context({"form": form}))


def test_labels_hints_and_choices_are_escaped():
    html = _render(_Form())
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_labels_stay_escaped_when_the_error_summary_rendered_first():
    form = _Form(data={})
    assert not form.is_valid()
    html = _render(form)
    assert "<script>" not in html
    assert "<b>bold</b>" not in html


def test_text_is_escaped_once_not_twice():
    html = _render(_Form())
    assert "&amp;lt;" not in html
