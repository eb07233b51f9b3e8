"""The demo's Distributed Dialogue: "Calderbrook conversations on predictive modelling", with
three framing questions, the seven made-up wards of the demo's boundary file as its areas, four
communities the plan must reach, and 12 events already held and written up, from different
wards and communities, plus two approved events to come and one offer waiting for a decision.

The dialogue, its questions, areas and communities are made through the staff services, as the
council's engagement lead, and the write-ups through the host's own service. The hosts and their
events stand for offers made on the public page over several weeks (the page takes only events
in the future), so they are written directly, approved, with a link secret nobody knows. Names
are invented and email addresses end in ``.example``, which cannot receive mail.

The kit's text, the questions, the communities and the write-ups are in
``dialogues/data/demo-dialogue.json``. The write-ups are varied on purpose: most report mixed
views, several have minority views, one leaves a question out, one is very short, and one group
agreed on everything and reported no other views, so that the quality flags have something to
show.

The demo also finds the themes across the write-ups (the same pipeline as the "Themes" page,
run at once rather than in the background: it takes well under a second here) and makes one
analyst's edit: the theme that holds the first write-up's answer on telling families is
renamed, so the page shows both the machine's suggestion and an analyst's change.
"""

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.tokens import token_hash, token_new
from publicbenefit.core.themes import Rename, ThemeRef
from publicbenefit.dialogues.boundaries import boundaries_parse, demo_boundaries_data
from publicbenefit.dialogues.models import Dialogue, Event, Host
from publicbenefit.dialogues.selectors.themes import analyst_themes
from publicbenefit.dialogues.services import dialogues as dialogue_services
from publicbenefit.dialogues.services.themes import (
    theme_edit_add,
    theme_run_execute,
    theme_run_request,
)
from publicbenefit.dialogues.services.writeups import AnswerIn, WriteUpIn, write_up_submit
from publicbenefit.proposals.models import Proposal

#: The dialogue's kit text, framing questions, communities and the 12 write-ups.
DATA = Path(__file__).resolve().parents[1] / "dialogues" / "data" / "demo-dialogue.json"
DIALOGUE_TITLE = "Calderbrook conversations on predictive modelling"
#: The analyst's name for the theme about telling families they were scored.
RENAMED_THEME = "Telling families they were scored, in plain words"


@dataclass(frozen=True)
class _Planned:
    """An event of the demo that has not happened yet."""

    number: int
    area: str
    community: str
    group: str
    title: str
    days_ahead: int
    size: int
    status: str


UPCOMING = [
    _Planned(
        13,
        "CB07",
        "",
        "Canal Side Boaters",
        "Boaters' evening on the towpath",
        5,
        10,
        Event.Status.APPROVED,
    ),
    _Planned(
        14,
        "CB05",
        "Disabled people and carers",
        "Old Town Access Group",
        "Accessible afternoon conversation",
        12,
        15,
        Event.Status.APPROVED,
    ),
    _Planned(
        15,
        "CB03",
        "Young carers",
        "Eastgate Sixth Form",
        "Sixth-form lunchtime debate",
        18,
        30,
        Event.Status.OFFERED,
    ),
]


def _ward_names() -> dict[str, str]:
    return {b.code: b.name for b in boundaries_parse(demo_boundaries_data())}


def _event(
    dialogue: Dialogue, number: int, plan: dict[str, Any], when: datetime.datetime, status: str
) -> Event:
    """A host and the event they offered (for a held event, weeks ago)."""
    community = dialogue.communities.filter(name=plan["community"]).first()
    area = dialogue.areas.get(code=plan["area"])
    host = Host.objects.create(
        dialogue=dialogue,
        name=f"Demo host {number}",
        group=plan["group"],
        community=community,
        email=f"host{number}@calderbrook.example",
        consented_at=when - datetime.timedelta(days=21),
        privacy_notice_shown=dialogue.privacy_notice,
    )
    return Event.objects.create(
        dialogue=dialogue,
        host=host,
        area=area,
        community=community,
        title=plan["title"],
        starts_at=when,
        venue=f"{plan['group']}, {area.name}",
        expected_size=max(5, min(50, plan["participants"])),
        status=status,
        # A secret nobody holds: the demo's hosts cannot be reached.
        host_token_hash=token_hash(token_new()) if status == Event.Status.APPROVED else None,
        decided_at=None if status == Event.Status.OFFERED else when - datetime.timedelta(days=14),
        created_at=when - datetime.timedelta(days=21),
    )


