"""Reads for a panel's survey waves: the panel and wave a staff page names, the surveys ready to
send, the sub-sample a wave will draw (so the review page and the Send service agree), a wave's
counts and response rates by group, attrition across waves, the letters for members invited by
post, prize draw entries and the "you said, we did" feedback a member has been sent.

Members are named here by pseudonym only, except in :func:`letters` and :func:`prize_draw_winners`,
which staff who may run engagement need in order to post letters and contact winners.
"""

import hashlib
import hmac
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from publicbenefit.accounts.models import Organisation
from publicbenefit.common.mail import message_id
from publicbenefit.core.weighting import Allocation, stratified_sample
from publicbenefit.panels.models import (
    Member,
    Message,
    Panel,
    PrizeDrawResult,
    ProfileFeature,
    Wave,
    WaveInvitation,
)
from publicbenefit.panels.selectors.margins import active_members, features
from publicbenefit.panels.selectors.setup import panel_get  # noqa: F401 (re-exported)
from publicbenefit.surveys.letter_codes import resendable_link_token
from publicbenefit.surveys.models import Invitation, Response, Survey

#: The group of members whose profile lacks the feature a wave is stratified by.
NOT_GIVEN = ""
#: How many characters of a keyed hash make a prize draw entry code (60 bits).
ENTRY_CODE_LENGTH = 12
#: The answering page for people invited by letter, who type in their code.
LETTER_PATH = "/s/code/"


def wave_get(*, panel: Panel, pk: int) -> Wave:
    """The panel's wave ``pk`` with its survey; 404 for another panel's."""
    return get_object_or_404(Wave.objects.select_related("survey", "panel"), panel=panel, pk=pk)


def wave_list(*, panel: Panel) -> list[Wave]:
    """The panel's waves, newest first, each with ``invited`` and ``submitted`` counts."""
    return list(
        panel.waves.select_related("survey").annotate(
            invited=Count("invitations", distinct=True),
            submitted=Count(
                "invitations",
                filter=Q(invitations__invitation__response__submitted_at__isnull=False),
                distinct=True,
            ),
        )
    )


def surveys_ready(*, organisation: Organisation) -> list[Survey]:
    """The organisation's surveys marked ready to send."""
    return list(organisation.surveys.filter(status=Survey.Status.READY).order_by("title"))


def member_stratum(member: Member, feature_key: str) -> str:
    """The member's value of ``feature_key``, or :data:`NOT_GIVEN`."""
    value = member.profile.get(feature_key)
    return str(value) if value not in (None, "") else NOT_GIVEN


def invites_by_letter(member: Member) -> bool:
    """Whether the member is invited by letter (they chose post, or gave no email address)."""
    return member.channel == Member.Channel.POST or not member.email


@dataclass(frozen=True)
class GroupPlan:
    """One group of a wave's sample: members on the panel, drawn, and by which channel."""

    value: str
    label: str
    size: int
    drawn: int
    by_email: int
    by_letter: int


@dataclass(frozen=True)
class SamplePlan:
    """The members a wave will invite, in draw order, and how they are spread over groups.
    ``feature`` is ``None`` for a wave to the whole panel."""

    members: tuple[Member, ...]
    feature: ProfileFeature | None
    groups: tuple[GroupPlan, ...]
    by_email: int
    by_letter: int


