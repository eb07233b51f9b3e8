"""The limit on wrong letter codes typed at ``/s/code/``: at most ``LIMIT`` wrong tries from one
client address in ``WINDOW`` (``common.throttle`` counts them)."""

from publicbenefit.common.client_address import client_address
from publicbenefit.common.throttle import TryLimit

LETTER_CODES = TryLimit("surveys:letter-code")
LIMIT = LETTER_CODES.limit
WINDOW = LETTER_CODES.window

is_blocked = LETTER_CODES.blocked
record_wrong_try = LETTER_CODES.record

__all__ = ["LIMIT", "WINDOW", "client_address", "is_blocked", "record_wrong_try"]
