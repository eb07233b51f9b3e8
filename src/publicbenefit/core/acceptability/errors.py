"""The errors the acceptability score raises, under the core's one base class.

Responses that are refused carry every problem found, each a
:class:`publicbenefit.core.errors.Problem` whose ``location`` is the name of the answer at fault
(``weight_<element id>``, ``rank_<element id>``, ``rating_<element id>``, ``confidence``,
``decision``, ``id``), the same name as the CSV column and the survey page's field, and whose
``reason`` is a plain-English message fit to show beside that field.
"""

from publicbenefit.core.errors import ProblemsError, PublicBenefitError


class ResponsesInvalidError(ProblemsError):
    """One participant's answers, or a file of them, cannot be used: points that do not add up
    to 100, a skipped element, a rating off the scale, two elements given the same rank."""

    error_code = "acceptability_responses_invalid"
    summary = "The responses are refused"


class AcceptabilitySettingsError(PublicBenefitError):
    """A setting is out of range (no resamples, a confidence outside 0 to 1, survey weights
    that are not positive or do not match the participants)."""

    error_code = "acceptability_settings"
