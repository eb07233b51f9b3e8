"""The public register: which proposals are published on it, since when and by whom.

A proposal is on the register only once it has been published there (an entry exists and has
not been withdrawn). The entry records the staff member who published it for the audit trail
and the staff pages; the public pages, files and feed never show who that was.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from publicbenefit.proposals.models import Proposal


class RegisterEntry(models.Model):
    """A proposal published on the public register."""

    proposal = models.OneToOneField(
        Proposal, on_delete=models.CASCADE, related_name="register_entry"
    )
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    #: Set when the proposal is taken off the register; publishing again clears it.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name_plural = "register entries"

    def __str__(self) -> str:
        return f"{self.proposal} on the register"

    @property
    def is_live(self) -> bool:
        """Whether the proposal is on the register now."""
        return self.withdrawn_at is None