@transaction.atomic
def load_dialogue(lead: Membership, proposal: Proposal | None) -> Dialogue | None:
    """Make the demo dialogue with its 12 write-ups, unless it is there already (then
    ``None``)."""
    if Dialogue.objects.filter(organisation=lead.organisation, title=DIALOGUE_TITLE).exists():
        return None
    data = json.loads(DATA.read_text(encoding="utf-8"))
    today = timezone.localdate()
    dialogue = dialogue_services.dialogue_create(
        actor=lead,
        proposal=proposal,
        title=DIALOGUE_TITLE,
        background=data["background"],
        guide=data["guide"],
        easy_read=data["easy_read"],
        privacy_notice=data["privacy_notice"],
        opens_on=today - datetime.timedelta(days=60),
        closes_on=today + datetime.timedelta(days=30),
    )
    questions = [
        dialogue_services.question_add(actor=lead, dialogue=dialogue, **question)
        for question in data["questions"]
    ]
    for code, name in sorted(_ward_names().items()):
        dialogue_services.area_add(
            actor=lead,
            dialogue=dialogue,
            name=name,
            code=code,
            target_events=2,
            target_participants=25,
        )
    for community in data["communities"]:
        dialogue_services.community_add(actor=lead, dialogue=dialogue, **community)
    dialogue_services.dialogue_status_set(
        actor=lead, dialogue=dialogue, status=Dialogue.Status.OPEN
    )
    now = timezone.now()
    for number, plan in enumerate(data["write_ups"], start=1):
        when = (now - datetime.timedelta(days=50 - 4 * number)).replace(
            hour=18 if number % 2 else 11, minute=0, second=0, microsecond=0
        )
        held = _event(dialogue, number, plan, when, Event.Status.APPROVED)
        write_up_submit(
            event=held,
            data=WriteUpIn(
                participants=plan["participants"],
                facilitation=plan["facilitation"],
                counts=plan["counts"],
                answers=[
                    AnswerIn(question_id=q.pk, **answer)
                    for q, answer in zip(questions, plan["answers"], strict=True)
                ],
            ),
        )
    _themes(lead, dialogue)
    evening = now.replace(hour=19, minute=0, second=0, microsecond=0)
    for planned in UPCOMING:
        _event(
            dialogue,
            planned.number,
            {
                "area": planned.area,
                "community": planned.community,
                "group": planned.group,
                "title": planned.title,
                "participants": planned.size,
            },
            evening + datetime.timedelta(days=planned.days_ahead),
            planned.status,
        )
    dialogue.refresh_from_db()
    return dialogue


def _themes(lead: Membership, dialogue: Dialogue) -> None:
    """Find the themes and rename the one that holds the first write-up's answer on what
    families should be told."""
    run = theme_run_execute(run_id=theme_run_request(actor=lead, dialogue=dialogue).pk)
    found = analyst_themes(dialogue=dialogue)
    if found is None:  # pragma: no cover - the demo's write-ups always give themes
        raise RuntimeError(f"The demo's themes were not found: {run.error}")
    view = found[1].view
    first = min(int(e.id.split("-")[0][1:]) for e in view.excerpts if e.question_id.endswith("3"))
    theme_id = view.theme_of.get(f"a{first}-points") or view.themes[0].id
    theme = view.theme(theme_id) or view.themes[0]
    theme_edit_add(actor=lead, dialogue=dialogue, edit=Rename(ThemeRef.of(theme), RENAMED_THEME))
