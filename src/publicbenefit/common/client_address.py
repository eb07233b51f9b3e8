"""The address a public request comes from, for rate limits.

Behind the one trusted proxy that terminates TLS (``SECURE_PROXY_SSL_HEADER`` set), that is the
last address the proxy added to ``X-Forwarded-For``: earlier entries come from the client and
could be made up. Otherwise it is the connection's. An IPv6 address is counted by its /64
network, because one household or device is given a whole /64 and could otherwise try from
each of its addresses in turn.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address (or, for IPv6, the /64 network) to count a public request against."""
    address = ""
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        address = forwarded.rsplit(",", 1)[-1].strip()
    address = address or str(request.META.get("REMOTE_ADDR") or "")
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)
