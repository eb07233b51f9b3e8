"""The errors the themes pipeline raises, under the core's one base class."""

from publicbenefit.core.errors import ProblemsError, PublicBenefitError


class ThemesError(PublicBenefitError):
    """The base of every error the themes pipeline raises."""

    error_code = "themes_error"


class ExcerptsInvalidError(ProblemsError):
    """A set of excerpts repeats an id or leaves an id, a text or a source blank; refused whole."""

    error_code = "excerpts_invalid"
    summary = "The excerpts are refused"


class ThemeSettingsError(ThemesError):
    """A setting of the pipeline is out of range (a number of themes, a threshold, a seed)."""

    error_code = "theme_settings"


class EditInvalidError(ThemesError):
    """An analyst's edit is malformed in itself (a merge of fewer than two themes, a split
    that names no excerpt); an edit that no longer fits the themes is *stale*, not invalid."""

    error_code = "theme_edit_invalid"
