"""Fixtures for the attacker's tests: the project's shared fixtures (``client_for``, the check
that no background task failed) and the victim organisation with real objects of every kind
that the staff-area access test builds."""

from publicbenefit.common.tests.test_staff_area_access import outsider, victim
from publicbenefit.conftest import client_for, fresh_cache, no_failed_tasks

__all__ = ["client_for", "fresh_cache", "no_failed_tasks", "outsider", "victim"]
