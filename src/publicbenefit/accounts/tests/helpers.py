"""Helpers for reading what the service sends and shows: links in emails, page titles."""

import html
import re
from urllib.parse import urlsplit

from django.core.mail import EmailMessage

#: What a browser posts for a form that is only a button (besides the CSRF token, which the
#: test client does not need): the button's name with an empty value.
BUTTON = {"submit": ""}

_LINK = re.compile(r"https?://\S+")
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
_SUMMARY = re.compile(r'<ul class="[^"]*govuk-error-summary__list[^"]*">(.*?)</ul>', re.DOTALL)
_SUMMARY_ITEM = re.compile(r"<li>\s*<a [^>]*>(.*?)</a>\s*</li>", re.DOTALL)
_FIELD_ERROR = re.compile(
    r'<[a-z]+ [^>]*class="govuk-error-message"[^>]*>\s*'
    r'<span class="govuk-visually-hidden">Error:</span>(.*?)</[a-z]+>',
    re.DOTALL,
)
_HEADING = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)


def link_in(message: EmailMessage) -> str:
    """The one web address in an email's body."""
    links = _LINK.findall(message.body)
    assert len(links) == 1, f"expected one link in the email, found {links}"
    return links[0]


def path_in(message: EmailMessage) -> str:
    """The path of the one link in an email, to open with the test client."""
    return urlsplit(link_in(message)).path


def token_in(message: EmailMessage) -> str:
    """The secret at the end of an invitation link."""
    return path_in(message).rstrip("/").rsplit("/", 1)[-1]


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def page_title(content: bytes) -> str:
    """The text of a page's <title>."""
    match = _TITLE.search(content.decode())
    assert match is not None, "the page has no <title>"
    return _text(match.group(1))


def page_heading(content: bytes) -> str:
    """The text of a page's one <h1>."""
    headings = _HEADING.findall(content.decode())
    assert len(headings) == 1, f"expected one <h1>, found {headings}"
    return _text(headings[0])


def error_summary(content: bytes) -> list[str]:
    """The messages listed in a page's GOV.UK error summary (empty if it has none)."""
    page = content.decode()
    match = _SUMMARY.search(page)
    if match is None:
        return []
    assert "There is a problem" in page
    return [_text(item) for item in _SUMMARY_ITEM.findall(match.group(1))]


def field_errors(content: bytes) -> list[str]:
    """The error messages shown next to fields."""
    return [_text(error) for error in _FIELD_ERROR.findall(content.decode())]
