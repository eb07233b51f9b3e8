"""A small throttle on wrong letter codes: at most ``LIMIT`` wrong tries from one client address
in ``WINDOW``, counted in Django's cache, so that codes cannot be guessed by trying them all.

The count starts with the first wrong try and is forgotten ``WINDOW`` after it. With several web
processes the cache must be shared between them (the database or Redis cache) for the limit to
hold across processes.
"""

import datetime
import hashlib

from django.core.cache import cache
from django.http import HttpRequest

from publicbenefit.common.client_address import client_address as common_client_address

LIMIT = 10
WINDOW = datetime.timedelta(minutes=15)
_PREFIX = "surveys:letter-code-tries:"


def client_address(request: HttpRequest) -> str:
    """The address the request came from (see ``common.client_address``)."""
    return common_client_address(request)


def _key(address: str) -> str:
    # Hashed so that the cache holds no client address in the clear.
    return _PREFIX + hashlib.sha256(address.encode()).hexdigest()


def is_blocked(address: str) -> bool:
    """Whether ``address`` has used up its wrong tries for now."""
    return int(cache.get(_key(address), 0)) >= LIMIT


def record_wrong_try(address: str) -> int:
    """Count a wrong try from ``address``; returns how many it has made in the window."""
    key = _key(address)
    cache.add(key, 0, timeout=int(WINDOW.total_seconds()))
    try:
        return int(cache.incr(key))
    except ValueError:
        # The entry expired between add() and incr(): this try starts a new window.
        cache.set(key, 1, timeout=int(WINDOW.total_seconds()))
        return 1
