"""A labelled synthetic corpus in the style of a public consultation on sharing health and care
data, for the benchmark and the tests: every excerpt carries the theme it was written for.

Twelve known themes, each written from several sentence templates whose slots take synonyms,
with varied openers ("Our table felt that", "Honestly,"), some negated or hedged sentences that
mention another theme's words in passing, and a share of off-topic remarks (theme
``off-topic``) about the venue, the weather or the biscuits. Events lean towards different
themes (each event draws its mix from a Dirichlet), so that events tell different stories. The
same seed gives the same corpus.
"""

import random
from dataclasses import dataclass

from publicbenefit.core.themes.excerpts import Excerpt

OFF_TOPIC = "off-topic"

# theme -> (templates, slot values). A template names its slots in braces.
_THEMES: dict[str, tuple[tuple[str, ...], dict[str, tuple[str, ...]]]] = {
    "privacy": (
        (
            "I worry that {record} could be traced back to me even if my name is removed",
            "{anon} data is never really {anon}, someone can always re-identify you",
            "My main concern is privacy: who can see {record} and could they work out who I am",
            "They should strip out names and postcodes so nobody can be identified from {record}",
            "Keeping {record} {anon} matters more to me than anything else",
            "Re-identification is easy when you combine {record} with other data sets",
        ),
        {
            "record": (
                "my medical records",
                "my health records",
                "my GP notes",
                "my patient records",
                "personal details",
            ),
            "anon": ("anonymous", "anonymised", "pseudonymised", "de-identified"),
        },
    ),
    "consent": (
        (
            "People should be asked for {consent} before their data is shared",
            "There has to be a simple way to {optout} of the scheme",
            "I want to give {consent} each time, not once and forever",
            "Nobody ever asked for my {consent}, it just happened",
            "It should be opt in rather than opt out, with clear {consent}",
            "Letting people {optout} online and at the surgery would help",
        ),
        {
            "consent": ("consent", "permission", "explicit consent", "my agreement"),
            "optout": ("opt out", "withdraw", "say no", "refuse"),
        },
    ),
    "commercial": (
        (
            "I don't want {firm} making a profit out of our data",
            "Selling data to {firm} is where I draw the line",
            "If {firm} get access they will use it for {money}",
            "The NHS should not hand data to {firm} for {money}",
            "Any deal with {firm} must put patients before {money}",
            "Drug companies and insurers are the {firm} people fear most",
        ),
        {
            "firm": (
                "private companies",
                "big tech firms",
                "pharmaceutical companies",
                "insurance companies",
                "commercial firms",
            ),
            "money": ("profit", "marketing", "shareholders", "commercial gain"),
        },
    ),
    "security": (
        (
            "What happens if the system is {hacked} and everything leaks",
            "Cyber security has to be {strong} or a breach is inevitable",
            "I have seen too many data breaches where systems got {hacked}",
            "The servers need {strong} protection against hackers",
            "Encryption and {strong} access controls would reassure me about breaches",
            "One leak of the database and the whole thing is {hacked}",
        ),
        {
            "hacked": ("hacked", "breached", "attacked", "compromised"),
            "strong": ("strong", "robust", "watertight", "proper"),
        },
    ),
    "research": (
        (
            "If it helps {research} find new {cures} then I am all for it",
            "Sharing data for {research} could save lives through better {cures}",
            "Medical research on cancer and dementia needs this kind of data for {cures}",
            "{research} using our records could lead to earlier diagnosis and {cures}",
            "I would share mine to help scientists with {research}",
            "Future generations benefit from {research} into {cures}",
        ),
        {
            "research": (
                "medical research",
                "clinical research",
                "university researchers",
                "scientific research",
            ),
            "cures": ("treatments", "cures", "new medicines", "better treatments"),
        },
    ),
    "trust": (
        (
            "I just don't {trust} the {gov} with this after past scandals",
            "It comes down to {trust}: do we believe the {gov} will keep its word",
            "My {trust} in the {gov} is low after what happened before",
            "The {gov} has broken promises before, so {trust} has to be earned",
            "Whether I {trust} it depends on who runs it, not the {gov}",
            "Past scandals have eroded {trust} in the {gov}",
        ),
        {
            "trust": ("trust", "faith", "confidence"),
            "gov": ("government", "ministers", "Department of Health", "authorities"),
        },
    ),
    "transparency": (
        (
            "They should {publish} who has used the data and why",
            "Be {open} about every request and {publish} the list of data users",
            "I want to be told when my data has been used, a {open} register would help",
            "Clear information in plain English, {open} and honest about the uses",
            "A public register would {publish} each project that uses our data",
            "Nobody explains what happens to the data, they need to be {open}",
        ),
        {
            "publish": ("publish", "report", "make public", "explain"),
            "open": ("open", "transparent", "upfront", "clear"),
        },
    ),
    "retention": (
        (
            "How long will they {keep} the data, it should be deleted after {period}",
            "Data should not be {kept} forever, set a limit like {period}",
            "Once the project ends the records must be {deleted}",
            "I'd want a promise that data is {deleted} after {period}",
            "There should be a retention limit so nothing is {kept} longer than needed",
            "Delete it when it's no longer needed, don't {keep} it for years",
        ),
        {
            "keep": ("keep", "hold", "store", "retain"),
            "kept": ("kept", "held", "stored", "retained"),
            "deleted": ("deleted", "destroyed", "erased", "wiped"),
            "period": ("five years", "ten years", "the study", "a fixed time"),
        },
    ),
    "services": (
        (
            "Using data to plan {services} could cut {waits}",
            "If it means shorter {waits} at the hospital I'm in favour",
            "Better planning of {services} in our area would help families",
            "The council and NHS could target {services} where need is greatest",
            "Our local {services} are stretched, data could help plan them",
            "Anything that reduces {waits} for operations gets my vote",
        ),
        {
            "services": (
                "local services",
                "community care",
                "GP appointments",
                "social care",
                "hospital beds",
            ),
            "waits": ("waiting times", "waiting lists", "delays", "long waits"),
        },
    ),
    "exclusion": (
        (
            "Older people who are not {online} will be left out of the {portal}",
            "Not everyone has a smartphone or the internet, the {portal} excludes them",
            "My mum can't use the {portal}, she needs a paper form",
            "Digital only means people who are not {online} lose their say",
            "Provide paper and phone options, not just the {portal}",
            "People with disabilities or poor English struggle with the {portal}",
        ),
        {
            "online": ("online", "digitally confident", "computer literate", "on the internet"),
            "portal": ("app", "website", "online portal", "NHS app"),
        },
    ),
    "police": (
        (
            "The data must never go to the {police} or {immigration}",
            "I'm scared the {police} could use health records against people",
            "Sharing with {immigration} would stop migrants seeing a doctor",
            "Function creep: first it's research, then it's the {police}",
            "Keep health data away from {immigration} enforcement",
            "No access for the {police} without a court order",
        ),
        {
            "police": ("police", "Home Office", "law enforcement"),
            "immigration": (
                "immigration officers",
                "immigration",
                "the Home Office",
                "border force",
            ),
        },
    ),
    "oversight": (
        (
            "There should be an {body} checking every request",
            "An {body} with members of the public should decide on access",
            "Who holds them to account? We need an {body} with teeth",
            "Regular {audits} by an {body} would give me confidence",
            "Patients and citizens should sit on the {body} that approves uses",
            "Independent {audits} and penalties if the rules are broken",
        ),
        {
            "body": (
                "independent panel",
                "oversight board",
                "ethics committee",
                "independent regulator",
            ),
            "audits": ("audits", "inspections", "reviews", "checks"),
        },
    ),
}

