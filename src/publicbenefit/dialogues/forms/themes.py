"""Forms for a dialogue's themes: a new run of the machine's suggestion, and the analyst's
edits (rename, merge, split, move) as plain selects and checkboxes, with no JavaScript. Each
edit form builds the ``core.themes`` edit it stands for (``edit()``), naming themes by their
id and anchors so that the edit survives a re-run."""

from typing import Any

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from publicbenefit.common.forms import BaseForm
from publicbenefit.core.themes import AnalystThemes, Edit, Merge, Move, Rename, Split, ThemeRef
from publicbenefit.dialogues.selectors.themes import excerpt_choices, theme_choices

UNTHEMED = "unthemed"


class ThemeRunForm(BaseForm):
    page_title = _("Find themes again")
    submit_text = _("Find themes")

    k = forms.IntegerField(
        label=_("Number of themes (optional)"),
        required=False,
        min_value=2,
        max_value=16,
        help_text=_("Leave blank to let the machine choose. Your changes are kept."),
        error_messages={
            "invalid": _("Enter the number of themes as a whole number, like 6"),
            "min_value": _("The number of themes must be from 2 to 16"),
            "max_value": _("The number of themes must be from 2 to 16"),
        },
    )

    def layout_fields(self) -> list[Any]:
        return [Field.text("k", field_width=2)]


class _EditForm(BaseForm):
    def __init__(self, *args: Any, analyst: AnalystThemes, **kwargs: Any) -> None:
        self.analyst = analyst
        super().__init__(*args, **kwargs)

    def ref(self, theme_id: str) -> ThemeRef:
        theme = self.analyst.view.theme(theme_id)
        if theme is None:  # the choices hold only the view's themes: a stale page
            raise forms.ValidationError(_("That theme has changed: reload the page"))
        return ThemeRef.of(theme)

    def edit(self) -> Edit:
        raise NotImplementedError


class RenameForm(_EditForm):
    page_title = _("Rename a theme")
    submit_text = _("Rename")

    theme = forms.ChoiceField(
        label=_("Theme"), error_messages={"required": _("Select the theme to rename")}
    )
    label = forms.CharField(
        label=_("New name"),
        max_length=120,
        error_messages={"required": _("Enter the theme's new name")},
    )
    description = forms.CharField(
        label=_("Description (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Leave blank to keep the machine's description."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = theme_choices(self.analyst)

    def edit(self) -> Edit:
        data = self.cleaned_data
        return Rename(self.ref(data["theme"]), data["label"], data["description"] or None)

    def layout_fields(self) -> list[Any]:
        return [Field.select("theme"), Field.text("label"), Field.textarea("description")]


class MergeForm(_EditForm):
    page_title = _("Merge themes")
    submit_text = _("Merge")

    themes = forms.MultipleChoiceField(
        label=_("Themes to merge"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The merged theme takes the place and the name of the first one selected."),
        error_messages={"required": _("Select at least two themes to merge")},
    )
    label = forms.CharField(
        label=_("Name of the merged theme (optional)"), required=False, max_length=120
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = theme_choices(self.analyst)

    def clean_themes(self) -> list[str]:
        themes: list[str] = self.cleaned_data["themes"]
        if len(themes) < 2:
            raise forms.ValidationError(_("Select at least two themes to merge"))
        return themes

    def edit(self) -> Edit:
        data = self.cleaned_data
        return Merge(tuple(self.ref(i) for i in data["themes"]), data["label"] or None)

    def layout_fields(self) -> list[Any]:
        return [Field.checkboxes("themes", legend_size=Size.SMALL), Field.text("label")]


class SplitForm(_EditForm):
    page_title = _("Split a theme")
    submit_text = _("Split")

    excerpts = forms.MultipleChoiceField(
        label=_("Excerpts to move into a new theme"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select the excerpts to split off")},
    )
    label = forms.CharField(label=_("Name of the new theme (optional)"), required=False)

    def __init__(self, *args: Any, theme_id: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.theme_id = theme_id
        self.fields["excerpts"].choices = excerpt_choices(self.analyst, theme_id)

    def edit(self) -> Edit:
        data = self.cleaned_data
        return Split(self.ref(self.theme_id), tuple(data["excerpts"]), data["label"] or None)

    def layout_fields(self) -> list[Any]:
        return [Field.checkboxes("excerpts", legend_size=Size.SMALL), Field.text("label")]


class SplitThemeForm(_EditForm):
    """The first step of a split: which theme (sent by GET)."""

    page_title = _("Split a theme")
    submit_text = _("Continue")

    theme = forms.ChoiceField(
        label=_("Theme to split"), error_messages={"required": _("Select the theme to split")}
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = theme_choices(self.analyst)

    def layout_fields(self) -> list[Any]:
        return [Field.select("theme")]


class MoveForm(_EditForm):
    page_title = _("Move an excerpt")
    submit_text = _("Move")

    excerpt = forms.ChoiceField(
        label=_("Excerpt"), error_messages={"required": _("Select the excerpt to move")}
    )
    to = forms.ChoiceField(
        label=_("Move it to"), error_messages={"required": _("Select where to move it")}
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["excerpt"].choices = excerpt_choices(self.analyst)
        self.fields["to"].choices = [
            *theme_choices(self.analyst),
            (UNTHEMED, _("No theme (unthemed)")),
        ]

    def edit(self) -> Edit:
        data = self.cleaned_data
        target = None if data["to"] == UNTHEMED else self.ref(data["to"])
        return Move(data["excerpt"], target)

    def layout_fields(self) -> list[Any]:
        return [Field.select("excerpt"), Field.select("to")]
