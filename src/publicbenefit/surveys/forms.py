"""Forms for surveys: the survey itself, choosing the kind of a new question, each kind of
question (choices and statements typed one per line), taking a question from the engagement
plan; and for the public, the answer to one question and the code on a letter."""

from decimal import Decimal
from typing import Any

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from publicbenefit.common.forms import BaseForm
from publicbenefit.engagement.models import PlanQuestion
from publicbenefit.proposals.models import Proposal
from publicbenefit.surveys import acceptability, acceptability_forms, rules, services
from publicbenefit.surveys.letter_codes import letter_code_normalise
from publicbenefit.surveys.models import SurveyQuestion

Kind = SurveyQuestion.Kind

_YES_NO = [("yes", _("Yes")), ("no", _("No"))]

#: What each kind of question is for, shown under its name when choosing one.
KIND_HINTS = {
    Kind.SINGLE: _("People pick one answer from a list you write."),
    Kind.MULTIPLE: _("People tick every answer that applies, from a list you write."),
    Kind.LIKERT: _("Strongly agree to strongly disagree, filled in for you (you can change it)."),
    Kind.FRAMEWORK_SCALE: _(
        "The framework's four positions between two statements you word, and “Don't know”."
    ),
    Kind.NUMBER: _("A number, with an optional smallest and largest."),
    Kind.FREE_TEXT: _("People answer in their own words."),
    Kind.GRID: _("Several statements, each answered on the same scale."),
    **acceptability_forms.KIND_HINTS,
}

