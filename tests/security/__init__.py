"""An attacker's test suite: CSRF, stored XSS, CSV formula injection, hostile search input and
token attacks, against every page the URL conf has."""
