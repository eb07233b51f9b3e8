"""A dialogue of one organisation with every kind of object a staff page names (question,
area, community, event with its host, write-up with an answer, themes found with one edit),
for the project's test that walks every staff URL: its ids are the ones another organisation
must never reach. Its text
says "Confidential" and its host's email is at ``calderbrook.example``."""

from django.utils import timezone

from publicbenefit.accounts.models import Membership, Organisation
from publicbenefit.core.themes import (
    Excerpt,
    Member,
    Rename,
    SourceCount,
    Theme,
    ThemeRef,
    Themes,
    edit_to_dict,
)
from publicbenefit.dialogues.models import (
    Agreement,
    Area,
    Community,
    Dialogue,
    Event,
    FramingQuestion,
    Host,
    ThemeRun,
    WriteUp,
    WriteUpAnswer,
)
from publicbenefit.dialogues.selectors.themes import themes_to_data


def confidential_dialogue(organisation: Organisation, colleague: Membership) -> list[int]:
    """Make the dialogue and return the ids of it and its objects (made directly: the project's
    fixture is built once per URL)."""
    dialogue = Dialogue.objects.create(
        organisation=organisation,
        title="Confidential dialogue",
        background="Confidential background",
        guide="Confidential guide",
        privacy_notice="Confidential notice",
        status=Dialogue.Status.OPEN,
        public_token="confidential-dialogue-public-token-for-tests",
        created_by=colleague.user,
    )
    question = FramingQuestion.objects.create(
        dialogue=dialogue, text="Confidential question?", order=1
    )
    area = Area.objects.create(dialogue=dialogue, name="Confidential ward", code="CONF1")
    community = Community.objects.create(dialogue=dialogue, name="Confidential community")
    host = Host.objects.create(
        dialogue=dialogue,
        name="Confidential Host",
        email="host@calderbrook.example",
        consented_at=timezone.now(),
    )
    held = Event.objects.create(
        dialogue=dialogue,
        host=host,
        area=area,
        community=community,
        title="Confidential event",
        starts_at=timezone.now(),
        venue="Confidential venue",
        expected_size=10,
        status=Event.Status.HELD,
    )
    offered = Event.objects.create(
        dialogue=dialogue,
        host=host,
        area=area,
        title="Confidential offer",
        starts_at=timezone.now(),
        venue="Confidential venue",
        expected_size=10,
    )
    write_up = WriteUp.objects.create(event=held, participants=10, submitted_at=timezone.now())
    WriteUpAnswer.objects.create(
        write_up=write_up,
        question=question,
        main_points="Confidential points",
        agreement=Agreement.SPLIT,
    )
    excerpt = Excerpt(
        f"a{write_up.answers.get().pk}-points",
        "Confidential points",
        str(held.pk),
        "Confidential event (Confidential ward)",
        "Confidential ward",
        "question 1",
    )
    theme = Theme(
        id="t-000000000001",
        label="Confidential theme",
        description="Confidential description",
        terms=("confidential",),
        members=(Member(excerpt.id, 1.0),),
        events=(SourceCount(excerpt.event_id, 1),),
        areas=(SourceCount(excerpt.area, 1),),
        sources=(SourceCount(excerpt.source_id, 1),),
        anchors=(excerpt.id,),
    )
    suggestion = Themes((excerpt,), (theme,), (), "Confidential method")
    ThemeRun.objects.create(
        dialogue=dialogue,
        status=ThemeRun.Status.DONE,
        suggestion=themes_to_data(suggestion, {"question 1": question.text}),
        excerpts=1,
    )
    dialogue.theme_edits = [edit_to_dict(Rename(ThemeRef.of(theme), "Confidential rename"))]
    dialogue.save(update_fields=["theme_edits"])
    return [dialogue.pk, question.pk, area.pk, community.pk, held.pk, offered.pk, host.pk]
