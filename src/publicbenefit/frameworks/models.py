"""A version of an assessment framework, stored as the YAML text it was loaded from.

The shipped framework belongs to no organisation; a tailored version belongs to the organisation
that made it. The YAML is the record: the parsed framework is derived from it on demand.
"""

from functools import lru_cache

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publicbenefit.accounts.models import Organisation
from publicbenefit.core import Framework
from publicbenefit.data import load_framework


class FrameworkVersion(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="framework_versions",
        help_text=_("Empty for the framework shipped with the service."),
    )
    framework_id = models.CharField(max_length=100)
    version = models.CharField(max_length=50)
    title = models.CharField(max_length=300)
    yaml_text = models.TextField()
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["framework_id", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "framework_id", "version"],
                name="one_version_number_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["framework_id", "version"],
                condition=models.Q(organisation__isnull=True),
                name="one_shipped_version_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    @property
    def is_shipped(self) -> bool:
        return self.organisation_id is None

    @property
    def framework(self) -> Framework:
        """The parsed framework; the text was checked when the version was saved."""
        return _parsed(self.yaml_text)


@lru_cache(maxsize=64)
def _parsed(yaml_text: str) -> Framework:
    # A version's text never changes once used and the parsed framework is immutable, so one
    # parse (tens of milliseconds, with schema validation) serves every request.
    return load_framework(yaml_text)
