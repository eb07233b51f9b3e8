"""Keeps survey links' secrets out of the logs.

Django logs every response of 400 or more (``django.request``: "Gone: /s/<secret>/") and the
development server logs every request line (``django.server``). A filter on both loggers
replaces the secret in any ``/s/<secret>/`` path with ``[link]`` before a handler sees the record,
and drops the request object that handlers (the error email) would otherwise print in full.
"""

import logging
import re

#: A survey link's path segment: anything after ``/s/`` but the letter-code page.
_SECRET = re.compile(r"/s/(?!code/)[^/\s?\"']+")
LOGGERS = ("django.request", "django.server", "django.security.csrf")


class RedactSurveyLinks(logging.Filter):
    """Rewrites a record's message so that survey links' secrets do not appear in it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/s/" in message:
            record.msg = _SECRET.sub("/s/[link]", message)
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