# theme -> key phrases people use for it; the shared carriers below put two of them in a
# sentence, so a theme is its vocabulary, not one template.
_LEXICON: dict[str, tuple[str, ...]] = {
    "privacy": (
        "privacy",
        "being identified",
        "anonymity",
        "re-identification",
        "my name and postcode",
        "anonymised data",
        "personal privacy",
        "identifiable records",
    ),
    "consent": (
        "consent",
        "opting out",
        "being asked first",
        "permission",
        "the right to say no",
        "explicit consent",
        "an opt-out",
        "choice over my data",
    ),
    "commercial": (
        "private companies",
        "profit",
        "selling data",
        "big tech",
        "drug companies",
        "commercial deals",
        "insurers",
        "money-making",
    ),
    "security": (
        "hacking",
        "data breaches",
        "cyber attacks",
        "security",
        "leaks",
        "encryption",
        "hackers",
        "a breach",
    ),
    "research": (
        "medical research",
        "new treatments",
        "cures",
        "scientific studies",
        "cancer research",
        "research",
        "clinical trials",
        "medical breakthroughs",
    ),
    "trust": (
        "trust",
        "the government",
        "ministers",
        "broken promises",
        "confidence in them",
        "past scandals",
        "politicians",
        "trustworthiness",
    ),
    "transparency": (
        "transparency",
        "a public register",
        "openness",
        "being told",
        "plain English",
        "publishing the uses",
        "honesty about uses",
        "clear information",
    ),
    "retention": (
        "how long data is kept",
        "deletion",
        "a time limit",
        "storing data forever",
        "retention",
        "deleting records",
        "destroying the data",
        "keeping it for years",
    ),
    "services": (
        "waiting times",
        "local services",
        "GP appointments",
        "planning care",
        "waiting lists",
        "social care",
        "hospital beds",
        "community services",
    ),
    "exclusion": (
        "people who are not online",
        "the app",
        "older people",
        "paper forms",
        "digital exclusion",
        "smartphones",
        "internet access",
        "the website",
    ),
    "police": (
        "the police",
        "immigration",
        "the Home Office",
        "law enforcement",
        "deportation",
        "court orders",
        "immigration checks",
        "function creep",
    ),
    "oversight": (
        "an independent panel",
        "oversight",
        "accountability",
        "audits",
        "an ethics committee",
        "a regulator",
        "independent scrutiny",
        "public representatives on the board",
    ),
}

