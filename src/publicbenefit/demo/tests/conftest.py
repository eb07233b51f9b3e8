"""The demo loaded once per test module rather than once per test: it takes seconds (a panel of
1,200 members and its waves), and most demo tests only read it.

``demo_once`` loads it inside a transaction that is rolled back after the module's last test;
each test still runs in its own savepoint, so what one test changes (deleting a plan, changing a
password) is undone before the next. A module that uses it must use it in every test, since the
loaded demo stays in place until the module ends; tests of a first load on an empty database
live in their own module.
"""

from collections.abc import Iterator

import pytest
from django.db import transaction

from publicbenefit.demo import services


@pytest.fixture(scope="module")
def demo_once(django_db_setup: None, django_db_blocker) -> Iterator[services.DemoLoaded]:
    with django_db_blocker.unblock(), transaction.atomic():
        loaded = services.demo_load()
        yield loaded
        transaction.set_rollback(True)
