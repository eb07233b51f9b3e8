"""The demo's Citizens' Jury: "Citizens' Jury on predictive modelling", drawn for the
predictive-modelling proposal from a pool of 300 synthetic Calderbrook volunteers.

The jury, its margins and quotas, the lottery and the draw are made through the staff services, as
the council's engagement lead: the margins of four features (age band, sex, ward, ethnic group),
the quotas proposed from them for 18 jurors and accepted, a leximin lottery, and the draw with a
published seed. The volunteers stand for people who answered invitation letters or the volunteer
form: they are written in bulk with a fixed seed (older people and owner-occupiers volunteer more,
as they do), so the demo is the same every time. Names are invented and email addresses end in
``.example``, which cannot receive mail.
"""

import random

from django.db import transaction
from django.utils import timezone

from publicbenefit.accounts.models import Membership
from publicbenefit.juries.models import Jury, Lottery, Volunteer
from publicbenefit.juries.selectors.quotas import features
from publicbenefit.juries.services import draw as draw_services
from publicbenefit.juries.services import jury as jury_services
from publicbenefit.juries.services import lottery as lottery_services
from publicbenefit.juries.services import quotas as quota_services
from publicbenefit.juries.services.pool import household_key, pseudonym_new
from publicbenefit.proposals.models import Proposal

JURY_NAME = "Citizens' Jury on predictive modelling"
JURY_SIZE = 18
POOL_SIZE = 300
SEED = 20261126
#: The seed published before the draw (the date of the draw).
DRAW_SEED = 20261201

MARGINS = """feature,value,share,label,feature_label,question
age,16-29,0.22,16 to 29,Age,How old are you?
age,30-44,0.25,30 to 44,,
age,45-59,0.24,45 to 59,,
age,60-74,0.18,60 to 74,,
age,75+,0.11,75 or over,,
sex,female,0.512,Female,Sex,What is your sex?
sex,male,0.488,Male,,
ward,eastgate,0.26,Eastgate,Ward,Which ward do you live in?
ward,millbrook,0.24,Millbrook,,
ward,riverside,0.27,Riverside,,
ward,old-town,0.23,Old Town,,
ethnicity,asian,0.12,"Asian, Asian British or Asian Welsh",Ethnic group,What is your ethnic group?
ethnicity,black,0.05,"Black, Black British, Black Welsh, Caribbean or African",,
ethnicity,mixed-other,0.05,Mixed or another ethnic group,,
ethnicity,white,0.78,White,,
"""

#: How much more (or less) likely each group is to volunteer than its share of the area.
VOLUNTEER_TILT = {
    "age": {"16-29": 0.55, "30-44": 0.8, "60-74": 1.5, "75+": 1.2},
    "ethnicity": {"asian": 0.8, "black": 0.7},
}

FIRST_NAMES = (
    "Aisha",
    "Amir",
    "Ben",
    "Bethan",
    "Chloe",
    "Daniel",
    "Deepa",
    "Eilidh",
    "Femi",
    "Grace",
    "Hamza",
    "Hannah",
    "Imran",
    "Jack",
    "Jamal",
    "Jess",
    "Kofi",
    "Leah",
    "Liam",
    "Maya",
    "Mohammed",
    "Nia",
    "Oliver",
    "Olu",
    "Priya",
    "Rhys",
    "Rosa",
    "Sam",
    "Sana",
    "Tom",
    "Una",
    "Wei",
    "Yusuf",
    "Zara",
)
LAST_NAMES = (
    "Ahmed",
    "Begum",
    "Brown",
    "Chen",
    "Davies",
    "Evans",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Mensah",
    "Morgan",
    "Nowak",
    "Okafor",
    "Patel",
    "Roberts",
    "Singh",
    "Smith",
    "Taylor",
    "Thomas",
    "Walker",
    "Williams",
    "Wright",
)
STREETS = ("High Street", "Mill Lane", "Church Road", "River View", "Station Road", "Park Avenue")
POSTCODES = {"eastgate": "CB1", "millbrook": "CB2", "riverside": "CB3", "old-town": "CB4"}


