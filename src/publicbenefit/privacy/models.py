"""What the retention task erased: one report per organisation each time it erased anything,
with the number of records of each kind and the periods it applied. The reports hold counts
only, never who was erased."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publicbenefit.accounts.models import Organisation


class RetentionReport(models.Model):
    """The records of one organisation erased in one run of ``retention_apply``."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="retention_reports"
    )
    ran_at = models.DateTimeField(default=timezone.now, db_index=True)
    #: How the run was started: "command" or "task".
    started_by = models.CharField(max_length=20)
    #: Kind -> number of records erased: ``{"panel_leavers": 3, ...}``.
    erased = models.JSONField(default=dict)
    #: Kind -> retention period in days, as configured for the run.
    periods = models.JSONField(default=dict)

    class Meta:
        ordering = ["-ran_at", "-pk"]
        verbose_name = _("retention report")

    def __str__(self) -> str:
        return f"{self.organisation}: retention {self.ran_at:%Y-%m-%d %H:%M}"
