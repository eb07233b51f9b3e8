"""Forms for engagement planning: the screening questions (built from the rules file's facts),
the plan's constraints, the choice of method, groups, tailoring a research question, milestones,
cost figures, the engagement's report, the timing override and an organisation's own question."""

from decimal import Decimal
from typing import Any

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from publicbenefit.common.forms import BaseForm, GovukDateField
from publicbenefit.core.engagement import (
    FactDeclaration,
    FactKind,
    Method,
    QuestionBank,
    Recommendation,
    ResearchQuestion,
)
from publicbenefit.core.engagement.conditions import FactValue
from publicbenefit.engagement.models import Control

_YES_NO = [("yes", _("Yes")), ("no", _("No"))]

#: Plain-English labels for the choices a screening fact can take (the rules file's ids).
CHOICE_LABELS = {
    "none": _("Not at all"),
    "supports_a_person": _("They support a person who decides"),
    "solely_automated": _("No person decides: the decision is automated"),
}


def choice_label(value: str) -> str:
    return str(CHOICE_LABELS.get(value, value.replace("_", " ").capitalize()))


def fact_answer(fact: FactDeclaration, value: FactValue) -> str:
    """A fact's value as a person reads it."""
    if fact.kind is FactKind.YES_NO:
        return str(_("Yes") if value else _("No"))
    if fact.kind is FactKind.COUNT:
        return f"{int(value):,}"
    return choice_label(str(value))


class ScreeningForm(BaseForm):
    """One question per screening fact, in the rules file's order. A fact the proposal's record
    already answers is filled in, and its hint says so."""

    page_title = _("Screen the proposal for public engagement")
    submit_text = _("Screen the proposal")

    def __init__(
        self,
        *args: Any,
        facts: tuple[FactDeclaration, ...],
        from_proposal: dict[str, FactValue],
        **kwargs: Any,
    ) -> None:
        self.facts = facts
        super().__init__(*args, **kwargs)
        for fact in facts:
            self.fields[fact.name] = self._field(fact, from_proposal.get(fact.name))

    def _field(self, fact: FactDeclaration, known: FactValue | None) -> forms.Field:
        hint = (
            str(_("The proposal's record says: %(answer)s.")) % {"answer": fact_answer(fact, known)}
            if known is not None
            else ""
        )
        if fact.kind is FactKind.COUNT:
            return forms.IntegerField(
                label=fact.question,
                min_value=0,
                required=False,
                help_text=hint or _("Leave empty if nobody knows yet."),
                error_messages={
                    "invalid": _("Enter a whole number of people, like 12000"),
                    "min_value": _("The number of people must be 0 or more"),
                },
            )
        choices = (
            _YES_NO
            if fact.kind is FactKind.YES_NO
            else [(choice, choice_label(choice)) for choice in fact.choices]
        )
        message = _("Select an answer: %(question)s") % {"question": fact.question}
        return forms.ChoiceField(
            label=fact.question,
            choices=choices,
            widget=forms.RadioSelect,
            help_text=hint,
            error_messages={"required": message, "invalid_choice": message},
        )

    def layout_fields(self) -> list[Any]:
        return [
            Field.radios(fact.name, legend_size=Size.SMALL, inline=fact.kind is FactKind.YES_NO)
            if fact.kind is not FactKind.COUNT
            else Field.text(fact.name, field_width=10)
            for fact in self.facts
        ]

    @staticmethod
    def initial_from(
        facts: tuple[FactDeclaration, ...], values: dict[str, FactValue]
    ) -> dict[str, Any]:
        """Form initial values from facts (yes/no as "yes"/"no")."""
        initial: dict[str, Any] = {}
        for fact in facts:
            if fact.name not in values:
                continue
            value = values[fact.name]
            initial[fact.name] = (
                ("yes" if value else "no") if fact.kind is FactKind.YES_NO else value
            )
        return initial

    def fact_values(self) -> dict[str, FactValue]:
        """The answers as the screening reads them (an empty count is left out: not given)."""
        values: dict[str, FactValue] = {}
        for fact in self.facts:
            value = self.cleaned_data.get(fact.name)
            if fact.kind is FactKind.YES_NO:
                values[fact.name] = value == "yes"
            elif fact.kind is FactKind.COUNT:
                if value is not None:
                    values[fact.name] = int(value)
            else:
                values[fact.name] = str(value)
        return values


