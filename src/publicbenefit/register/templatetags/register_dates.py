"""Show the open data's ISO dates (``2026-10-01``) the GOV.UK way (``1 October 2026``)."""

import datetime

from django import template
from django.utils import dateformat

register = template.Library()


@register.filter
def long_date(value: object) -> str:
    """An ISO date (or the date part of an ISO date-time) as "1 October 2026"; anything else
    as it is."""
    if not isinstance(value, str) or not value:
        return "" if value is None else str(value)
    try:
        day = datetime.date.fromisoformat(value[:10])
    except ValueError:
        return value
    return dateformat.format(day, "j F Y")
