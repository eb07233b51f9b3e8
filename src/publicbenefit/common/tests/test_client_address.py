"""Rate limits on public pages count each client once: behind the trusted proxy by the address
it adds, never by one the client made up; an IPv6 client by its /64 network."""

from django.test import RequestFactory, override_settings

from publicbenefit.common.client_address import client_address

factory = RequestFactory()


def test_without_a_proxy_the_connection_counts_and_forwarded_headers_are_ignored():
    request = factory.get("/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_address(request) == "203.0.113.7"


@override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_behind_the_proxy_the_address_it_added_counts_not_the_clients_own():
    request = factory.get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7"
    )
    assert client_address(request) == "203.0.113.7"


def test_an_ipv6_client_is_counted_by_its_network():
    one = factory.get("/", REMOTE_ADDR="2001:db8:1:2::1")
    other = factory.get("/", REMOTE_ADDR="2001:db8:1:2:ffff::9")
    assert client_address(one) == client_address(other) == "2001:db8:1:2::/64"