class ConstraintsForm(BaseForm):
    """What the engagement has to work within."""

    page_title = _("What the engagement has to work within")
    submit_text = _("Save and see the recommendation")

    starts_on = GovukDateField(
        subject=str(_("Start date")),
        label=_("When can the engagement start?"),
        help_text=_("For example, 27 3 2027"),
    )
    decision_by = GovukDateField(
        subject=str(_("Decision point")),
        label=_("When must the decision be made?"),
        help_text=_(
            "The engagement must report before this date, so that the public are not involved "
            "only after the decision."
        ),
    )
    budget = forms.DecimalField(
        label=_("Budget for the engagement, in pounds"),
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        error_messages={
            "required": _("Enter the budget in pounds"),
            "invalid": _("Enter the budget as a number of pounds, like 45000"),
            "min_value": _("The budget must be £0 or more"),
            "max_digits": _("Enter a budget under £10,000,000,000"),
            "max_decimal_places": _("Enter the budget in pounds and pence at most"),
        },
    )
    population = forms.IntegerField(
        label=_("How many people does the proposal concern?"),
        min_value=1,
        error_messages={
            "required": _("Enter how many people the proposal concerns"),
            "invalid": _("Enter a whole number of people, like 12000"),
            "min_value": _("Enter at least 1 person"),
        },
    )
    representative = forms.TypedChoiceField(
        label=_("Must the results stand for the whole population?"),
        choices=_YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=_("For example, so that the results can be quoted as what residents think."),
        error_messages={"required": _("Select whether the results must be representative")},
    )
    group_to_hear = forms.CharField(
        label=_("Is there a specific group that must be heard? (optional)"),
        required=False,
        max_length=200,
        help_text=_(
            "For example, the “at risk” group the data is about: families with young children."
        ),
    )
    control = forms.ChoiceField(
        label=_("How much control over the process will you share with the public?"),
        choices=Control.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "People disagree about this: the report records “a split in the room”. Say what "
            "your organisation will accept."
        ),
        error_messages={"required": _("Select how much control you will share")},
    )
    panel_exists = forms.TypedChoiceField(
        label=_("Does a Citizens' Panel already exist that you can use?"),
        choices=_YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether a Citizens' Panel already exists")},
    )

    def layout_fields(self) -> list[Any]:
        return [
            Field("starts_on"),
            Field("decision_by"),
            Field.text("budget", field_width=10),
            Field.text("population", field_width=10),
            Field.radios("representative", inline=True),
            Field.text("group_to_hear"),
            Field.radios("control"),
            Field.radios("panel_exists", inline=True),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        starts_on, decision_by = cleaned.get("starts_on"), cleaned.get("decision_by")
        if starts_on and decision_by and decision_by <= starts_on:
            self.add_error("decision_by", _("The decision point must be after the start date"))
        return cleaned


class ChooseForm(BaseForm):
    """Take the recommended option, or another with a reason."""

    page_title = _("Choose how to engage")
    submit_text = _("Choose this option")

    option = forms.ChoiceField(
        label=_("Which option will you use?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select an option"),
            "invalid_choice": _("Select one of the options"),
        },
    )
    reason = forms.CharField(
        label=_("Why, if it is not the recommended option"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Needed if you choose anything but the recommended option. It is kept with the plan."
        ),
    )

    def __init__(self, *args: Any, recommendation: Recommendation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            Choice(
                entry.option.id,
                _("%(name)s (recommended)") % {"name": entry.option.name}
                if entry.rank == 1
                else entry.option.name,
            )
            for entry in recommendation.ranked
        ]
        ruled_out = [
            Choice(entry.option.id, _("%(name)s (ruled out)") % {"name": entry.option.name})
            for entry in recommendation.ruled_out
        ]
        if choices and ruled_out:
            choices[-1].divider = _("or, against the constraints")
        self.fields["option"].choices = [*choices, *ruled_out]
        if recommendation.best is not None:
            self.fields["option"].initial = recommendation.best.option.id

    def layout_fields(self) -> list[Any]:
        return [Field.radios("option", legend_size=Size.MEDIUM), Field.textarea("reason")]


