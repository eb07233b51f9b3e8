"""Counting tries of one kind at a public page, so that they cannot go on for ever: at most
``limit`` in ``window`` from one key (a client address, or an email address asking for a link).

Wrong letter or sign-up codes are counted so that codes cannot be guessed by trying them all;
requests for a new link are counted so that nobody can flood a member's inbox. The count starts
with the first try and is forgotten ``window`` after it. It lives in Django's cache, under a hash
of the key (the cache holds no address in the clear); with several web processes the cache must be
shared between them (production uses the database cache) for the limit to hold across processes.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class TryLimit:
    """The tries of one kind (a wrong code, a request for a link), named by ``scope``."""

    scope: str
    limit: int = 10
    window: datetime.timedelta = datetime.timedelta(minutes=15)

    def _key(self, address: str) -> str:
        return f"{self.scope}:tries:{hashlib.sha256(address.encode()).hexdigest()}"

    def blocked(self, address: str) -> bool:
        """Whether ``address`` has used up its tries for now."""
        return int(cache.get(self._key(address), 0)) >= self.limit

    def record(self, address: str) -> int:
        """Count a try from ``address``; returns how many it has made in the window."""
        key = self._key(address)
        timeout = int(self.window.total_seconds())
        # add() starts the window on the first try; incr() keeps the window's end.
        cache.add(key, 0, timeout=timeout)
        try:
            return int(cache.incr(key))
        except ValueError:
            # The entry expired between add() and incr(): this try starts a new window.
            cache.set(key, 1, timeout=timeout)
            return 1
