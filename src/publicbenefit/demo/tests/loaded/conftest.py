"""The demo loaded once for this whole package rather than once per test: it takes a while (a
panel of 1,200 members and its waves), and the demo tests only read it or load it again.

``demo_once`` loads it inside a transaction that is rolled back after the package's last test;
each test still runs in its own savepoint, so what one test changes (deleting a plan, changing a
password) is undone before the next. Every test in this package must use it, since the loaded
demo stays in place until the package ends, and every module here is marked
``xdist_group("demo")`` so that one worker runs them all and loads the demo once (``make test``
runs with ``--dist loadgroup``). The test of a first load on an empty database lives outside
this package.
"""

from collections.abc import Iterator

import pytest
from django.db import transaction

from publicbenefit.demo import services


@pytest.fixture(scope="package")
def demo_once(django_db_setup: None, django_db_blocker) -> Iterator[services.DemoLoaded]:
    with django_db_blocker.unblock(), transaction.atomic():
        loaded = services.demo_load()
        yield loaded
        transaction.set_rollback(True)
