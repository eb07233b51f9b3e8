"""Counting wrong tries at a public page (a letter code, a sign-up code), so that codes cannot be
guessed by trying them all: at most ``limit`` wrong tries from one client address in ``window``.

The count starts with the first wrong try and is forgotten ``window`` after it. It lives in
Django's cache, under a hash of the address (the cache holds no address in the clear); with
several web processes the cache must be shared between them (production uses the database cache)
for the limit to hold across processes.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class WrongTries:
    """The wrong tries at one kind of code, named by ``scope``."""

    scope: str
    limit: int = 10
    window: datetime.timedelta = datetime.timedelta(minutes=15)

    def _key(self, address: str) -> str:
        return f"{self.scope}:wrong-tries:{hashlib.sha256(address.encode()).hexdigest()}"

    def blocked(self, address: str) -> bool:
        """Whether ``address`` has used up its wrong tries for now."""
        return int(cache.get(self._key(address), 0)) >= self.limit

    def record(self, address: str) -> int:
        """Count a wrong try from ``address``; returns how many it has made in the window."""
        key = self._key(address)
        timeout = int(self.window.total_seconds())
        # add() starts the window on the first wrong try; incr() keeps the window's end.
        cache.add(key, 0, timeout=timeout)
        try:
            return int(cache.incr(key))
        except ValueError:
            # The entry expired between add() and incr(): this try starts a new window.
            cache.set(key, 1, timeout=timeout)
            return 1
