"""Builders shared by the recruitment tests (plain functions, no tests here): a panel with two
profile features, a batch of addresses, the sign-up answers of a resident, and a member made
through the service. Each returns what it made."""

from decimal import Decimal
from typing import Any

from publicbenefit.accounts.models import Membership
from publicbenefit.panels.models import (
    Address,
    AddressBatch,
    CommunityPartner,
    Panel,
    ProfileFeature,
    ProfileValue,
)
from publicbenefit.panels.services.recruitment import JoinAnswers, Joined, member_join

NOTICE = "Calderbrook City Council keeps your details to run the panel. Contact dpo@example.org."

#: The features of ``panel_make``'s panel: key -> (question, [(value, label, share)]).
FEATURES = {
    "age": (
        "How old are you?",
        [
            ("16-34", "16 to 34", "0.35"),
            ("35-64", "35 to 64", "0.45"),
            ("65+", "65 or over", "0.2"),
        ],
    ),
    "tenure": (
        "Do you own or rent your home?",
        [("owns", "Own it", "0.6"), ("rents", "Rent it", "0.4")],
    ),
}

PROFILE = {"age": "35-64", "tenure": "rents"}


def panel_make(lead: Membership, **changes: Any) -> Panel:
    panel = Panel.objects.create(
        organisation=lead.organisation,
        name=changes.pop("name", "Calderbrook Citizens' Panel"),
        area="Calderbrook",
        description="Residents tell the council what they think about how it uses data.",
        privacy_notice=NOTICE,
        privacy_notice_version=2,
        created_by=lead.user,
        **changes,
    )
    for order, (key, (question, values)) in enumerate(FEATURES.items()):
        feature = ProfileFeature.objects.create(
            panel=panel, key=key, label=key.capitalize(), question=question, order=order
        )
        for position, (value, label, share) in enumerate(values):
            ProfileValue.objects.create(
                feature=feature, value=value, label=label, share=Decimal(share), order=position
            )
    return panel


def batch_make(lead: Membership, panel: Panel, codes: list[str]) -> AddressBatch:
    batch = AddressBatch.objects.create(panel=panel, name="Spring sample", imported_by=lead.user)
    for number, code in enumerate(codes, start=1):
        Address.objects.create(
            batch=batch,
            line_1=f"{number} Mill Lane",
            town="Calderbrook",
            postcode="CB1 2AB",
            code=code,
        )
    return batch


def partner_make(panel: Panel, *, token: str, active: bool = True) -> CommunityPartner:
    return CommunityPartner.objects.create(
        panel=panel, name="Calderbrook Mosque", token=token, active=active
    )


def answers(**changes: Any) -> JoinAnswers:
    values: dict[str, Any] = {
        "consented": True,
        "name": "Amina Khan",
        "channel": "email",
        "email": "Amina@Example.org",
        "language": "English",
        "profile": dict(PROFILE),
        **changes,
    }
    return JoinAnswers(**values)


def member_make(panel: Panel, address: Address | None = None, **changes: Any) -> Joined:
    partner = None if address else partner_make(panel, token=f"token-{panel.members.count()}")
    return member_join(
        panel_id=panel.pk,
        address_id=address.pk if address else None,
        partner_id=partner.pk if partner else None,
        answers=answers(**changes),
    )
