"""Writes for setting up a Citizens' Panel: making a panel and changing its settings, importing
its population margins from a CSV file (all or nothing), adding and deactivating community
partners, and taking the day's snapshot of how representative the panel is.

Every function that a member calls checks that the member may run the panel (``ENGAGE``) in the
panel's organisation, and refuses bad input with a ``ValidationError`` that names the field and
changes nothing.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.tokens import token_new
from publicbenefit.common.csv_safety import unsafe_cell
from publicbenefit.common.text import one_line
from publicbenefit.core.errors import Problem
from publicbenefit.core.weighting import MarginsInvalidError, census_to_long, margins_from_csv
from publicbenefit.panels.models import (
    CommunityPartner,
    Panel,
    ProfileFeature,
    ProfileValue,
    RepresentativenessSnapshot,
)
from publicbenefit.panels.rules import require
from publicbenefit.panels.selectors.setup import (
    MARGIN_COLUMNS,
    members_holding,
    snapshot_counts,
)

#: The square-bracketed parts of the starting privacy notice that must be filled in.
_TEMPLATE_MARKER = re.compile(r"\[[^\]\n]{1,40}\]")
#: A feature's key is stored on each member's profile and names a column in exports.
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,59}$")

#: Plain-English questions for the features most panels use.
_KNOWN_QUESTIONS = {
    "age": gettext_noop("How old are you?"),
    "age_band": gettext_noop("How old are you?"),
    "sex": gettext_noop("What is your sex?"),
    "gender": gettext_noop("What is your gender?"),
    "ethnicity": gettext_noop("What is your ethnic group?"),
    "ethnic_group": gettext_noop("What is your ethnic group?"),
    "disability": gettext_noop(
        "Do you have a physical or mental health condition or illness that has lasted or is "
        "expected to last 12 months or more, and reduces your ability to carry out day-to-day "
        "activities?"
    ),
    "ward": gettext_noop("Which ward do you live in?"),
    "area": gettext_noop("Which area do you live in?"),
    "tenure": gettext_noop("Do you own or rent your home?"),
}


def _locked(panel: Panel) -> Panel:
    return Panel.objects.select_for_update().get(pk=panel.pk)


def _notice_problems(privacy_notice: str) -> dict[str, str]:
    if not privacy_notice.strip():
        return {"privacy_notice": _("Enter the privacy notice")}
    marker = _TEMPLATE_MARKER.search(privacy_notice)
    if marker:
        return {
            "privacy_notice": _(
                "Replace %(marker)s in the privacy notice with your own words: every part in "
                "square brackets must be filled in"
            )
            % {"marker": marker.group(0)}
        }
    return {}


def _panel_problems(
    *, name: str, area: str, description: str, privacy_notice: str, min_cell: int
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not name.strip():
        problems["name"] = _("Enter the panel's name")
    elif one_line(name.strip()) != name.strip():
        problems["name"] = _("Write the panel's name on one line")
    if not area.strip():
        problems["area"] = _("Enter the area the panel covers")
    if not description.strip():
        problems["description"] = _("Enter what the panel is for")
    problems.update(_notice_problems(privacy_notice))
    if min_cell < 1:
        problems["min_cell"] = _("The smallest group shown must be 1 or more")
    return problems


@transaction.atomic
def panel_create(
    *,
    actor: Membership,
    name: str,
    area: str,
    description: str,
    privacy_notice: str,
    min_cell: int = 10,
    prize_draw: bool = False,
    signup_open: bool = False,
) -> Panel:
    """Make a panel for the actor's organisation. Its privacy notice is version 1. Sign-up
    stays closed until someone opens it (after importing the margins, so that the sign-up
    questions exist)."""
    require(actor, None)
    problems = _panel_problems(
        name=name,
        area=area,
        description=description,
        privacy_notice=privacy_notice,
        min_cell=min_cell,
    )
    if problems:
        raise ValidationError(problems)
    return Panel.objects.create(
        organisation=actor.organisation,
        name=name.strip(),
        area=area.strip(),
        description=description.strip(),
        privacy_notice=privacy_notice.strip(),
        privacy_notice_version=1,
        min_cell=min_cell,
        prize_draw=prize_draw,
        signup_open=signup_open,
        created_by=actor.user,
    )


@transaction.atomic
def panel_update(
    *,
    actor: Membership,
    panel: Panel,
    name: str,
    area: str,
    description: str,
    privacy_notice: str,
    min_cell: int,
    prize_draw: bool,
    signup_open: bool,
) -> Panel:
    """Change the panel's settings. A privacy notice whose text changes gets the next version
    number, so that each member's consent names the version they read. Sign-up cannot open
    before the panel has margins: they are its sign-up questions."""
    require(actor, panel)
    panel = _locked(panel)
    problems = _panel_problems(
        name=name,
        area=area,
        description=description,
        privacy_notice=privacy_notice,
        min_cell=min_cell,
    )
    if signup_open and not panel.features.exists():
        problems["signup_open"] = _(
            "Import the population margins before opening sign-up: they are the questions "
            "people answer about themselves"
        )
    if problems:
        raise ValidationError(problems)
    notice = privacy_notice.strip()
    if notice != panel.privacy_notice.strip():
        panel.privacy_notice_version += 1
    panel.name = name.strip()
    panel.area = area.strip()
    panel.description = description.strip()
    panel.privacy_notice = notice
    panel.min_cell = min_cell
    panel.prize_draw = prize_draw
    panel.signup_open = signup_open
    panel.save()
    return panel


# Margins


def _line(problem: Problem) -> str:
    if problem.line is not None:
        return _("Line %(line)s: %(reason)s") % {"line": problem.line, "reason": problem.reason}
    return problem.reason


def readable(key: str) -> str:
    """A key as a label: ``age_band`` reads "Age band", ``16-24`` "16 to 24", ``75+`` "75 or
    over"."""
    text = key.strip()
    span = re.fullmatch(r"(\d+)\s*-\s*(\d+)", text)
    if span:
        return _("%(low)s to %(high)s") % {"low": span.group(1), "high": span.group(2)}
    over = re.fullmatch(r"(\d+)\s*\+", text)
    if over:
        return _("%(low)s or over") % {"low": over.group(1)}
    text = text.replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]