def sample_plan(*, wave: Wave) -> SamplePlan:
    """The active members ``wave`` will invite: the whole panel, or the stratified random
    sub-sample drawn from the wave's published seed (members identified by pseudonym, grouped
    by their value of the stratifying feature). The same panel and seed give the same members.

    Raises ``publicbenefit.core.weighting.WeightingSettingsError`` for a sub-sample larger than
    the panel."""
    panel_members = sorted(active_members(panel=wave.panel), key=lambda member: member.pseudonym)
    members = panel_members
    feature = None
    if wave.strata:
        feature = next(
            (item for item in features(panel=wave.panel) if item.key == wave.strata), None
        )
    if wave.sample_size is not None:
        strata = [member_stratum(member, wave.strata) if wave.strata else "" for member in members]
        subsample = stratified_sample(
            [member.pseudonym for member in members],
            strata,
            wave.sample_size,
            allocation=Allocation(wave.allocation),
            rng=random.Random(wave.seed),  # noqa: S311  (a published seed: reproducible on purpose)
        )
        by_pseudonym = {member.pseudonym: member for member in members}
        members = [by_pseudonym[pseudonym] for pseudonym in subsample.ids]
    labels = _labels(feature)
    group_of = (
        (lambda member: member_stratum(member, wave.strata)) if wave.strata else (lambda _: "")
    )
    everyone: dict[str, int] = defaultdict(int)
    for member in panel_members:
        everyone[group_of(member)] += 1
    drawn: dict[str, list[Member]] = defaultdict(list)
    for member in members:
        drawn[group_of(member)].append(member)
    order = [*labels, *sorted(set(everyone) - set(labels))]
    groups = tuple(
        GroupPlan(
            value=value,
            label=labels.get(value, value or "Not given"),
            size=everyone.get(value, 0),
            drawn=len(drawn[value]),
            by_email=sum(not invites_by_letter(member) for member in drawn[value]),
            by_letter=sum(invites_by_letter(member) for member in drawn[value]),
        )
        for value in order
        if everyone.get(value, 0)
    )
    letters = sum(invites_by_letter(member) for member in members)
    return SamplePlan(
        members=tuple(members),
        feature=feature,
        groups=groups,
        by_email=len(members) - letters,
        by_letter=letters,
    )


def _labels(feature: ProfileFeature | None) -> dict[str, str]:
    if feature is None:
        return {}
    return {value.value: value.label for value in feature.values.all()}


def message_id_for(*, wave: Wave, member: Member, kind: str, sequence: int = 0) -> str:
    """The RFC 5322 Message-ID of a wave's message to a member, fixed when the message is
    recorded so that a retried send carries the same id and receivers can drop the duplicate."""
    suffix = f".{sequence}" if sequence else ""
    return message_id(f"wave-{wave.pk}.member-{member.pk}.{kind}{suffix}")


def invitation_token(invitation: Invitation) -> str:
    """The secret of an emailed invitation's link, derived again for each email (the
    invitation and its reminders carry the same link; it is never stored)."""
    return resendable_link_token(invitation.survey_id, invitation.respondent)


def entry_code(invitation: Invitation) -> str:
    """A prize draw entry code for a respondent: a keyed hash of the invitation, so that the
    published list of codes cannot be linked to a member by anyone outside the service."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(),
        f"panel-prize-draw:{invitation.pk}".encode(),
        hashlib.sha256,
    ).hexdigest()
    return digest[:ENTRY_CODE_LENGTH].upper()


@dataclass(frozen=True)
class MessageTally:
    """A wave's messages of one kind, by status."""

    kind: str
    label: str
    pending: int
    sent: int
    bounced: int
    skipped: int


@dataclass(frozen=True)
class WaveCounts:
    """How far a wave has got: invitations, and what the invited have done."""

    invited: int
    by_email: int
    by_letter: int
    opened: int
    started: int
    submitted: int
    messages: tuple["MessageTally", ...]

    @property
    def response_rate(self) -> float | None:
        """Submitted as a percentage of invited."""
        return 100 * self.submitted / self.invited if self.invited else None


def wave_counts(*, wave: Wave) -> WaveCounts:
    """The wave's invitations, opened, started and submitted, and its messages by kind and
    status."""
    invitations = Invitation.objects.filter(wave_invitation__wave=wave)
    by_letter = wave.invitations.filter(channel=Member.Channel.POST).count()
    invited = invitations.count()
    tally: dict[str, dict[str, int]] = {kind: {} for kind in Message.Kind.values}
    for row in wave.messages.values("kind", "status").annotate(n=Count("pk")):
        tally[row["kind"]][row["status"]] = row["n"]
    messages = tuple(
        MessageTally(
            kind=kind,
            label=str(label),
            pending=tally[kind].get(Message.Status.PENDING, 0),
            sent=tally[kind].get(Message.Status.SENT, 0),
            bounced=tally[kind].get(Message.Status.BOUNCED, 0),
            skipped=tally[kind].get(Message.Status.SKIPPED, 0),
        )
        for kind, label in Message.Kind.choices
        if tally[kind]
    )
    return WaveCounts(
        invited=invited,
        by_email=invited - by_letter,
        by_letter=by_letter,
        opened=invitations.filter(opened_at__isnull=False).count(),
        started=Response.objects.filter(invitation__in=invitations).count(),
        submitted=Response.objects.filter(
            invitation__in=invitations, submitted_at__isnull=False
        ).count(),
        messages=messages,
    )


