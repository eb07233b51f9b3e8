"""The demo's organisations and staff: a city council and its partners in the fictional
county of Westmarch. Every name and address is invented; ``.example`` addresses cannot receive
mail."""

from dataclasses import dataclass

from publicbenefit.accounts.models import Organisation
from publicbenefit.accounts.roles import Role

#: Every demo account signs in with this password.
DEMO_PASSWORD = "calderbrook-demo-password"  # noqa: S105


@dataclass(frozen=True)
class DemoOrganisation:
    slug: str
    name: str
    kind: str


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    #: (organisation slug, role) for each organisation the person belongs to.
    memberships: tuple[tuple[str, str], ...]


ORGANISATIONS = (
    DemoOrganisation(
        "calderbrook-city-council", "Calderbrook City Council", Organisation.Kind.COUNCIL
    ),
    DemoOrganisation("westmarch-police", "Westmarch Police", Organisation.Kind.POLICE),
    DemoOrganisation(
        "calderbrook-hospitals-nhs",
        "Calderbrook Teaching Hospitals NHS Foundation Trust",
        Organisation.Kind.NHS,
    ),
    DemoOrganisation("calderbrook-homes", "Calderbrook Homes", Organisation.Kind.HOUSING),
)

COUNCIL = "calderbrook-city-council"

PEOPLE = (
    DemoPerson("admin@calderbrook.example", "Priya Shah", ((COUNCIL, Role.ADMINISTRATOR),)),
    DemoPerson(
        "dpo@calderbrook.example",
        "Helen Price",
        ((COUNCIL, Role.ASSESSOR), ("calderbrook-homes", Role.ASSESSOR)),
    ),
    DemoPerson("analytics@calderbrook.example", "Daniel Okafor", ((COUNCIL, Role.PROPOSER),)),
    DemoPerson("engagement@calderbrook.example", "Megan Rees", ((COUNCIL, Role.ENGAGEMENT_LEAD),)),
    DemoPerson("councillor@calderbrook.example", "Cllr Tom Hughes", ((COUNCIL, Role.VIEWER),)),
    DemoPerson(
        "admin@westmarch-police.example",
        "Insp. Laura Bennett",
        (("westmarch-police", Role.ADMINISTRATOR),),
    ),
    DemoPerson(
        "ig@westmarch-police.example", "Sam Adeyemi", (("westmarch-police", Role.ASSESSOR),)
    ),
    DemoPerson(
        "ig@calderbrook-nhs.example",
        "Dr Aled Morgan",
        (("calderbrook-hospitals-nhs", Role.ADMINISTRATOR),),
    ),
    DemoPerson(
        "admin@calderbrook-homes.example", "Grace Lin", (("calderbrook-homes", Role.ADMINISTRATOR),)
    ),
)
