"""Writes for a jury's quotas: importing the area's population margins (the features volunteers
are asked about and each value's share), accepting the quotas proposed from the shares, changing
the quotas in the table, and importing a quotas file in the Sortition Foundation's format.

Every write is whole or not at all, and quotas that cannot fit the jury (a minimum above the
maximum, minimums adding up to more than the jury, maximums to fewer) are refused with the quota
or feature named.
"""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.audit.services import Category, audit_record
from publicbenefit.core.selection import Quota, QuotasInvalidError, quotas_from_csv
from publicbenefit.juries.models import Jury, JuryFeature, JuryValue, Volunteer
from publicbenefit.juries.rules import require
from publicbenefit.juries.selectors import quotas as selectors
from publicbenefit.panels.services.setup import margins_parse, readable


def _locked(jury: Jury) -> Jury:
    return Jury.objects.select_for_update().get(pk=jury.pk)


def _held(jury: Jury) -> set[tuple[str, str]]:
    """The (feature, value) pairs that volunteers in the pool hold."""
    held: set[tuple[str, str]] = set()
    for profile in jury.volunteers.exclude(status=Volunteer.Status.ERASED).values_list(
        "profile", flat=True
    ):
        held.update(profile.items())
    return held


@transaction.atomic
def margins_import(*, actor: Membership, jury: Jury, csv_text: str) -> list[JuryFeature]:
    """Replace the jury's features and shares with those in a margins file
    (``feature,value,share`` and the optional label and question columns panels read).

    Values that stay keep their quotas; new values start at 0 to 0 until quotas are accepted or
    set. A value a volunteer in the pool holds must stay in the file."""
    require(actor, jury)
    jury = _locked(jury)
    read = margins_parse(csv_text)
    offered = {(feature.key, value.value) for feature in read for value in feature.values}
    missing = sorted(pair for pair in _held(jury) if pair not in offered)
    if missing:
        raise ValidationError(
            {
                "csv_file": [
                    _("%(feature)s '%(value)s' is held by volunteers in the pool: keep it")
                    % {"feature": key, "value": value}
                    for key, value in missing
                ]
            }
        )
    existing = {feature.key: feature for feature in jury.features.all()}
    kept: list[JuryFeature] = []
    for order, feature_read in enumerate(read):
        feature = existing.pop(feature_read.key, None) or JuryFeature(jury=jury)
        feature.key = feature_read.key
        feature.label = feature_read.label
        feature.question = feature_read.question
        feature.order = order
        feature.save()
        values = {value.value: value for value in feature.values.all()}
        for value_order, value_read in enumerate(feature_read.values):
            value = values.pop(value_read.value, None) or JuryValue(feature=feature)
            value.value = value_read.value
            value.label = value_read.label
            value.share = value_read.share
            value.order = value_order
            value.save()
        JuryValue.objects.filter(pk__in=[value.pk for value in values.values()]).delete()
        kept.append(feature)
    JuryFeature.objects.filter(pk__in=[feature.pk for feature in existing.values()]).delete()
    return kept


def _check_quotas(jury: Jury, quotas: Mapping[tuple[str, str], tuple[int, int]]) -> list[str]:
    """Why these quotas cannot fit the jury, each naming its quota or feature."""
    problems: list[str] = []
    totals: dict[str, list[int]] = {}
    for (feature, value), (least, most) in quotas.items():
        label = f"{feature}={value}"
        if least > most:
            problems.append(
                _("%(quota)s: the minimum %(min)s is more than the maximum %(max)s")
                % {"quota": label, "min": least, "max": most}
            )
        if least > jury.size:
            problems.append(
                _("%(quota)s: the minimum %(min)s is more than the jury's %(size)s places")
                % {"quota": label, "min": least, "size": jury.size}
            )
        total = totals.setdefault(feature, [0, 0])
        total[0] += least
        total[1] += most
    for feature, (least, most) in totals.items():
        if least > jury.size:
            problems.append(
                _(
                    "%(feature)s: the minimums add up to %(total)s, more than the jury's "
                    "%(size)s places"
                )
                % {"feature": feature, "total": least, "size": jury.size}
            )
        if most < jury.size:
            problems.append(
                _(
                    "%(feature)s: the maximums add up to %(total)s, fewer than the jury's "
                    "%(size)s places"
                )
                % {"feature": feature, "total": most, "size": jury.size}
            )
    return problems


@transaction.atomic
def quotas_accept_proposed(*, actor: Membership, jury: Jury) -> int:
    """Set every value's quota to the one proposed from its share. Returns how many changed."""
    require(actor, jury)
    jury = _locked(jury)
    proposals = selectors.proposed_quotas(jury=jury)
    if not proposals:
        raise ValidationError(
            _("Import the population margins first: the quotas are proposed from their shares")
        )
    changed = 0
    for value in JuryValue.objects.filter(pk__in=proposals):
        proposed = proposals[value.pk]
        if (value.minimum, value.maximum) != (proposed.minimum, proposed.maximum):
            value.minimum, value.maximum = proposed.minimum, proposed.maximum
            value.save(update_fields=["minimum", "maximum"])
            changed += 1
    audit_record(
        actor=actor,
        category=Category.QUOTA,
        action="juries.quotas.accepted",
        obj=jury,
        summary=f"Accepted the proposed quotas of {jury.name} ({changed} changed)",
    )
    return changed


