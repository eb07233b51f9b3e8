"""Reads for recruiting a panel: a staff member's panel, its address batches with their counts,
the letters file of a batch, the address behind a letter code, a community partner's link, the
member behind a manage link, and the staff list of members (pseudonymous) and one member."""

import datetime
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from publicbenefit.accounts.tokens import token_hash
from publicbenefit.common.public_links import LinkExpiredError, expired
from publicbenefit.panels.models import Address, AddressBatch, CommunityPartner, Member, Panel
from publicbenefit.panels.selectors.margins import features
from publicbenefit.panels.selectors.setup import panel_get  # noqa: F401 (re-exported)


def panel_for_join(*, pk: int) -> Panel:
    """A panel for the public sign-up pages (the session names it)."""
    return get_object_or_404(Panel.objects.select_related("organisation"), pk=pk)


def batch_list(*, panel: Panel) -> QuerySet[AddressBatch]:
    """The panel's address batches, newest first, each with ``letters`` (addresses) and
    ``signed_up`` (addresses whose code was used) counted."""
    return panel.address_batches.select_related("imported_by").annotate(
        letters=Count("addresses"),
        signed_up=Count("addresses", filter=Q(addresses__used_at__isnull=False)),
    )


def batch_get(*, panel: Panel, pk: int) -> AddressBatch:
    """The panel's batch ``pk``, with its counts; 404 for a batch of another panel."""
    return get_object_or_404(batch_list(panel=panel), pk=pk)


def batch_addresses(*, batch: AddressBatch) -> QuerySet[Address]:
    return batch.addresses.order_by("pk")


def letters_file_name(batch_id: int) -> str:
    """Where a batch's letters PDF is kept in the default storage."""
    return f"letters/{batch_id}.pdf"


@dataclass(frozen=True)
class LettersFile:
    name: str
    made_at: datetime.datetime
    size: int


def letters_file(*, batch: AddressBatch) -> LettersFile | None:
    """The batch's letters PDF, if it has been made."""
    name = letters_file_name(batch.pk)
    if not default_storage.exists(name):
        return None
    return LettersFile(
        name=name, made_at=default_storage.get_modified_time(name), size=default_storage.size(name)
    )


def address_get_by_code(*, code: str) -> Address | None:
    """The address whose letter carries ``code`` (in its stored form), with its panel."""
    return Address.objects.select_related("batch__panel__organisation").filter(code=code).first()


def address_for_join(*, pk: int, panel: Panel) -> Address | None:
    """The address a sign-up in progress started from, if it is on ``panel``."""
    return Address.objects.filter(pk=pk, batch__panel=panel).first()


def partner_get_by_token(*, token: str) -> CommunityPartner | None:
    """The community partner whose link carries ``token`` (active or not)."""
    return (
        CommunityPartner.objects.select_related("panel__organisation").filter(token=token).first()
    )


def member_get_by_manage_token(*, token: str) -> Member | None:
    """The member whose manage link carries ``token``; ``None`` for an unknown, altered or
    invalidated token, and for a member whose data was erased. Only the hash is looked up.

    Raises ``LinkExpiredError`` (410) for a member who left the panel longer ago than
    ``PUBLIC_LINK_LIFETIMES["panel_member"]``."""
    member = (
        Member.objects.select_related("panel__organisation", "address", "partner")
        .filter(manage_token_hash=token_hash(token))
        .exclude(status=Member.Status.ERASED)
        .first()
    )
    if member is None or member.status != Member.Status.LEFT:
        return member
    if expired("panel_member", member.left_at):
        raise LinkExpiredError("panel_member", member.panel.organisation)
    return member


def member_list(*, panel: Panel) -> QuerySet[Member]:
    return panel.members.select_related("partner").order_by("-joined_at", "-pk")


def member_get(*, panel: Panel, pk: int) -> Member:
    """The panel's member ``pk``; 404 for another panel's member."""
    member = panel.members.select_related("partner", "address__batch").filter(pk=pk).first()
    if member is None:
        raise Http404
    return member


def profile_labels(*, panel: Panel, profile: dict[str, str]) -> list[tuple[str, str]]:
    """A member's profile as (feature label, value label) pairs in the panel's order; a value
    the margins no longer have is shown as stored, a missing answer as an empty string."""
    rows = []
    for feature in features(panel=panel):
        labels = {value.value: value.label for value in feature.values.all()}
        value = profile.get(feature.key, "")
        rows.append((feature.label, labels.get(value, value)))
    return rows


def value_labels(*, panel: Panel) -> dict[str, dict[str, str]]:
    """Each feature's value labels by value, for showing many members' profiles at once."""
    return {
        feature.key: {value.value: value.label for value in feature.values.all()}
        for feature in features(panel=panel)
    }