def default_question(key: str, label: str) -> str:
    """The sign-up question for a feature the file gave none for."""
    known = _KNOWN_QUESTIONS.get(key.lower())
    if known:
        return _(known)
    return _("Which of these best describes you: %(label)s?") % {"label": label.lower()}


@dataclass(frozen=True)
class ValueRead:
    """One value of a feature as read from a margins file."""

    value: str
    label: str
    share: Decimal


@dataclass
class FeatureRead:
    """One feature as read from a margins file, with its values in the file's order."""

    key: str
    label: str
    question: str
    values: list[ValueRead] = field(default_factory=list)


_SHARE_PLACES = Decimal("0.00000001")

#: The longest text each column may hold (the database's limits).
_LENGTHS = {"value": 100, "label": 200, "feature_label": 200, "question": 300}


def margins_parse(csv_text: str) -> list[FeatureRead]:
    """The features in a margins file, in the file's order, each with its values, shares,
    labels and question; raises ``ValidationError`` on ``csv_file`` listing every problem with
    its line. The numbers are read, and checked, by the weighting core. An ONS Census 2021 table
    as downloaded is read as its margins, with its labels (``core/weighting/census.py``)."""
    try:
        csv_text = census_to_long(csv_text) or csv_text
    except MarginsInvalidError as error:
        raise ValidationError(
            {"csv_file": [_line(problem) for problem in error.problems]}
        ) from None
    try:
        rows = list(csv.reader(io.StringIO(csv_text)))
    except csv.Error as error:
        raise ValidationError(
            {"csv_file": _("The selected file must be a CSV file (%(reason)s)") % {"reason": error}}
        ) from error
    problems: list[Problem] = []
    header = [name.strip().lower() for name in rows[0]] if rows else []
    unknown = [name or '""' for name in header if name not in MARGIN_COLUMNS]
    if unknown:
        problems.append(
            Problem(
                1,
                "header",
                _("unknown column %(columns)s (the columns can be: %(allowed)s)")
                % {"columns": ", ".join(unknown), "allowed": ", ".join(MARGIN_COLUMNS)},
            )
        )
    try:
        margins = margins_from_csv(csv_text)
    except MarginsInvalidError as error:
        problems.extend(error.problems)
        margins = None
    words = _words(rows, header, problems)
    if problems or margins is None:
        ordered = sorted(set(problems), key=lambda problem: (problem.line or 0, problem.reason))
        raise ValidationError({"csv_file": [_line(problem) for problem in ordered]})
    read: dict[str, FeatureRead] = {}
    for margin in margins.margins:
        feature_label, question = words.features.get(margin.feature, ("", ""))
        label = feature_label or readable(margin.feature)
        feature = read.setdefault(
            margin.feature,
            FeatureRead(
                key=margin.feature,
                label=label,
                question=question or default_question(margin.feature, label),
            ),
        )
        feature.values.append(
            ValueRead(
                value=margin.value,
                label=words.values.get((margin.feature, margin.value)) or readable(margin.value),
                share=Decimal(repr(margin.share)).quantize(_SHARE_PLACES),
            )
        )
    return list(read.values())


