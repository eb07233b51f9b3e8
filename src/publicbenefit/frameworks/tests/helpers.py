"""Framework files for tests: the shipped YAML under a new version number, broken copies of it,
the line a piece of text is on, an uploaded file, and an assessment that pins a version."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from publicbenefit.accounts.models import Membership
from publicbenefit.assessments.models import Assessment
from publicbenefit.data import framework_text
from publicbenefit.frameworks.models import FrameworkVersion
from publicbenefit.proposals.tests.factories import ProposalFactory

SHIPPED_VERSION_LINE = 'version: "2019.1"'


def taken(version: str) -> str:
    """The message refusing a version number that is already used."""
    return (
        f"There is already a version {version} of this framework. Give the new version a "
        "different version number"
    )


THRESHOLDS_OUT_OF_ORDER = (
    "thresholds are out of order: 1.5 for 'likely_public_benefit' must be above the threshold "
    "before it (2)"
)


def local_yaml(version: str = "2019.1-calderbrook-1") -> str:
    """The shipped framework's text under another version number: a valid tailored version."""
    text = framework_text()
    assert text.count(SHIPPED_VERSION_LINE) == 1
    return text.replace(SHIPPED_VERSION_LINE, f'version: "{version}"')


def replaced_once(text: str, old: str, new: str, *, occurrence: int = 1) -> str:
    """``text`` with the given occurrence (1 for the first) of ``old`` replaced by ``new``."""
    start = -1
    for _ in range(occurrence):
        start = text.index(old, start + 1)
    return text[:start] + new + text[start + len(old) :]


def line_of(text: str, fragment: str, *, occurrence: int = 1) -> int:
    """The 1-based line on which the given occurrence of ``fragment`` starts."""
    start = -1
    for _ in range(occurrence):
        start = text.index(fragment, start + 1)
    return text.count("\n", 0, start) + 1


def without_left_anchor(text: str) -> str:
    """The scale's first position without ``anchor: left``."""
    return replaced_once(text, "    - value: 1\n      anchor: left\n", "    - value: 1\n")


def with_duplicate_question_id(text: str) -> str:
    """Question 1.2 renumbered 1.1, so that two questions share an id."""
    return replaced_once(text, '  - id: "1.2"', '  - id: "1.1"')


def with_thresholds_out_of_order(text: str) -> str:
    """The top band's threshold (3) below the middle band's (2)."""
    return replaced_once(text, "      min_score: 3\n", "      min_score: 1.5\n")


def yaml_file(text: str | bytes, name: str = "framework.yaml") -> SimpleUploadedFile:
    content = text.encode("utf-8") if isinstance(text, str) else text
    return SimpleUploadedFile(name, content, content_type="application/x-yaml")


def pin(version: FrameworkVersion, membership: Membership) -> Assessment:
    """An assessment by the membership's organisation that uses ``version``."""
    organisation = membership.organisation
    return Assessment.objects.create(
        proposal=ProposalFactory(organisation=organisation),
        organisation=organisation,
        framework_version=version,
        created_by=membership.user,
    )


@dataclass(frozen=True)
class Refusal:
    """A mistake the issue names, how to make it in a framework file, and where and why the
    file is refused."""

    name: str
    break_it: Callable[[str], str]
    #: The text at the start of the line the problem is reported on, and which occurrence.
    fragment: str
    occurrence: int
    reason: str

    def line(self, text: str) -> int:
        return line_of(text, self.fragment, occurrence=self.occurrence)


REFUSALS = [
    Refusal(
        "missing scale anchor",
        without_left_anchor,
        "    - value: 1",
        1,
        "the scale is missing its left anchor: the first position must have 'anchor: left'",
    ),
    Refusal(
        "duplicate question id",
        with_duplicate_question_id,
        '  - id: "1.1"',
        2,
        "duplicate question id '1.1'",
    ),
    Refusal(
        "thresholds out of order",
        with_thresholds_out_of_order,
        "      min_score: 1.5",
        1,
        THRESHOLDS_OUT_OF_ORDER,
    ),
]
