"""Keeps public links' secrets out of the logs: survey links (``/s/<secret>/``), panel members'
manage links (``/panel/me/<secret>/``), community partners' sign-up links
(``/panel/join/p/<secret>/``), letter codes in sign-up links (``/panel/join/<code>/``), jurors'
pages (``/jury/juror/<secret>/``), jury volunteer forms (``/jury/<secret>/volunteer/``), dialogue
hosts' pages (``/dialogue/host/<secret>/``) and dialogues' public pages (``/dialogue/<secret>/``).

Django logs every response of 400 or more (``django.request``: "Gone: /s/<secret>/") and the
development server logs every request line (``django.server``). A filter on both loggers
replaces the secret with ``[link]`` before a handler sees the record, and drops the request
object that handlers (the error email) would otherwise print in full.
"""

import logging
import re

#: The secret path segment of each kind of public link (the fixed pages beside them excepted).
_SECRET = re.compile(
    r"(/s/(?!code/)|/panel/me/(?!erased/)|/panel/join/p/"
    r"|/panel/join/(?!about/|questions/|check/|done/|p/)"
    r"|/jury/juror/|/jury/(?!juror/|\d+/)|/dialogue/host/|/dialogue/(?!host/))[^/\s?\"']+"
)
LOGGERS = ("django.request", "django.server", "django.security.csrf")


class RedactSurveyLinks(logging.Filter):
    """Rewrites a record's message so that public links' secrets do not appear in it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(part in message for part in ("/s/", "/panel/", "/jury/", "/dialogue/")):
            record.msg = _SECRET.sub(lambda match: f"{match[1]}[link]", message)
            record.args = ()
            if hasattr(record, "request"):
                record.request = None
        return True


def install() -> None:
    """Put the filter on the loggers that print request paths (once)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(each, RedactSurveyLinks) for each in logger.filters):
            logger.addFilter(RedactSurveyLinks())