def message_problems(*, wave: Wave) -> list[Message]:
    """The wave's bounced messages, with the error each gave (which may name an address)."""
    return list(wave.messages.filter(status=Message.Status.BOUNCED).select_related("member"))


@dataclass(frozen=True)
class RateCell:
    """Invited and submitted in one group of one wave."""

    invited: int
    submitted: int

    @property
    def rate(self) -> float | None:
        return 100 * self.submitted / self.invited if self.invited else None


@dataclass(frozen=True)
class RateRow:
    value: str
    label: str
    cells: tuple[RateCell, ...]


@dataclass(frozen=True)
class RateTable:
    """Response rates by the groups of one profile feature, one column per wave."""

    key: str
    label: str
    rows: tuple[RateRow, ...]


def _invited_rows(waves: Sequence[Wave]) -> list[tuple[int, int, dict[str, object], bool]]:
    return [
        (
            row["wave_id"],
            row["member_id"],
            row["member__profile"] or {},
            row["invitation__response__submitted_at"] is not None,
        )
        for row in WaveInvitation.objects.filter(wave__in=waves).values(
            "wave_id", "member_id", "member__profile", "invitation__response__submitted_at"
        )
    ]


def rate_tables(*, panel: Panel, waves: Sequence[Wave]) -> list[RateTable]:
    """For each profile feature, each group's invited, submitted and response rate in each of
    ``waves``, so a group that stops answering shows."""
    rows = _invited_rows(waves)
    tables = []
    for feature in features(panel=panel):
        labels = _labels(feature)
        tally: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
        for wave_id, _member, profile, submitted in rows:
            value = profile.get(feature.key)
            key = (str(value) if value not in (None, "") else NOT_GIVEN, wave_id)
            tally[key][0] += 1
            tally[key][1] += submitted
        seen = {value for value, _wave in tally}
        order = [*labels, *sorted(seen - set(labels))]
        tables.append(
            RateTable(
                key=feature.key,
                label=feature.label,
                rows=tuple(
                    RateRow(
                        value=value,
                        label=labels.get(value, value or "Not given"),
                        cells=tuple(
                            RateCell(*tally.get((value, wave.pk), (0, 0))) for wave in waves
                        ),
                    )
                    for value in order
                ),
            )
        )
    return tables


@dataclass(frozen=True)
class NonResponder:
    """An active member who has answered none of their last N waves, with their profile as a
    person reads it (feature label to value label)."""

    pseudonym: str
    profile: dict[str, str]
    waves_missed: int


@dataclass(frozen=True)
class RefreshTarget:
    """How many new members one group needs so that the panel, without its non-responders,
    matches the margins again at its present size."""

    value: str
    label: str
    share: float
    target: int
    responsive: int
    recruit: int


@dataclass(frozen=True)
class Attrition:
    """Response rates across the panel's sent waves, the members who stopped answering, and
    how many to recruit per group to replace them."""

    waves: tuple[Wave, ...]
    rates: tuple[RateTable, ...]
    last_n: int
    non_responders: tuple[NonResponder, ...]
    active: int
    refresh: dict[str, tuple[RefreshTarget, ...]]


