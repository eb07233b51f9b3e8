"""The public sign-up: starting from a typed code, a QR code or a community partner's link;
each question page and its checks; the check page and the member it makes; a tampered session;
a used code; the limit on wrong codes; a closed sign-up; and the welcome email."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.accounts.tokens import token_hash
from publicbenefit.panels.models import Address, Member, RepresentativenessSnapshot
from publicbenefit.panels.services import recruitment as services
from publicbenefit.panels.tests.test_recruitment_builders import (
    PROFILE,
    answers,
    batch_make,
    panel_make,
    partner_make,
)

pytestmark = pytest.mark.django_db

CODE = "7K2MQ9XA"
JOIN = "/panel/join/"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def lead(organisation):
    return MembershipFactory(organisation=organisation, role=Role.ENGAGEMENT_LEAD)


@pytest.fixture
def panel(lead):
    return panel_make(lead)


@pytest.fixture
def address(lead, panel):
    return batch_make(lead, panel, [CODE, "ABCD2345"]).addresses.get(code=CODE)


def step(name):
    return f"{JOIN}questions/{name}/"


def answer_everything(client, *, channel="email", detail=None, prize_draw=None):
    """Answer every question page in order, checking each goes on to the next."""
    details = {"email": {"email": "Amina@Example.org"}, "phone": {"phone": "07700 900 982"}}
    pages = [
        ("consent", {"agree": "on"}),
        ("name", {"name": "Amina Khan"}),
        ("contact", {"channel": channel}),
        ("contact-details", detail or details.get(channel, {"postal_address": "1 Mill Lane"})),
        ("language", {"language": "Polish"}),
        ("about-you-age", {"answer": PROFILE["age"]}),
        ("about-you-tenure", {"answer": PROFILE["tenure"]}),
    ]
    if prize_draw is not None:
        pages.append(("prize-draw", {"prize_draw": prize_draw}))
    for name, data in pages:
        response = client.post(step(name), data)
        assert response.status_code == 302, (name, response.content.decode()[:3000])
    assert response.url == f"{JOIN}check/"


def test_a_resident_joins_with_the_code_on_their_letter(address, panel, mailoutbox):
    client = Client()
    start = client.get(JOIN)
    assert "Enter the code from your letter" in start.content.decode()
    response = client.post(JOIN, {"code": "7k2m-q9xa"})
    assert response.url == f"{JOIN}about/"
    about = client.get(response.url).content.decode()
    assert panel.description in about
    assert "Calderbrook City Council" in about
    consent = client.get(step("consent")).content.decode()
    assert panel.privacy_notice in consent
    assert "version 2" in consent
    answer_everything(client)
    check = client.get(f"{JOIN}check/").content.decode()
    for shown in ("Amina Khan", "Amina@Example.org", "Polish", "35 to 64", "Rent it", "Email"):
        assert shown in check
    assert f'href="{step("name")}?change=1"' in check
    done = client.post(f"{JOIN}check/")
    assert done.url == f"{JOIN}done/"

    member = Member.objects.get()
    assert member.source == Member.Source.LETTER
    assert member.address == address
    assert member.name == "Amina Khan"
    assert member.email == "amina@example.org"
    assert member.channel == "email"
    assert member.language == "Polish"
    assert member.profile == PROFILE
    assert member.privacy_notice_version == 2
    assert member.consented_at is not None
    assert re.fullmatch(r"M-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}", member.pseudonym)
    address.refresh_from_db()
    assert address.used_at is not None
    assert RepresentativenessSnapshot.objects.filter(panel=panel).exists()

    page = client.get(done.url).content.decode()
    link = re.search(r"http://testserver(/panel/me/[^/\"]+/)", page).group(1)
    assert member.manage_token_hash == token_hash(link.split("/")[3])
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["amina@example.org"]
    assert "Welcome to Calderbrook Citizens' Panel" in mailoutbox[0].subject
    assert "http://testserver" + link in mailoutbox[0].body
    assert client.get(link).status_code == 200


def test_the_qr_code_address_starts_the_sign_up_with_the_code(address):
    client = Client()
    response = client.get(f"{JOIN}7k2m-q9xa/")
    assert response.url == f"{JOIN}about/"
    answer_everything(client, channel="post")
    client.post(f"{JOIN}check/")
    member = Member.objects.get()
    assert member.address == address
    assert member.channel == "post"
    assert member.postal_address == "1 Mill Lane"


def test_the_postal_address_is_filled_in_from_the_letter(address):
    client = Client()
    client.get(f"{JOIN}{CODE}/")
    for name, data in [
        ("consent", {"agree": "on"}),
        ("name", {"name": "A"}),
        ("contact", {"channel": "post"}),
    ]:
        client.post(step(name), data)
    page = client.get(step("contact-details")).content.decode()
    assert "1 Mill Lane\nCalderbrook\nCB1 2AB</textarea>" in page


def test_a_community_partners_link_starts_the_sign_up(panel, mailoutbox):
    partner = partner_make(panel, token="calder-mosque-link")
    client = Client()
    assert client.get(f"{JOIN}p/calder-mosque-link/").url == f"{JOIN}about/"
    answer_everything(client, channel="phone")
    client.post(f"{JOIN}check/")
    member = Member.objects.get()
    assert member.source == Member.Source.PARTNER
    assert member.partner == partner
    assert member.address is None
    assert member.phone == "07700 900 982"
    # No email address: no email, but the link is on the confirmation page.
    assert mailoutbox == []
    assert "/panel/me/" in client.get(f"{JOIN}done/").content.decode()


def test_an_unknown_or_stopped_partner_link_is_not_found(panel):
    partner_make(panel, token="stopped-link", active=False)
    client = Client()
    for token in ("stopped-link", "no-such-link"):
        response = client.get(f"{JOIN}p/{token}/")
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
    assert client.get(f"{JOIN}about/").url == JOIN


@pytest.mark.parametrize(
    ("page", "data", "message"),
    [
        ("consent", {}, "Agree to the privacy notice to join the panel"),
        ("name", {"name": " "}, "Enter your name"),
        ("contact", {}, "Select how we should contact you"),
        ("contact", {"channel": "pigeon"}, "Select how we should contact you"),
        ("language", {"language": ""}, "Enter the language you would like us to use"),
        ("about-you-age", {}, "Select an answer: How old are you?"),
        ("about-you-age", {"answer": "200+"}, "Select an answer: How old are you?"),
    ],
)
def test_each_question_says_what_is_wrong(address, page, data, message):
    client = Client()
    client.get(f"{JOIN}{CODE}/")
    answer_everything(client)
    response = client.post(step(page), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "govuk-error-summary" in content
    assert message in content


@pytest.mark.parametrize(
    ("channel", "data", "message"),
    [
        ("email", {"email": ""}, "Enter your email address"),
        ("email", {"email": "amina-at-example"}, "Enter an email address in the correct format"),
        ("phone", {"phone": ""}, "Enter your phone number"),
        ("phone", {"phone": "12345"}, "Enter a phone number, like 01632 960 001"),
        ("post", {"postal_address": ""}, "Enter your postal address"),
    ],
)
def test_the_contact_detail_must_match_the_channel(address, channel, data, message):
    client = Client()
    client.get(f"{JOIN}{CODE}/")
    for name, values in [
        ("consent", {"agree": "on"}),
        ("name", {"name": "A"}),
        ("contact", {"channel": channel}),
    ]:
        client.post(step(name), values)
    response = client.post(step("contact-details"), data)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_pages_cannot_be_skipped(address):
    client = Client()
    client.get(f"{JOIN}{CODE}/")
    assert client.get(step("language")).url == step("consent")
    assert client.get(f"{JOIN}check/").url == step("consent")
    assert client.get(step("no-such-page")).status_code == 404


def test_changing_the_channel_asks_for_the_matching_detail_again(address):
    client = Client()
    client.get(f"{JOIN}{CODE}/")
    answer_everything(client)
    response = client.post(step("contact") + "?change=1", {"channel": "phone"})
    assert response.url == step("contact-details")
    response = client.post(step("contact-details") + "?change=1", {"phone": "01632 960 001"})
    assert response.url == f"{JOIN}check/"
    client.post(f"{JOIN}check/")
    member = Member.objects.get()
    assert (member.channel, member.phone, member.email) == ("phone", "01632 960 001", "")


def test_the_prize_draw_is_asked_only_when_the_panel_holds_them(lead, address, panel):
    client = Client()
    client.get(f"{JOIN}{CODE}/")
    answer_everything(client)
    assert client.get(step("prize-draw")).status_code == 404
    panel.prize_draw = True
    panel.save()
    assert client.get(f"{JOIN}check/").url == step("prize-draw")
    response = client.post(step("prize-draw"), {})
    assert "Select yes if you would like to enter prize draws" in response.content.decode()
    client.post(step("prize-draw"), {"prize_draw": "yes"})
    client.post(f"{JOIN}check/")
    assert Member.objects.get().prize_draw is True


def test_a_tampered_session_is_checked_again_and_refused(address, panel):
    client = Client()
    client.get(f"{JOIN}{CODE}/")
    answer_everything(client)
    session = client.session
    session["panel_join"]["answers"]["about-you-age"] = {"answer": "999"}
    session.save()
    # The altered answer sends the person back to its page; nothing is made.
    assert client.post(f"{JOIN}check/").url == step("about-you-age")
    assert Member.objects.count() == 0


def test_a_session_pointing_at_another_panels_address_is_refused(lead, address, panel):
    other = batch_make(lead, panel_make(lead, name="Another panel"), ["ZZZZ2222"]).addresses.get()
    client = Client()
    client.get(f"{JOIN}{CODE}/")
    answer_everything(client)
    session = client.session
    session["panel_join"]["address"] = other.pk
    session.save()
    response = client.post(f"{JOIN}check/")
    assert response.status_code == 404
    assert Member.objects.count() == 0
    other.refresh_from_db()
    assert other.used_at is None


def test_the_service_checks_every_answer_again(address, panel):
    bad = answers(
        consented=False, name="", channel="email", email="", profile={"age": "200+", "pets": "cat"}
    )
    with pytest.raises(services.ValidationError) as error:
        services.member_join(panel_id=panel.pk, address_id=address.pk, partner_id=None, answers=bad)
    assert set(error.value.message_dict) == {
        "consent",
        "name",
        "email",
        "profile_age",
        "profile_tenure",
        "profile_pets",
    }
    assert Member.objects.count() == 0
    address.refresh_from_db()
    assert address.used_at is None


def test_a_used_code_shows_a_clear_page(address):
    address.used_at = timezone.now()
    address.save()
    client = Client()
    for response in (client.post(JOIN, {"code": CODE}), client.get(f"{JOIN}{CODE}/")):
        assert response.status_code == 410
        page = response.content.decode()
        assert "This code has already been used" in page
        assert "contact Calderbrook City Council" in page


def test_a_code_used_by_someone_else_while_answering_is_refused_at_the_end(address):
    client = Client()
    client.get(f"{JOIN}{CODE}/")
    answer_everything(client)
    Address.objects.filter(pk=address.pk).update(used_at=timezone.now())
    response = client.post(f"{JOIN}check/")
    assert response.status_code == 410
    assert Member.objects.count() == 0


def test_a_wrong_code_is_explained_on_the_form(address):
    response = Client().post(JOIN, {"code": "2222-2222"})
    assert response.status_code == 200
    assert "Enter the code exactly as it is printed on your letter" in response.content.decode()
    assert (
        Client().post(JOIN, {"code": ""}).content.decode().count("Enter the code from your letter")
        >= 2
    )


def test_ten_wrong_codes_stop_every_try_for_a_while(address):
    client = Client()
    for _ in range(services.WRONG_CODES_ALLOWED):
        assert client.post(JOIN, {"code": "2222-2222"}).status_code == 200
    for response in (
        client.post(JOIN, {"code": CODE}),
        client.get(f"{JOIN}{CODE}/"),
        client.get(JOIN),
    ):
        assert response.status_code == 429
        assert "Too many tries" in response.content.decode()
    # Another connection is not affected.
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert other.post(JOIN, {"code": CODE}).status_code == 302


def test_wrong_codes_from_qr_addresses_count_too(address):
    client = Client()
    for _ in range(services.WRONG_CODES_ALLOWED):
        assert client.get(f"{JOIN}2222-2222/").status_code == 404
    assert client.get(f"{JOIN}{CODE}/").status_code == 429


def test_a_closed_sign_up_shows_a_clear_page(address, panel):
    panel.signup_open = False
    panel.save()
    response = Client().post(JOIN, {"code": CODE})
    assert response.status_code == 410
    assert "The panel is not taking new members" in response.content.decode()
    partner_make(panel, token="open-link")
    assert Client().get(f"{JOIN}p/open-link/").status_code == 410


def test_a_sign_up_closed_while_answering_is_refused_at_the_end(address, panel):
    client = Client()
    client.get(f"{JOIN}{CODE}/")
    answer_everything(client)
    panel.signup_open = False
    panel.save()
    assert client.post(f"{JOIN}check/").status_code == 410
    assert Member.objects.count() == 0


def test_the_confirmation_page_needs_a_finished_sign_up():
    assert Client().get(f"{JOIN}done/").url == JOIN


def test_behind_the_proxy_wrong_codes_count_against_the_address_it_saw(address, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The client may write its own X-Forwarded-For; the proxy adds the real address last.
    for made_up in range(services.WRONG_CODES_ALLOWED):
        forwarded = f"10.0.0.{made_up}, 198.51.100.9"
        Client(HTTP_X_FORWARDED_FOR=forwarded).post(JOIN, {"code": "2222-2222"})
    blocked = Client(HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.9").post(JOIN, {"code": CODE})
    assert blocked.status_code == 429
    assert (
        Client(HTTP_X_FORWARDED_FOR="198.51.100.10").post(JOIN, {"code": CODE}).status_code == 302
    )