class GroupForm(BaseForm):
    page_title = _("Add a group the engagement must reach")
    submit_text = _("Add the group")

    name = forms.CharField(
        label=_("Group"),
        max_length=200,
        help_text=_("For example: young people aged 16 to 24, or residents of Eastfield ward."),
        error_messages={"required": _("Enter the group")},
    )
    target = forms.IntegerField(
        label=_("How many of them do you aim to recruit? (optional)"),
        required=False,
        min_value=1,
        error_messages={
            "invalid": _("Enter a whole number, like 40"),
            "min_value": _("Enter a target of at least 1"),
        },
    )
    how = forms.CharField(
        label=_("How will you reach them? (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: through the youth service and two community partners."),
    )

    def layout_fields(self) -> list[Any]:
        return [Field.text("name"), Field.text("target", field_width=5), Field.textarea("how")]


class GroupChangeForm(GroupForm):
    page_title = _("Change the group")
    submit_text = _("Save the group")


class TailorForm(BaseForm):
    """Fill in a research question's placeholders for this proposal, and say which method will
    ask it."""

    page_title = _("Tailor the question to this proposal")
    submit_text = _("Add the question to the plan")

    method_id = forms.ChoiceField(
        label=_("Which method will ask it?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the method that will ask the question"),
            "invalid_choice": _("Select one of the plan's methods"),
        },
    )

    def __init__(
        self,
        *args: Any,
        question: ResearchQuestion,
        bank: QuestionBank,
        methods: tuple[Method, ...],
        **kwargs: Any,
    ) -> None:
        self.question = question
        super().__init__(*args, **kwargs)
        descriptions = {
            placeholder.name: placeholder.description for placeholder in bank.placeholders
        }
        for name in question.placeholders:
            self.fields[name] = forms.CharField(
                label=_("Fill in {%(name)s}") % {"name": name},
                max_length=300,
                help_text=descriptions.get(name, ""),
                error_messages={"required": _("Enter a value for {%(name)s}") % {"name": name}},
            )
        self.fields["method_id"].choices = [
            ("", _("Every method in the plan")),
            *((method.id, method.name) for method in methods),
        ]
        self.fields["method_id"].required = False
        self.order_fields([*question.placeholders, "method_id"])

    def layout_fields(self) -> list[Any]:
        return [
            *(Field.text(name) for name in self.question.placeholders),
            Field.radios("method_id"),
        ]

    def values(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in self.question.placeholders}


class MilestoneForm(BaseForm):
    page_title = _("Add a milestone")
    submit_text = _("Add the milestone")

    title = forms.CharField(
        label=_("Milestone"),
        max_length=200,
        help_text=_("For example: jury sessions complete, or results published."),
        error_messages={"required": _("Enter the milestone")},
    )
    due_on = GovukDateField(subject=str(_("Milestone date")), label=_("Date"))

    def layout_fields(self) -> list[Any]:
        return [Field.text("title"), Field("due_on")]