@dataclass
class _Words:
    """The labels and questions a file gives: per (feature, value), and per feature."""

    values: dict[tuple[str, str], str] = field(default_factory=dict)
    features: dict[str, tuple[str, str]] = field(default_factory=dict)


def _words(rows: list[list[str]], header: list[str], problems: list[Problem]) -> _Words:
    """Read the optional columns and check what the core does not: keys, lengths, and one
    label and one question per feature."""
    words = _Words()
    if "feature" not in header or "value" not in header:
        return words
    at = {name: header.index(name) for name in MARGIN_COLUMNS if name in header}
    first_line: dict[str, int] = {}
    bad_keys: set[str] = set()
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row) or len(row) != len(header):
            continue
        # A cell this service wrote with a guard against spreadsheet formulas reads back as typed.
        cell = {name: unsafe_cell(row[index].strip()) for name, index in at.items()}
        key = cell["feature"]
        if key and not _KEY.match(key) and key not in bad_keys:
            bad_keys.add(key)
            problems.append(
                Problem(
                    line,
                    "feature",
                    _(
                        "the feature '%(key)s' must be a short key of letters, numbers, - or _ "
                        "(for example age_band): put the words people read in feature_label"
                    )
                    % {"key": key},
                )
            )
        for name, longest in _LENGTHS.items():
            if len(cell.get(name, "")) > longest:
                problems.append(
                    Problem(
                        line,
                        name,
                        _("the %(column)s must be %(longest)s characters or fewer")
                        % {"column": name, "longest": longest},
                    )
                )
        if not key:
            continue
        if cell.get("label"):
            words.values[key, cell["value"]] = cell["label"]
        _feature_words(
            words, key=key, cell=cell, line=line, first_line=first_line, problems=problems
        )
    return words


def _feature_words(
    words: _Words,
    *,
    key: str,
    cell: dict[str, str],
    line: int,
    first_line: dict[str, int],
    problems: list[Problem],
) -> None:
    label, question = words.features.get(key, ("", ""))
    for name, known in (("feature_label", label), ("question", question)):
        given = cell.get(name, "")
        if given and known and given != known:
            problems.append(
                Problem(
                    line,
                    name,
                    _(
                        "the %(column)s of '%(key)s' differs from the one at line %(first)s: "
                        "give each feature one %(column)s, or leave it blank after the first row"
                    )
                    % {"column": name, "key": key, "first": first_line[f"{key}:{name}"]},
                )
            )
        elif given and not known:
            first_line[f"{key}:{name}"] = line
    words.features[key] = (
        label or cell.get("feature_label", ""),
        question or cell.get("question", ""),
    )