#: The kinds staff choose one by one (the acceptability module's are added all together).
SINGLE_KINDS = [
    (value, label) for value, label in Kind.choices if value not in acceptability.MODULE_KINDS
]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class SurveyForm(BaseForm):
    """A survey's title, introduction and the proposal it is about."""

    page_title = _("Create a survey")
    submit_text = _("Save and continue")

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("People see this at the top of every page of the survey."),
        error_messages={
            "required": _("Enter a title for the survey"),
            "max_length": _("The title must be 200 characters or fewer"),
        },
    )
    introduction = forms.CharField(
        label=_("Introduction (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the survey is for and how long it takes, in plain English."),
    )
    proposal = forms.ModelChoiceField(
        label=_("Which proposal is it about? (optional)"),
        queryset=Proposal.objects.none(),
        required=False,
        empty_label=_("Not about a particular proposal"),
        help_text=_(
            "Link a proposal to take questions from the research questions tailored in its "
            "engagement plan."
        ),
        error_messages={"invalid_choice": _("Select one of your organisation's proposals")},
    )

    def __init__(self, *args: Any, proposals: QuerySet[Proposal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = proposals  # type: ignore[attr-defined]

    def layout_fields(self) -> list[Any]:
        return [
            Field.text("title"),
            Field.textarea("introduction", rows=5),
            Field.select("proposal"),
        ]


class SurveyChangeForm(SurveyForm):
    page_title = _("Change the survey's details")
    submit_text = _("Save changes")


class QuestionKindForm(BaseForm):
    """The first step of adding a question: which kind."""

    page_title = _("What kind of question?")
    submit_text = _("Continue")

    kind = forms.ChoiceField(
        label=_("What kind of question?"),
        choices=[Choice(value, label, hint=KIND_HINTS[value]) for value, label in SINGLE_KINDS],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the kind of question"),
            "invalid_choice": _("Select the kind of question"),
        },
    )

    def layout_fields(self) -> list[Any]:
        return [Field.radios("kind", legend_size=Size.SMALL)]


class QuestionForm(BaseForm):
    """A question of one kind: its wording, hint, whether it needs an answer, and what the kind
    needs (choices, statements, limits or the wording of the scale's ends)."""

    submit_text = _("Save the question")

    text = forms.CharField(
        label=_("Question"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Enter the question")},
    )
    hint = forms.CharField(
        label=_("Hint (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown under the question, to help people answer."),
    )
    required = forms.TypedChoiceField(
        label=_("Must people answer this question?"),
        choices=_YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="yes",
        error_messages={"required": _("Select whether people must answer this question")},
    )

    def __init__(
        self,
        *args: Any,
        kind: str,
        adding: bool = True,
        plan_question_id: int | None = None,
        **kwargs: Any,
    ) -> None:
        self.kind = kind
        super().__init__(*args, **kwargs)
        kind_label = Kind(kind).label
        self.page_title = (
            _("Add a question: %(kind)s") if adding else _("Change a question: %(kind)s")
        ) % {"kind": str(kind_label).lower()}
        if kind in (Kind.SINGLE, Kind.MULTIPLE, Kind.LIKERT, Kind.GRID):
            self.fields["choices"] = forms.CharField(
                label=_("Columns of the scale") if kind == Kind.GRID else _("Answers"),
                widget=forms.Textarea(attrs={"rows": 6}),
                help_text=_("Put each answer on its own line, in the order people see them."),
                error_messages={"required": _("Enter the answers, one on each line")},
            )
        if kind == Kind.GRID:
            self.fields["rows"] = forms.CharField(
                label=_("Statements"),
                widget=forms.Textarea(attrs={"rows": 5}),
                help_text=_("Put each statement on its own line. People answer each one."),
                error_messages={"required": _("Enter the statements, one on each line")},
            )
        if kind == Kind.FRAMEWORK_SCALE:
            self.fields["left_anchor"] = forms.CharField(
                label=_("Wording of the left end of the scale"),
                max_length=services.OPTION_MAX,
                help_text=_("For example, “The data is only used to help the family”."),
                error_messages={"required": _("Enter the wording of the left end")},
            )
            self.fields["right_anchor"] = forms.CharField(
                label=_("Wording of the right end of the scale"),
                max_length=services.OPTION_MAX,
                help_text=_("For example, “The data could be used against the family”."),
                error_messages={"required": _("Enter the wording of the right end")},
            )
        if kind == Kind.NUMBER:
            for name, label in (
                ("minimum", _("Smallest number allowed (optional)")),
                ("maximum", _("Largest number allowed (optional)")),
            ):
                self.fields[name] = forms.DecimalField(
                    label=label,
                    required=False,
                    max_digits=12,
                    decimal_places=2,
                    widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                    error_messages={
                        "invalid": _("Enter a number, like 0 or 120"),
                        "max_digits": _("Enter a number under 10,000,000,000"),
                        "max_decimal_places": _("Enter a number with 2 decimal places at most"),
                    },
                )
        if plan_question_id is not None:
            self.fields["plan_question"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=plan_question_id
            )
        self.helper.layout = Layout(*self.layout_fields(), Button("submit", self.submit_text))

    def layout_fields(self) -> list[Any]:
        fields: list[Any] = [
            Field.textarea("text", rows=2),
            Field.textarea("hint", rows=2),
            Field.radios("required", legend_size=Size.SMALL, inline=True),
        ]
        for name in ("rows", "choices"):
            if name in self.fields:
                fields.append(Field.textarea(name, rows=6))
        for name in ("left_anchor", "right_anchor"):
            if name in self.fields:
                fields.append(Field.text(name))
        for name in ("minimum", "maximum"):
            if name in self.fields:
                fields.append(Field.text(name, field_width=10))
        if "plan_question" in self.fields:
            fields.append("plan_question")
        return fields

    @staticmethod
    def initial_for(kind: str, question: SurveyQuestion | None = None) -> dict[str, Any]:
        """The form's starting values: a question's own, or the defaults for a new one."""
        if question is None:
            likert = "\n".join(str(_(label)) for label in services.LIKERT_DEFAULT)
            return {
                "required": "yes",
                "choices": likert if kind in (Kind.LIKERT, Kind.GRID) else "",
            }
        left, right = services.framework_scale_anchors(question)
        return {
            "text": question.text,
            "hint": question.hint,
            "required": "yes" if question.required else "no",
            "choices": "\n".join(choice["label"] for choice in question.choices),
            "rows": "\n".join(row["label"] for row in question.rows),
            "minimum": question.minimum,
            "maximum": question.maximum,
            "left_anchor": left,
            "right_anchor": right,
        }

    def values(self) -> dict[str, Any]:
        """The question as the services take it."""
        data = self.cleaned_data
        return {
            "text": data["text"],
            "hint": data.get("hint", ""),
            "required": data["required"],
            "choices": _lines(data.get("choices", "")),
            "rows": _lines(data.get("rows", "")),
            "minimum": data.get("minimum"),
            "maximum": data.get("maximum"),
            "left_anchor": data.get("left_anchor", ""),
            "right_anchor": data.get("right_anchor", ""),
        }


class FromPlanForm(BaseForm):
    """Which of the engagement plan's research questions to ask, and as what kind."""

    page_title = _("Add a question from the engagement plan")
    submit_text = _("Continue")

    plan_question = forms.ModelChoiceField(
        label=_("Which research question?"),
        queryset=PlanQuestion.objects.none(),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select a research question"),
            "invalid_choice": _("Select a research question"),
        },
    )
    kind = forms.ChoiceField(
        label=_("How should people answer it?"),
        choices=SINGLE_KINDS,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how people should answer"),
            "invalid_choice": _("Select how people should answer"),
        },
    )

    def __init__(self, *args: Any, plan_questions: QuerySet[PlanQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["plan_question"]
        field.queryset = plan_questions  # type: ignore[attr-defined]
        field.label_from_instance = lambda question: question.text  # type: ignore[attr-defined]

    def layout_fields(self) -> list[Any]:
        return [
            Field.radios("plan_question", legend_size=Size.SMALL),
            Field.radios("kind", legend_size=Size.SMALL),
        ]


# The public's forms.


class AnswerForm(BaseForm):
    """The answer to one question, as a person sees it: the question is the page's heading.
    A grid has one group of radios per statement. ``saving`` (for "Save and come back later")
    lets a needed answer be left empty for now."""

    submit_text = _("Continue")

    def __init__(
        self,
        *args: Any,
        question: SurveyQuestion,
        saving: bool = False,
        preview: bool = False,
        **kwargs: Any,
    ) -> None:
        self.question = question
        self.heading_tag = "h2" if preview else "h1"
        super().__init__(*args, **kwargs)
        needed = question.required and not saving
        kind = question.kind
        choices = [(choice["value"], choice["label"]) for choice in question.choices]
        if kind in rules.ONE_CHOICE_KINDS:
            self.fields["answer"] = forms.ChoiceField(
                choices=choices,
                widget=forms.RadioSelect,
                required=needed,
                error_messages={
                    "required": _("Select an answer"),
                    "invalid_choice": _("Select one of the answers given"),
                },
            )
        elif kind == Kind.MULTIPLE:
            self.fields["answer"] = forms.MultipleChoiceField(
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
                required=needed,
                help_text=_("Select all that apply."),
                error_messages={
                    "required": _("Select at least one answer"),
                    "invalid_choice": _("Select only the answers given"),
                },
            )
        elif kind == Kind.NUMBER:
            self.fields["answer"] = forms.CharField(
                required=needed,
                max_length=30,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
                error_messages={
                    "required": _("Enter a number"),
                    "max_length": _("Enter a number"),
                },
            )
        elif kind == Kind.FREE_TEXT:
            self.fields["answer"] = forms.CharField(
                required=needed,
                max_length=rules.FREE_TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 6}),
                error_messages={
                    "required": _("Enter your answer"),
                    "max_length": _("Your answer must be %(max)s characters or fewer")
                    % {"max": rules.FREE_TEXT_MAX},
                },
            )
        elif kind == Kind.GRID:
            for index, row in enumerate(question.rows):
                self.fields[f"row_{index}"] = forms.ChoiceField(
                    label=row["label"],
                    choices=choices,
                    widget=forms.RadioSelect,
                    required=needed,
                    error_messages={
                        "required": _("Select an answer for: %(statement)s")
                        % {"statement": row["label"]},
                        "invalid_choice": _("Select one of the answers given"),
                    },
                )
        elif kind in acceptability.MODULE_KINDS:
            self.needed = needed
            self.fields.update(acceptability_forms.answer_fields(question))
        if "answer" in self.fields:
            self.fields["answer"].label = question.text
            if question.hint:
                self.fields["answer"].help_text = question.hint
        self.fields["return_to"] = forms.CharField(widget=forms.HiddenInput, required=False)
        buttons: list[Any] = [
            Button("continue", _("Continue")),
            Button.secondary("save", _("Save and come back later")),
        ]
        if preview:
            buttons = []
            self.helper.form_tag = False
        self.helper.layout = Layout(*self.layout_fields(), *buttons)

    @property
    def is_grid(self) -> bool:
        return self.question.kind == Kind.GRID

    @property
    def module_template(self) -> str | None:
        """The template of an acceptability page drawn by a template of its own."""
        return acceptability_forms.TEMPLATES.get(self.question.kind)

    def layout_fields(self) -> list[Any]:
        kind = self.question.kind
        if kind in acceptability.MODULE_KINDS:
            fields: list[Any] = acceptability_forms.answer_layout(self)
        elif kind == Kind.GRID:
            fields = [
                Field.radios(name, legend_size=Size.SMALL, small=True)
                for name in self.fields
                if name.startswith("row_")
            ]
        elif kind == Kind.MULTIPLE:
            fields = [
                Field.checkboxes("answer", legend_size=Size.LARGE, legend_tag=self.heading_tag)
            ]
        elif kind == Kind.NUMBER:
            fields = [
                Field.text(
                    "answer", label_size=Size.LARGE, label_tag=self.heading_tag, field_width=10
                )
            ]
        elif kind == Kind.FREE_TEXT:
            fields = [
                Field.textarea("answer", label_size=Size.LARGE, label_tag=self.heading_tag, rows=6)
            ]
        else:
            fields = [Field.radios("answer", legend_size=Size.LARGE, legend_tag=self.heading_tag)]
        return [*fields, "return_to"]

    @staticmethod
    def initial_from(question: SurveyQuestion, answer: Any) -> dict[str, Any]:
        """Form values for an answer already saved."""
        if answer is None:
            return {}
        if question.kind in acceptability.MODULE_KINDS:
            return acceptability_forms.initial_from(question, answer)
        if question.kind == Kind.GRID:
            rows = rules.values(question.rows)
            return {
                f"row_{index}": answer.get(row)
                for index, row in enumerate(rows)
                if isinstance(answer, dict) and row in answer
            }
        return {"answer": answer}

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if self.question.kind in acceptability.MODULE_KINDS:
            acceptability_forms.clean(self, cleaned, needed=self.needed)
        return cleaned

    def clean_answer(self) -> Any:
        value = self.cleaned_data.get("answer")
        if self.question.kind == Kind.NUMBER and value:
            typed = str(value).strip().replace(",", "")
            problem = rules.answer_problem(self.question, typed)
            if problem:
                raise forms.ValidationError(problem)
            return rules.number_text(Decimal(typed))
        if self.question.kind == Kind.FREE_TEXT and value:
            return str(value).strip()
        return value

    def answer(self) -> Any:
        """The answer in its stored form (empty when nothing was given)."""
        if self.question.kind in acceptability.MODULE_KINDS:
            return acceptability_forms.answer(self)
        if self.question.kind == Kind.GRID:
            rows = rules.values(self.question.rows)
            return {
                row: self.cleaned_data[f"row_{index}"]
                for index, row in enumerate(rows)
                if self.cleaned_data.get(f"row_{index}")
            }
        value = self.cleaned_data.get("answer")
        if self.question.kind == Kind.MULTIPLE:
            return list(value or [])
        return value or ""


class LetterCodeForm(BaseForm):
    """The code printed on a letter of invitation or on a card handed out at an event."""

    page_title = _("Enter your code")
    submit_text = _("Continue")
    not_found_message = _(
        "We could not find a survey with that code. Check the code on your letter or card and "
        "try again"
    )

    code = forms.CharField(
        label=_("Enter your code"),
        max_length=20,
        help_text=_(
            "It is on your letter or card: 8 letters and numbers, like K7M2-X9QD. Capital "
            "letters are not needed."
        ),
        error_messages={
            "required": _("Enter your code"),
            "max_length": _("Enter the code as it is on your letter or card, like K7M2-X9QD"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        )

    def layout_fields(self) -> list[Any]:
        return [Field.text("code", label_size=Size.LARGE, label_tag="h1", field_width=10)]

    def clean_code(self) -> str:
        code = letter_code_normalise(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(_("Enter the code as it is on your letter, like K7M2-X9QD"))
        return code