class CostsForm(BaseForm):
    """Every figure of the chosen methods' cost models, each filled with its current value."""

    page_title = _("Change the cost figures")
    submit_text = _("Save the figures")

    def __init__(
        self,
        *args: Any,
        methods: tuple[Method, ...],
        current: dict[str, dict[str, Decimal]],
        **kwargs: Any,
    ) -> None:
        #: field name -> (method id, figure key, label, current value, default)
        self.figures: dict[str, tuple[str, str, str, Decimal, Decimal]] = {}
        self.sections: list[tuple[Method, list[str]]] = []
        for method in methods:
            changed = current.get(method.id, {})
            names = []
            for name, default in method.cost_model.parameters:
                label = _("%(method)s: %(figure)s") % {
                    "method": method.name,
                    "figure": name.replace("_", " "),
                }
                field_name = f"{method.id}__{name}"
                self.figures[field_name] = (
                    method.id,
                    name,
                    label,
                    changed.get(name, default),
                    default,
                )
                names.append(field_name)
            for item in method.cost_model.items:
                key = f"{item.id}.unit_cost"
                label = _("%(method)s: %(item)s, cost per unit in pounds") % {
                    "method": method.name,
                    "item": item.label,
                }
                field_name = f"{method.id}__{item.id}__unit_cost"
                self.figures[field_name] = (
                    method.id,
                    key,
                    label,
                    changed.get(key, item.unit_cost),
                    item.unit_cost,
                )
                names.append(field_name)
            self.sections.append((method, names))
        super().__init__(*args, **kwargs)
        for field_name, (_method, _key, label, value, default) in self.figures.items():
            self.fields[field_name] = self._figure(label, value, default)

    def layout_fields(self) -> list[Any]:
        return [
            Fieldset(*(Field.text(name, field_width=10) for name in names), legend=method.name)
            for method, names in self.sections
        ]

    @staticmethod
    def _figure(label: str, value: Decimal, default: Decimal) -> forms.DecimalField:
        return forms.DecimalField(
            label=label,
            initial=value,
            min_value=Decimal(0),
            max_digits=12,
            decimal_places=2,
            help_text=_("The model's figure is %(default)s.") % {"default": f"{default:,}"},
            error_messages={
                "required": _("Enter a number for %(label)s") % {"label": label},
                "invalid": _("Enter %(label)s as a number") % {"label": label},
                "min_value": _("%(label)s must be 0 or more") % {"label": label},
                "max_digits": _("%(label)s is too large") % {"label": label},
                "max_decimal_places": _("%(label)s can have at most 2 decimal places")
                % {"label": label},
            },
        )

    def values(self) -> dict[str, dict[str, Decimal]]:
        figures: dict[str, dict[str, Decimal]] = {}
        for field_name, (method_id, key, *_rest) in self.figures.items():
            figures.setdefault(method_id, {})[key] = self.cleaned_data[field_name]
        return figures


class ReportForm(BaseForm):
    page_title = _("Record that the engagement has reported")
    submit_text = _("Record the report")

    reported_on = GovukDateField(
        subject=str(_("Report date")), label=_("When did the engagement report?")
    )
    summary = forms.CharField(
        label=_("What did the engagement find?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "A summary in plain English: what the public said, and where to read the full report."
        ),
        error_messages={"required": _("Enter what the engagement found")},
    )

    def layout_fields(self) -> list[Any]:
        return [Field("reported_on"), Field.textarea("summary")]


class TimingOverrideForm(BaseForm):
    page_title = _("Let the proposal be decided before the engagement reports")
    submit_text = _("Record the override")
    submit_is_warning = True

    reason = forms.CharField(
        label=_("Why can the decision not wait for the engagement?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("This reason is published on the public register beside the decision."),
        error_messages={"required": _("Enter why the decision cannot wait")},
    )

    def layout_fields(self) -> list[Any]:
        return [Field.textarea("reason")]


class OwnQuestionForm(BaseForm):
    page_title = _("Add a question to your organisation's bank")
    submit_text = _("Add the question")

    theme_id = forms.ChoiceField(
        label=_("Theme"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a theme"), "invalid_choice": _("Select a theme")},
    )
    text = forms.CharField(
        label=_("Question"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter the question")},
    )
    template = forms.CharField(
        label=_("Template for tailoring it to a proposal (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    informs = forms.MultipleChoiceField(
        label=_("Which framework questions does it inform?"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Select framework questions from the list")},
    )

    def __init__(
        self,
        *args: Any,
        bank: QuestionBank,
        framework_questions: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme_id"].choices = [(theme.id, theme.heading) for theme in bank.themes]
        self.fields["informs"].choices = framework_questions
        self.fields["template"].help_text = _(
            "The question with placeholders a planner fills in: %(names)s. For example: "
            "“Would {group} trust {organisation} to use {data}?”"
        ) % {"names": ", ".join(f"{{{p.name}}}" for p in bank.placeholders)}

    def layout_fields(self) -> list[Any]:
        return [
            Field.radios("theme_id", inline=True),
            Field.textarea("text"),
            Field.textarea("template"),
            Field.checkboxes("informs", small=True),
        ]