@transaction.atomic
def quotas_update(*, actor: Membership, jury: Jury, quotas: Mapping[int, tuple[int, int]]) -> None:
    """Set the quotas from the table: ``quotas`` maps each value's pk to (minimum, maximum).
    Refused whole, naming each quota, if they cannot fit the jury."""
    require(actor, jury)
    jury = _locked(jury)
    values = {
        value.pk: value
        for value in JuryValue.objects.filter(feature__jury=jury).select_related("feature")
    }
    unknown = set(quotas) - set(values)
    if unknown:
        raise ValidationError(_("Some of the quotas are not this jury's: reload the page"))
    merged = {
        (value.feature.key, value.value): quotas.get(pk, (value.minimum, value.maximum))
        for pk, value in values.items()
    }
    problems = _check_quotas(jury, merged)
    if problems:
        raise ValidationError(problems)
    changes = {}
    for pk, (least, most) in quotas.items():
        value = values[pk]
        if (value.minimum, value.maximum) != (least, most):
            changes[f"{value.feature.key}={value.value}"] = [
                [value.minimum, value.maximum],
                [least, most],
            ]
        value.minimum, value.maximum = least, most
        value.save(update_fields=["minimum", "maximum"])
    audit_record(
        actor=actor,
        category=Category.QUOTA,
        action="juries.quotas.changed",
        obj=jury,
        summary=f"Changed {len(changes)} quotas of {jury.name}",
        details={"from_to": changes},
    )


#: The longest feature key and value, and the largest number, the quota columns hold.
_LONGEST_FEATURE = JuryFeature._meta.get_field("key").max_length
_LONGEST_VALUE = JuryValue._meta.get_field("value").max_length
_LARGEST_NUMBER = 32_767


def _quota_fits(quota: Quota) -> list[str]:
    """Why one row of a quotas file cannot be stored: a feature or value too long, or a
    number too large."""
    problems = []
    if len(quota.feature) > _LONGEST_FEATURE:
        problems.append(
            _("%(where)s: the feature must be %(most)s characters or fewer")
            % {"where": quota.where, "most": _LONGEST_FEATURE}
        )
    if len(quota.value) > _LONGEST_VALUE:
        problems.append(
            _("%(where)s: the value must be %(most)s characters or fewer")
            % {"where": quota.where, "most": _LONGEST_VALUE}
        )
    for name, number in (
        ("min", quota.min),
        ("max", quota.max),
        ("min_flex", quota.min_flex),
        ("max_flex", quota.max_flex),
    ):
        if number is not None and number > _LARGEST_NUMBER:
            problems.append(
                _("%(where)s: %(name)s must be %(most)s or less")
                % {"where": quota.where, "name": name, "most": f"{_LARGEST_NUMBER:,}"}
            )
    return problems


@transaction.atomic
def quotas_import(*, actor: Membership, jury: Jury, csv_text: str) -> int:
    """Set the quotas from a ``feature,value,min,max[,min_flex,max_flex]`` file.

    A jury without features takes its features and values from the file. Otherwise the file
    must give a quota for every value of the jury and no other. Returns how many quotas were
    read."""
    require(actor, jury)
    jury = _locked(jury)
    try:
        read = quotas_from_csv(csv_text)
    except QuotasInvalidError as error:
        raise ValidationError({"csv_file": [str(problem) for problem in error.problems]}) from None
    by_pair: dict[tuple[str, str], Quota] = {}
    problems: list[str] = []
    for quota in read:
        if (quota.feature, quota.value) in by_pair:
            problems.append(_("%(where)s: the quota is listed twice") % {"where": quota.where})
        by_pair[quota.feature, quota.value] = quota
        problems.extend(_quota_fits(quota))
    known = selectors.value_index(jury=jury)
    if known:
        problems.extend(
            _("%(where)s: the jury has no value '%(value)s' of %(feature)s")
            % {"where": quota.where, "value": quota.value, "feature": quota.feature}
            for pair, quota in by_pair.items()
            if pair not in known
        )
        problems.extend(
            _("The file has no quota for %(feature)s=%(value)s") % {"feature": key, "value": value}
            for key, value in known
            if (key, value) not in by_pair
        )
    problems.extend(
        _check_quotas(jury, {pair: (quota.min, quota.max) for pair, quota in by_pair.items()})
    )
    if problems:
        raise ValidationError({"csv_file": problems})
    if not known:
        features: dict[str, JuryFeature] = {}
        for quota in read:
            if quota.feature not in features:
                features[quota.feature] = JuryFeature.objects.create(
                    jury=jury,
                    key=quota.feature,
                    label=readable(quota.feature),
                    question="",
                    order=len(features),
                )
            feature = features[quota.feature]
            known[quota.feature, quota.value] = JuryValue.objects.create(
                feature=feature,
                value=quota.value,
                label=readable(quota.value),
                order=feature.values.count(),
            )
    for pair, quota in by_pair.items():
        value = known[pair]
        value.minimum, value.maximum = quota.min, quota.max
        value.min_flex, value.max_flex = quota.min_flex, quota.max_flex
        value.save(update_fields=["minimum", "maximum", "min_flex", "max_flex"])
    audit_record(
        actor=actor,
        category=Category.QUOTA,
        action="juries.quotas.imported",
        obj=jury,
        summary=f"Imported {len(read)} quotas for {jury.name} from a file",
    )
    return len(read)
