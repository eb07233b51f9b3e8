"""Themes across write-ups and free-text answers, found offline: TF-IDF, co-occurrence smoothing
and NMF with scikit-learn (no cloud language model); each theme traceable to its excerpts, their
write-ups, events and areas; an analyst's edits kept as data and replayed on any re-run; and the
events that tell a different story on a framing question. Plain Python, NumPy and scikit-learn;
the pipeline and its benchmark are in ``docs/themes.md``."""

from publicbenefit.core.themes.corpus import LabelledCorpus, labelled_corpus
from publicbenefit.core.themes.divergence import (
    Absence,
    EventNarrative,
    QuestionNarratives,
    ThemeShare,
    divergent_narratives,
    js_distance,
)
from publicbenefit.core.themes.edits import (
    AnalystThemes,
    Edit,
    Merge,
    Move,
    Outcome,
    Rename,
    Split,
    Status,
    ThemeRef,
    apply_edits,
    edit_from_dict,
    edit_to_dict,
)
from publicbenefit.core.themes.errors import (
    EditInvalidError,
    ExcerptsInvalidError,
    ThemesError,
    ThemeSettingsError,
)
from publicbenefit.core.themes.excerpts import Excerpt, check_excerpts
from publicbenefit.core.themes.extract import ThemeSettings, extract_themes
from publicbenefit.core.themes.model import Member, SourceCount, Theme, Themes, theme_id

__all__ = [
    "Absence",
    "AnalystThemes",
    "Edit",
    "EditInvalidError",
    "EventNarrative",
    "Excerpt",
    "ExcerptsInvalidError",
    "LabelledCorpus",
    "Member",
    "Merge",
    "Move",
    "Outcome",
    "QuestionNarratives",
    "Rename",
    "SourceCount",
    "Split",
    "Status",
    "Theme",
    "ThemeRef",
    "ThemeSettings",
    "ThemeSettingsError",
    "ThemeShare",
    "Themes",
    "ThemesError",
    "apply_edits",
    "check_excerpts",
    "divergent_narratives",
    "edit_from_dict",
    "edit_to_dict",
    "extract_themes",
    "js_distance",
    "labelled_corpus",
    "theme_id",
]
