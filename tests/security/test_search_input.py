"""Hostile search input: SQL-looking, huge, NUL-bearing and odd unicode query parameters never
make a page fail, and never show another organisation's data.

The pages are found from the URL conf (every view whose code reads ``request.GET``), and the
parameters from the views' code: every ``request.GET.get("name")`` and every field of a form
built from ``request.GET``. Each page is opened with every parameter set to each hostile value,
as the victim organisation's administrator while another organisation has data of its own.
"""

import importlib
import inspect
import re

import pytest
from django import forms
from django.test import Client
from django.utils import timezone

from publicbenefit.assessments.presenters import compared_numbers
from publicbenefit.audit.models import AuditEntry
from publicbenefit.proposals.tests.factories import ProposalFactory

from .world import (
    PUBLIC_URLS,
    STAFF_URLS,
    StaffUrl,
    public_path,
    public_tokens,
    signed_in,
    staff_paths,
)

pytestmark = pytest.mark.django_db

HOSTILE = [
    "' OR 1=1 --",
    '"; DROP TABLE accounts_user; --',
    "%' UNION SELECT email, password FROM accounts_user --",
    "1' AND SLEEP(5) --",
    "%",
    "_",
    "-1",
    "99999999999999999999999999",
    "2026-02-30",
    "x" * 5000,
    "a\x00b",
    "\u202eévil 🦊 ß \ud7ff",
    "<script>alert(1)</script>",
]
SECRET = "Westmarch secret"

_GET_NAME = re.compile(
    r"""(?:GET|query)\.get\(\s*["'](\w+)["']|["'](\w+)["']\s+in\s+request\.GET"""
)
_GET_FORM = re.compile(r"(\w+Form)\(\s*request\.GET")


def _source(url: StaffUrl) -> str:
    try:
        return inspect.getsource(inspect.unwrap(url.callback))
    except (OSError, TypeError):
        return ""


def _form_fields(url: StaffUrl, source: str) -> set[str]:
    """The fields of the forms a view builds from ``request.GET``."""
    module = importlib.import_module(inspect.unwrap(url.callback).__module__)
    names = set()
    for form_name in _GET_FORM.findall(source):
        form_class = getattr(module, form_name, None) or next(
            (
                getattr(value, form_name)
                for value in vars(module).values()
                if inspect.ismodule(value) and hasattr(value, form_name)
            ),
            None,
        )
        if isinstance(form_class, type) and issubclass(form_class, forms.BaseForm):
            names |= set(form_class.base_fields)
    return names


def _helpers(url: StaffUrl) -> dict[str, str]:
    """The functions of the view's module that read ``request.GET`` and the ones those call
    (``compared_numbers(request.GET, ...)`` reads its parameters in a presenter), by name."""
    module = importlib.import_module(inspect.unwrap(url.callback).__module__)
    helpers = {}
    for name, value in vars(module).items():
        if inspect.isfunction(value):
            source = inspect.getsource(value)
            if ".GET" in source:
                helpers[name] = source
    return helpers


def searching_urls() -> list[tuple[StaffUrl, set[str]]]:
    """The URLs whose view (or a helper it calls) reads query parameters, and the parameters
    each reads."""
    found = []
    for url in STAFF_URLS + PUBLIC_URLS:
        source = _source(url)
        source += "".join(
            helper
            for name, helper in _helpers(url).items()
            if re.search(rf"\b{name}\(", source) and helper not in source
        )
        if ".GET" not in source:
            continue
        if "compared_numbers(" in source:
            source += inspect.getsource(compared_numbers)
        names = {a or b for a, b in _GET_NAME.findall(source)} | _form_fields(url, source)
        found.append((url, names | {"page", "q", "search", "status"}))
    return found


SEARCHING = searching_urls()


def test_the_search_pages_are_found():
    names = {url.name for url, _ in SEARCHING}

    assert {
        "proposals:list",
        "audit:entry_list",
        "audit:entry_export",
        "juries:pool",
        "panels:wave_results",
        "assessments:revisions",
    } <= names
    assert {"text", "category", "since", "until"} <= {
        url.name: params for url, params in SEARCHING
    }["audit:entry_list"]
    assert len(SEARCHING) >= 18


@pytest.mark.parametrize("value", HOSTILE, ids=lambda value: repr(value[:30]))
def test_hostile_query_parameters_never_fail_nor_leak(victim, outsider, value):
    ProposalFactory(organisation=outsider.organisation, owner=outsider.user, title=SECRET)
    AuditEntry.objects.create(
        actor=outsider.user,
        actor_name=SECRET,
        organisation=outsider.organisation,
        category=AuditEntry.Category.DECISION,
        action="proposals.proposal.changed",
        summary=SECRET,
        at=timezone.now(),
    )
    tokens = public_tokens(victim)
    staff = signed_in(victim.administrator.user, raise_request_exception=False)
    anonymous = Client(raise_request_exception=False)

    failures, answered = [], 0
    for url, names in SEARCHING:
        if url in PUBLIC_URLS:
            client, paths = anonymous, [public_path(url, tokens, victim)]
        else:
            client, paths = staff, staff_paths(url, victim)
        for path in paths:
            response = client.get(path, dict.fromkeys(names, value))
            body = b"".join(response) if response.streaming else response.content
            if response.status_code >= 500 or SECRET.encode() in body:
                failures.append(f"{response.status_code} {path} {sorted(names)}")
            answered += response.status_code == 200
    assert failures == []
    assert answered >= 10