_CARRIERS = (
    "My biggest worry is {a}, and {b}",
    "We talked a lot about {a} and {b}",
    "What matters most is {a}",
    "For our table it was all about {a} and also {b}",
    "I keep thinking about {a}",
    "Nobody has explained {a} to us, or {b}",
    "If they get {a} right, and {b}, I would support it",
    "{A} came up again and again",
    "I'm not worried about {other}, it's {a} that concerns me",
    "There was a long discussion of {a}, then {b}",
    "It depends on {a} really",
    "Please think harder about {a} and {b}",
)

_LINKS = (
    ", especially {x}",
    "; it's really about {x}",
    ", and {x} is the key thing",
    ". Think about {x}",
    ", {x} above all",
)

_OPENERS = (
    *([""] * 12),
    "I think ",
    "For me, ",
    "Honestly, ",
    "Our table felt that ",
    "One person said ",
    "Several of us agreed that ",
    "To be fair, ",
    "The group kept coming back to this: ",
)

_CLOSERS = (*([""] * 8), ".", ".", ", that's my view.", ", and others agreed.", ", full stop.")

_ASIDES = (
    " I'm not against sharing as such",
    " though I can see both sides",
    " it isn't about the money for me",
    " but I don't want to stop progress",
)

THEMES: tuple[str, ...] = tuple(_THEMES)

_OFF_TOPIC = (
    "The room was too cold and the coffee ran out early",
    "Can we have the next session on a weekday evening please",
    "Thanks to the facilitators, the biscuits were lovely",
    "The car park was full so I was late",
    "I came because my neighbour told me about it",
    "The microphone kept cutting out during the talk",
    "It was good to meet people from the other side of town",
    "The weather put a lot of people off coming today",
)

QUESTIONS = ("q-benefits", "q-risks", "q-conditions")
AREAS = ("north", "south", "east", "west", "centre")


@dataclass(frozen=True)
class LabelledCorpus:
    """Excerpts and, for each, the theme it was written for (``off-topic`` for the noise)."""

    excerpts: tuple[Excerpt, ...]
    labels: tuple[str, ...]

    @property
    def themes(self) -> tuple[str, ...]:
        """The known themes that occur, in order, without ``off-topic``."""
        return tuple(theme for theme in THEMES if theme in set(self.labels))


def _sentence(theme: str, rng: random.Random) -> str:
    if rng.random() < 0.6:
        templates, slots = _THEMES[theme]
        template = rng.choice(templates)
        text = template.format(**{name: rng.choice(values) for name, values in slots.items()})
        if rng.random() < 0.7:
            text += rng.choice(_LINKS).format(x=rng.choice(_LEXICON[theme]))
    else:
        first, second = rng.sample(_LEXICON[theme], 2)
        other = rng.choice(_LEXICON[rng.choice([t for t in THEMES if t != theme])])
        text = rng.choice(_CARRIERS).format(
            a=first, A=first[0].upper() + first[1:], b=second, other=other
        )
    if rng.random() < 0.15:
        text += "," + rng.choice(_ASIDES)
    opener = rng.choice(_OPENERS)
    if opener:
        # Lower the first letter unless it starts a name or "I" ("NHS", "I'm", "Home Office").
        keep = text.split(" ", 1)[0] in {"I", "I'm", "I'd"} or not text[1:2].islower()
        text = opener + (text if keep else text[0].lower() + text[1:])
    return text + rng.choice(_CLOSERS)


def labelled_corpus(
    size: int = 600, *, seed: int = 20_261_125, events: int = 8, off_topic: float = 0.05
) -> LabelledCorpus:
    """``size`` excerpts over the twelve themes and some off-topic remarks, spread over
    ``events`` events (each with its own mix of themes), five areas and three framing
    questions; write-ups hold three to eight excerpts each. Deterministic for a seed."""
    rng = random.Random(seed)  # noqa: S311 - a seeded, reproducible corpus, not a secret
    event_ids = [f"event-{number:02d}" for number in range(1, events + 1)]
    mixes = [[rng.gammavariate(0.8, 1.0) for _ in THEMES] for _ in event_ids]
    excerpts: list[Excerpt] = []
    labels: list[str] = []
    write_up, left = 0, 0
    event = area = question = ""
    for index in range(size):
        if left == 0:
            write_up += 1
            left = rng.randint(3, 8)
            event_index = rng.randrange(events)
            event = event_ids[event_index]
            area = AREAS[event_index % len(AREAS)]
            question = rng.choice(QUESTIONS)
        left -= 1
        if rng.random() < off_topic:
            theme, text = OFF_TOPIC, rng.choice(_OFF_TOPIC)
        else:
            theme = rng.choices(THEMES, weights=mixes[event_ids.index(event)])[0]
            text = _sentence(theme, rng)
        excerpts.append(
            Excerpt(
                id=f"x{index:05d}",
                text=text,
                source_id=f"write-up-{write_up:04d}",
                event_id=event,
                area=area,
                question_id=question,
            )
        )
        labels.append(theme)
    return LabelledCorpus(tuple(excerpts), tuple(labels))