def _pick(values: list[tuple[str, float]], tilt: dict[str, float], rng: random.Random) -> str:
    weights = [share * tilt.get(value, 1.0) for value, share in values]
    return rng.choices([value for value, _share in values], weights)[0]


@transaction.atomic
def _volunteers(jury: Jury, rng: random.Random) -> None:
    shares = {
        feature.key: [(value.value, float(value.share)) for value in feature.values.all()]
        for feature in features(jury=jury)
    }
    now = timezone.now()
    people = []
    previous: tuple[str, str] | None = None
    for number in range(POOL_SIZE):
        profile = {
            key: _pick(values, VOLUNTEER_TILT.get(key, {}), rng) for key, values in shares.items()
        }
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        # One volunteer in twenty lives with the one before: the household rule has work to do.
        if previous is not None and number % 20 == 1:
            address, postcode = previous
            profile["ward"] = people[-1].profile["ward"]
        else:
            address = f"{rng.randint(1, 180)} {rng.choice(STREETS)}, Calderbrook"
            postcode = (
                f"{POSTCODES[profile['ward']]} {rng.randint(1, 9)}"
                f"{rng.choice('ABDEFGHJ')}{rng.choice('LNPQRSTU')}"
            )
        previous = (address, postcode)
        letter = rng.random() < 0.6
        people.append(
            Volunteer(
                jury=jury,
                pseudonym=pseudonym_new(),
                name=f"{first} {last}",
                email=f"{first.lower()}.{last.lower()}{number}@residents.example",
                postal_address=address,
                postcode=postcode,
                household=household_key(address, postcode),
                profile=profile,
                availability=rng.choice(
                    ("Weekends", "Weekday evenings", "Any time", "Not Mondays", "")
                ),
                access_needs=rng.choice(("", "", "", "", "Step-free access", "Hearing loop")),
                source=Volunteer.Source.LETTER if letter else Volunteer.Source.FORM,
                consented_at=now,
                privacy_notice_version=jury.privacy_notice_version,
            )
        )
    Volunteer.objects.bulk_create(people)


def load_jury(
    lead: Membership, proposal: Proposal | None, rng: random.Random | None = None
) -> Jury | None:
    """Make the demo jury, its pool, quotas, leximin lottery and draw of 18, unless it is there
    already (then ``None``)."""
    if Jury.objects.filter(organisation=lead.organisation, name=JURY_NAME).exists():
        return None
    rng = rng or random.Random(SEED)  # noqa: S311 (synthetic volunteers, the same every time)
    plan = getattr(proposal, "engagement_plan", None) if proposal is not None else None
    jury = jury_services.jury_create(
        actor=lead,
        name=JURY_NAME,
        area="Calderbrook",
        proposal=proposal,
        plan=plan,
        charge_question=(
            "Should Calderbrook City Council use predictive modelling to identify families who "
            "might benefit from early help and, if so, under what conditions?"
        ),
        description=(
            "Eighteen Calderbrook residents, chosen by a fair lottery to reflect the city, will "
            "spend four days hearing from experts and people with lived experience, and then "
            "tell the council what they recommend. Jurors are paid £100 a day and their "
            "expenses."
        ),
        privacy_notice=(
            "Calderbrook City Council keeps the details you give when you volunteer (your name, "
            "contact details, address and your answers about yourself) only to choose the jury "
            "by lottery and to contact you about it. Your address is used to make sure only one "
            "person from each home is chosen. We delete the details of volunteers who are not "
            "chosen three months after the jury ends. Contact: dpo@calderbrook.example."
        ),
        size=JURY_SIZE,
        quota_tolerance=1,
        threshold=Jury.Threshold.TWO_THIRDS,
    )
    quota_services.margins_import(actor=lead, jury=jury, csv_text=MARGINS)
    quota_services.quotas_accept_proposed(actor=lead, jury=jury)
    _volunteers(jury, rng)
    requested = lottery_services.lottery_request(
        actor=lead, jury=jury, algorithm=Jury.Algorithm.LEXIMIN, time_limit=120
    )
    lottery = lottery_services.lottery_compute(lottery_id=requested.pk)
    if lottery.status == Lottery.Status.DONE:
        draw_services.draw_make(actor=lead, lottery=lottery, seed=DRAW_SEED)
    return jury