@transaction.atomic
def margins_import(*, actor: Membership, panel: Panel, csv_text: str) -> list[ProfileFeature]:
    """Replace the panel's margins with those in ``csv_text``, whole or not at all.

    When the panel already has members (who are not erased), every value a member holds must
    still be in the new margins; otherwise the file is refused, naming each missing value and
    how many members hold it. Values and features that stay are updated in place (their shares,
    labels, questions and order); those that go are removed. A feature the panel did not have
    before is added: members who joined earlier have not answered it. Today's snapshot is
    taken again against the new margins."""
    require(actor, panel)
    panel = _locked(panel)
    read = margins_parse(csv_text)
    held = members_holding(panel=panel)
    offered = {(feature.key, value.value) for feature in read for value in feature.values}
    missing = sorted((pair, count) for pair, count in held.items() if pair not in offered)
    if missing:
        raise ValidationError(
            {
                "csv_file": [
                    _(
                        "%(feature)s '%(value)s' is held by %(count)s members but is not in the "
                        "new margins: keep it in the file"
                    )
                    % {"feature": key, "value": value, "count": count}
                    if count != 1
                    else _(
                        "%(feature)s '%(value)s' is held by 1 member but is not in the new "
                        "margins: keep it in the file"
                    )
                    % {"feature": key, "value": value}
                    for (key, value), count in missing
                ]
            }
        )
    existing = {feature.key: feature for feature in panel.features.all()}
    kept: list[ProfileFeature] = []
    for order, feature_read in enumerate(read):
        feature = existing.pop(feature_read.key, None) or ProfileFeature(
            panel=panel, key=feature_read.key
        )
        feature.label = feature_read.label
        feature.question = feature_read.question
        feature.order = order
        feature.save()
        _values_save(feature, feature_read.values)
        kept.append(feature)
    for gone in existing.values():
        gone.delete()
    snapshot_take(panel)
    return kept


def _values_save(feature: ProfileFeature, values: list[ValueRead]) -> None:
    existing = {value.value: value for value in feature.values.all()}
    for order, value_read in enumerate(values):
        value = existing.pop(value_read.value, None) or ProfileValue(
            feature=feature, value=value_read.value
        )
        value.label = value_read.label
        value.share = value_read.share
        value.order = order
        value.save()
    ProfileValue.objects.filter(pk__in=[value.pk for value in existing.values()]).delete()


# Community partners


@transaction.atomic
def partner_add(
    *, actor: Membership, panel: Panel, name: str, reaches: str = ""
) -> CommunityPartner:
    """Add a community partner with a sign-up link of its own (an unguessable token)."""
    require(actor, panel)
    problems: dict[str, str] = {}
    if not name.strip():
        problems["name"] = _("Enter the partner's name")
    elif panel.partners.filter(name__iexact=name.strip(), active=True).exists():
        problems["name"] = _("This panel already has a working link for a partner of that name")
    if problems:
        raise ValidationError(problems)
    return CommunityPartner.objects.create(
        panel=panel, name=name.strip(), reaches=reaches.strip(), token=token_new()
    )


@transaction.atomic
def partner_deactivate(*, actor: Membership, partner: CommunityPartner) -> CommunityPartner:
    """Stop a partner's link working. The members it recruited stay, and still count as its
    recruits."""
    require(actor, partner.panel)
    partner = CommunityPartner.objects.select_for_update().get(pk=partner.pk)
    if not partner.active:
        raise ValidationError(_("This partner's link has already been stopped"))
    partner.active = False
    partner.save(update_fields=["active"])
    return partner


# Snapshots


def snapshot_take(panel: Panel) -> RepresentativenessSnapshot:
    """Record today's figures for the panel: its active members, and for each feature how many
    hold each value. One snapshot a day: a later call the same day replaces the counts. Call it
    after anything that changes who is active or what the margins are (a sign-up, a member
    leaving or being erased, a margins import)."""
    members, counts = snapshot_counts(panel=panel)
    today = timezone.localdate()
    for attempt in range(2):
        try:
            with transaction.atomic():
                snapshot, _created = RepresentativenessSnapshot.objects.update_or_create(
                    panel=panel, taken_on=today, defaults={"members": members, "counts": counts}
                )
                return snapshot
        except IntegrityError:
            # Two sign-ups at once both found no snapshot for today; the second updates it.
            if attempt:
                raise
    raise AssertionError  # pragma: no cover