def attrition(*, panel: Panel, last_n: int = 3) -> Attrition:
    """The panel's sent waves (oldest first) with response rates by group; the active members
    invited to at least ``last_n`` waves who answered none of their last ``last_n``; and refresh
    targets per group: the margin share of the present number of active members, less the
    active members who still answer."""
    waves = tuple(
        panel.waves.exclude(status=Wave.Status.DRAFT)
        .select_related("survey")
        .order_by("sent_at", "pk")
    )
    wave_order = {wave.pk: position for position, wave in enumerate(waves)}
    history: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    for wave_id, member_id, _profile, submitted in _invited_rows(waves):
        history[member_id].append((wave_order[wave_id], submitted))
    members = active_members(panel=panel)
    panel_features = features(panel=panel)
    labels = {
        feature.key: (feature.label, {value.value: value.label for value in feature.values.all()})
        for feature in panel_features
    }
    non_responders = []
    silent: set[int] = set()
    for member in sorted(members, key=lambda item: item.pseudonym):
        recent = sorted(history.get(member.pk, []))[-last_n:]
        if len(recent) == last_n and not any(submitted for _order, submitted in recent):
            silent.add(member.pk)
            non_responders.append(
                NonResponder(
                    member.pseudonym,
                    {
                        labels[key][0]: labels[key][1].get(value, value)
                        for key, value in member.profile.items()
                        if key in labels
                    },
                    waves_missed=last_n,
                )
            )
    refresh = {}
    responsive = [member for member in members if member.pk not in silent]
    for feature in panel_features:
        targets = []
        for value in feature.values.all():
            share = float(value.share)
            target = round(share * len(members))
            have = sum(member_stratum(member, feature.key) == value.value for member in responsive)
            targets.append(
                RefreshTarget(
                    value.value, value.label, share, target, have, recruit=max(0, target - have)
                )
            )
        refresh[feature.label] = tuple(targets)
    return Attrition(
        waves=waves,
        rates=tuple(rate_tables(panel=panel, waves=waves)),
        last_n=last_n,
        non_responders=tuple(non_responders),
        active=len(members),
        refresh=refresh,
    )


@dataclass(frozen=True)
class Letter:
    """What one printed invitation letter says."""

    name: str
    address_lines: tuple[str, ...]
    code: str


def letters(*, wave: Wave) -> list[Letter]:
    """A letter for each member invited by post who is still on the panel, with the code they
    type in on the answering page. Contains names and addresses."""
    rows = (
        wave.invitations.filter(
            channel=Member.Channel.POST,
            member__status=Member.Status.ACTIVE,
            invitation__letter_code__isnull=False,
        )
        .select_related("member", "invitation")
        .order_by("pk")
    )
    # Names are encrypted at rest (``common.crypto``), so the letters are sorted here.
    rows = sorted(rows, key=lambda row: (row.member.name.casefold(), row.pk))
    return [
        Letter(
            name=row.member.name,
            address_lines=tuple(
                line.strip() for line in row.member.postal_address.splitlines() if line.strip()
            ),
            code=row.invitation.letter_code or "",
        )
        for row in rows
    ]


def letter_url() -> str:
    """The web address printed on letters, where a code is typed in."""
    return settings.SITE_URL + LETTER_PATH


def prize_draw_entries(*, wave: Wave) -> dict[str, Member]:
    """The entry codes of the wave's respondents who are on the panel and opted into prize
    draws, each with its member (for staff only)."""
    rows = wave.invitations.filter(
        invitation__response__submitted_at__isnull=False,
        member__prize_draw=True,
        member__status=Member.Status.ACTIVE,
    ).select_related("member", "invitation")
    return {entry_code(row.invitation): row.member for row in rows}


def prize_draw_get(*, wave: Wave) -> PrizeDrawResult | None:
    """The wave's prize draw, if it has been run."""
    return PrizeDrawResult.objects.filter(wave=wave).first()


def prize_draw_public(*, wave_pk: int) -> tuple[Wave, PrizeDrawResult | None]:
    """The wave of a prize draw and its result once drawn, for the public page: from the wave's
    sending, the page shows the SHA-256 of the seed fixed then. 404 for a wave not sent, or
    whose panel runs no prize draws and which was never drawn."""
    wave = get_object_or_404(
        Wave.objects.select_related("panel").exclude(status=Wave.Status.DRAFT), pk=wave_pk
    )
    result = PrizeDrawResult.objects.filter(wave=wave).first()
    if result is None and not wave.prize_seed:
        raise Http404
    return wave, result


def prize_draw_winners(*, result: PrizeDrawResult) -> list[tuple[str, Member | None]]:
    """The winners' and reserves' codes in draw order, each with its member so staff can
    contact them (``None`` if the member has since been erased)."""
    entries = prize_draw_entries(wave=result.wave)
    return [(code, entries.get(code)) for code in [*result.winners, *result.reserves]]


def feedback_for_member(member: Member) -> list[Wave]:
    """The waves the member was invited to whose "you said, we did" feedback is published,
    newest first (for the member's own manage page)."""
    return list(
        Wave.objects.filter(
            invitations__member=member, feedback_published_at__isnull=False
        ).order_by("-feedback_published_at")
    )
