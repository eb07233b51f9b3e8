"""Forms for inviting a partner, recording an agreed position and leadership decisions."""

from typing import Any

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from publicbenefit.accounts.models import Organisation
from publicbenefit.assessments.forms import scale_choices
from publicbenefit.common.forms import BaseForm, GovukDateField
from publicbenefit.core import Framework, Question
from publicbenefit.partnerships.models import LeadershipDecision


class PartnerInviteForm(BaseForm):
    page_title = _("Invite a partner organisation")
    submit_text = _("Invite partner")

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        help_text=_("The organisation's assessors and administrators will be told by email."),
        error_messages={
            "required": _("Select a partner organisation"),
            "invalid_choice": _("Select a partner organisation"),
        },
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def layout_fields(self) -> list[Any]:
        return [Field.select("organisation")]


class AgreedPositionForm(BaseForm):
    submit_text = _("Record agreed position")

    value = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the agreed position"),
            "invalid_choice": _("Select the agreed position"),
        },
    )
    rationale = forms.CharField(
        label=_("Why the partners agreed this"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter why the partners agreed this position")},
    )

    def __init__(self, *args: Any, framework: Framework, question: Question, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page_title = question.text
        self.fields["value"].label = _("Agreed position: %(question)s") % {
            "question": question.text
        }
        self.fields["value"].choices = scale_choices(framework, question)

    def layout_fields(self) -> list[Any]:
        return [
            Field.radios("value", legend_size=Size.MEDIUM),
            Field.textarea("rationale", rows=4),
        ]


class LeadershipDecisionForm(BaseForm):
    page_title = _("Add a leadership decision")
    submit_text = _("Add decision")

    description = forms.CharField(
        label=_("What needs deciding?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter what needs deciding")},
    )
    owner = forms.CharField(
        label=_("Who will take the decision?"),
        max_length=200,
        help_text=_("A person or a board, for example: Director of Adult Social Care."),
        error_messages={"required": _("Enter who will take the decision")},
    )
    due_date = GovukDateField(
        subject=_("Due date"), label=_("Due date"), help_text=_("For example, 31 3 2027")
    )

    def layout_fields(self) -> list[Any]:
        return [
            Field.textarea("description", rows=3),
            Field.text("owner"),
            Field("due_date"),
        ]


class DecisionStatusForm(BaseForm):
    page_title = _("Update the decision")
    submit_text = _("Save")

    status = forms.ChoiceField(
        label=_("Status"),
        widget=forms.RadioSelect,
        choices=LeadershipDecision.Status.choices,
        error_messages={"required": _("Select the status")},
    )

    def layout_fields(self) -> list[Any]:
        return [Field.radios("status", legend_size=Size.SMALL)]
