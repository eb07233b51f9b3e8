"""One entry in the audit trail, which can be added to and never changed.

The trail must outlive what it records: an entry keeps the ids and a snapshot of the names of
the person and organisation, with no foreign-key constraint, so deleting a user, an
organisation or the object itself neither deletes the entry nor needs to change it. It holds no
personal data of the public: objects are named by pseudonym or title, never by a resident's name,
email or address.

Append-only is enforced twice: here (``save`` of an existing entry, ``delete`` and the queryset's
``update`` and ``delete`` raise ``AppendOnlyError``) and, on PostgreSQL, by a trigger that
refuses any ``UPDATE`` or ``DELETE`` (migration 0002), so that not even raw SQL through the
application's connection changes the trail. Only the retention task may delete entries past
their retention period, by setting ``publicbenefit.audit_retention`` for its transaction.
"""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """An attempt to change or delete an audit entry."""


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    """Who did what, to what, when and from where."""

    class Category(models.TextChoices):
        PERSONAL_DATA_READ = "personal_read", _("Read personal data")
        PERSONAL_DATA_CHANGE = "personal_change", _("Changed personal data")
        ASSESSMENT = "assessment", _("Assessment")
        DECISION = "decision", _("Decision")
        QUOTA = "quota", _("Quotas")
        DRAW = "draw", _("Draw")
        ACCESS = "access", _("Access and roles")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    category = models.CharField(max_length=20, choices=Category.choices, db_index=True)
    #: What was done, as ``app.object.verb``: ``panels.member.viewed``.
    action = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    #: A plain-English line naming the object without a resident's personal data.
    summary = models.CharField(max_length=300)
    #: Where the request came from (the client address as the rate limits count it).
    client_address = models.CharField(max_length=64, blank=True)
    details = models.JSONField(default=dict, blank=True)

    objects: ClassVar[models.Manager["AuditEntry"]] = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-at"])]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name}: {self.summary}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit entries cannot be deleted.")
