"""Forms for framework versions: uploading a YAML file (for a new version or to replace one not
yet used) and tailoring a version through the page, without writing YAML.

crispy-forms-gds renders labels, hints and legends unescaped, and the words here come from
framework files that people upload, so every one of them is escaped first.
"""

from decimal import Decimal
from typing import Any

from crispy_forms_gds.layout import Field, Fieldset, Fluid, Size
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from publicbenefit.common.forms import BaseForm
from publicbenefit.core import Framework
from publicbenefit.frameworks.services import LocalQuestion, QuestionWording

#: The largest framework file accepted: the shipped framework is about 12KB.
MAX_FILE_BYTES = 1024 * 1024

#: The schema's pattern for a version number.
VERSION_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$"

#: How many blank rows the tailoring form offers for local questions.
LOCAL_QUESTION_ROWS = 3


class FrameworkUploadForm(BaseForm):
    """A YAML file for a new version. The field is named after the services' argument, so the
    problems they find (each with its line) show on it."""

    page_title = _("Upload a framework version")
    submit_text = _("Upload")

    yaml_text = forms.FileField(
        label=_("Upload a YAML file"),
        help_text=_("A framework file in YAML, saved as UTF-8 text, smaller than 1MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".yaml,.yml"}),
        error_messages={
            "required": _("Select a YAML file"),
            "missing": _("Select a YAML file"),
            "invalid": _("Select a YAML file"),
            "empty": _("The selected file is empty"),
        },
    )

    def clean_yaml_text(self) -> str:
        """The file's text, refused if it is too big or not UTF-8."""
        upload = self.cleaned_data["yaml_text"]
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(_("The selected file must be smaller than 1MB"), code="size")
        try:
            # utf-8-sig: a byte-order mark some editors write is not part of the text.
            text: str = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(
                _("The selected file must be text saved as UTF-8"), code="encoding"
            ) from error
        if not text.strip():
            raise ValidationError(_("The selected file is empty"), code="empty")
        return text


class FrameworkReplaceForm(FrameworkUploadForm):
    page_title = _("Replace this version's YAML")
    submit_text = _("Replace")


class FrameworkTailorForm(BaseForm):
    """A new version made from an existing one on one page: the version number and title, the
    wording and help text of each question (a fieldset per element), the band thresholds, and a
    few rows for local questions."""

    page_title = _("Make a new version")
    submit_text = _("Save the new version")

    version = forms.CharField(
        label=_("Version number"),
        max_length=40,
        help_text=_(
            "Letters, numbers, full stops, hyphens and underscores, for example 2019.1-local-1."
        ),
        validators=[
            RegexValidator(
                VERSION_PATTERN,
                _(
                    "Version number must start with a letter or number, and contain only "
                    "letters, numbers, full stops, hyphens and underscores"
                ),
            )
        ],
        error_messages={
            "required": _("Enter a version number"),
            "max_length": _("Version number must be 40 characters or fewer"),
        },
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        error_messages={
            "required": _("Enter a title"),
            "max_length": _("Title must be 300 characters or fewer"),
        },
    )

    def __init__(self, *args: Any, framework: Framework, **kwargs: Any) -> None:
        # The layout names the framework's fields before they exist; they are added below,
        # before anything renders.
        self.framework = framework
        super().__init__(*args, **kwargs)
        self.fields["title"].initial = framework.title
        self.fields["version"].help_text = escape(
            _("The version you are tailoring is %(version)s. %(rules)s")
            % {"version": framework.version, "rules": self.fields["version"].help_text}
        )
        for index, question in enumerate(framework.questions):
            self.fields[f"question_{index}_text"] = forms.CharField(
                label=escape(_("Question %(id)s") % {"id": question.id}),
                initial=question.text,
                help_text=escape(
                    _("Left anchor: %(left)s. Right anchor: %(right)s.")
                    % {"left": question.left_anchor, "right": question.right_anchor}
                ),
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={
                    "required": _("Enter the wording of question %(id)s") % {"id": question.id}
                },
            )
            self.fields[f"question_{index}_help"] = forms.CharField(
                label=escape(_("Help text for question %(id)s (optional)") % {"id": question.id}),
                initial=question.help_text or "",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for index, threshold in enumerate(framework.scoring.thresholds):
            label = self._outcome_label(threshold.outcome_id)
            self.fields[f"threshold_{index}"] = forms.DecimalField(
                label=escape(_("Lowest score for “%(label)s”") % {"label": label}),
                initial=Decimal(threshold.min_score.numerator)
                / Decimal(threshold.min_score.denominator),
                decimal_places=3,
                # GOV.UK asks for a text input rather than type="number" for numbers.
                widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
                error_messages={
                    "required": _("Enter the lowest score for %(label)s") % {"label": label},
                    "invalid": _("The lowest score for %(label)s must be a number, like 2.5")
                    % {"label": label},
                    "max_decimal_places": _(
                        "The lowest score for %(label)s must have no more than 3 decimal places"
                    )
                    % {"label": label},
                },
            )
        element_choices = [("", _("Choose an element"))] + [
            (element.id, f"{element.number}. {element.text}") for element in framework.elements
        ]
        for number in range(1, LOCAL_QUESTION_ROWS + 1):
            self.fields[f"local_{number}_element"] = forms.ChoiceField(
                label=_("Element"), choices=element_choices, required=False
            )
            self.fields[f"local_{number}_text"] = forms.CharField(
                label=_("Question"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[f"local_{number}_left"] = forms.CharField(
                label=_("Left anchor"),
                help_text=_("What the left end of the scale means for this question."),
                required=False,
            )
            self.fields[f"local_{number}_right"] = forms.CharField(
                label=_("Right anchor"),
                help_text=_("What the right end of the scale means for this question."),
                required=False,
            )

    def _outcome_label(self, outcome_id: str) -> str:
        return next(o.label for o in self.framework.outcomes if o.id == outcome_id)

    def layout_fields(self) -> list[Any]:
        framework = self.framework
        indexes = {question.id: index for index, question in enumerate(framework.questions)}
        layout: list[Any] = [
            Field.text("version", field_width=Fluid.ONE_THIRD),
            Field.text("title"),
        ]
        for element in framework.elements:
            fields = []
            for question in framework.questions_of(element.id):
                index = indexes[question.id]
                fields += [
                    Field.textarea(f"question_{index}_text", rows=2),
                    Field.textarea(f"question_{index}_help", rows=2),
                ]
            layout.append(
                Fieldset(
                    *fields,
                    legend=escape(
                        _("Element %(number)s: %(text)s")
                        % {"number": element.number, "text": element.text}
                    ),
                    legend_size=Size.MEDIUM,
                )
            )
        layout.append(
            Fieldset(
                *(
                    Field.text(f"threshold_{index}", field_width=5)
                    for index in range(len(framework.scoring.thresholds))
                ),
                legend=escape(
                    _(
                        "Outcome bands: the score runs from %(lowest)s to %(highest)s, and "
                        "“%(first)s” is below the first threshold"
                    )
                    % {
                        "lowest": framework.scale.lowest,
                        "highest": framework.scale.highest,
                        "first": framework.outcomes[0].label,
                    }
                ),
                legend_size=Size.MEDIUM,
            )
        )
        for number in range(1, LOCAL_QUESTION_ROWS + 1):
            layout.append(
                Fieldset(
                    Field.select(f"local_{number}_element"),
                    Field.textarea(f"local_{number}_text", rows=2),
                    Field.text(f"local_{number}_left"),
                    Field.text(f"local_{number}_right"),
                    legend=_("Local question %(number)s (optional)") % {"number": number},
                    legend_size=Size.MEDIUM,
                )
            )
        return layout

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self._check_thresholds(cleaned)
        for number in range(1, LOCAL_QUESTION_ROWS + 1):
            self._check_local_question(cleaned, number)
        return cleaned

    def _check_thresholds(self, cleaned: dict[str, Any]) -> None:
        scale = self.framework.scale
        previous: tuple[Decimal, str] | None = None
        for index, threshold in enumerate(self.framework.scoring.thresholds):
            name = f"threshold_{index}"
            value = cleaned.get(name)
            label = self._outcome_label(threshold.outcome_id)
            if value is None:
                previous = None
                continue
            if not scale.lowest < value <= scale.highest:
                self.add_error(
                    name,
                    _(
                        "The lowest score for %(label)s must be more than %(lowest)s and no "
                        "more than %(highest)s"
                    )
                    % {"label": label, "lowest": scale.lowest, "highest": scale.highest},
                )
            elif previous is not None and value <= previous[0]:
                self.add_error(
                    name,
                    _(
                        "The lowest score for %(label)s must be more than the lowest score for "
                        "%(previous)s"
                    )
                    % {"label": label, "previous": previous[1]},
                )
            previous = (value, label)

    def _check_local_question(self, cleaned: dict[str, Any], number: int) -> None:
        parts = {
            part: cleaned.get(f"local_{number}_{part}", "").strip()
            for part in ("element", "text", "left", "right")
        }
        if not any(parts.values()):
            return
        messages = {
            "element": _("Select the element local question %(number)s belongs to"),
            "text": _("Enter the wording of local question %(number)s"),
            "left": _("Enter the left anchor of local question %(number)s"),
            "right": _("Enter the right anchor of local question %(number)s"),
        }
        for part, value in parts.items():
            if not value:
                self.add_error(f"local_{number}_{part}", messages[part] % {"number": number})

    def service_fields(self) -> dict[str, Any]:
        """The cleaned form as ``framework_version_tailor``'s arguments."""
        # Browsers send textarea line breaks as CRLF; the YAML keeps plain newlines.
        data = {
            name: value.replace("\r\n", "\n") if isinstance(value, str) else value
            for name, value in self.cleaned_data.items()
        }
        return {
            "version": data["version"],
            "title": data["title"],
            "questions": {
                question.id: QuestionWording(
                    text=data[f"question_{index}_text"],
                    help_text=data[f"question_{index}_help"],
                )
                for index, question in enumerate(self.framework.questions)
            },
            "thresholds": {
                threshold.outcome_id: data[f"threshold_{index}"]
                for index, threshold in enumerate(self.framework.scoring.thresholds)
            },
            "local_questions": [
                LocalQuestion(
                    element_id=data[f"local_{number}_element"],
                    text=data[f"local_{number}_text"],
                    left_anchor=data[f"local_{number}_left"],
                    right_anchor=data[f"local_{number}_right"],
                )
                for number in range(1, LOCAL_QUESTION_ROWS + 1)
                if data[f"local_{number}_element"]
            ],
        }
