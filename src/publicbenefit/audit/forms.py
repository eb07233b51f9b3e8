"""The search form on the audit trail page (a GET form: a search is a link that can be shared)."""

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from publicbenefit.audit.models import AuditEntry
from publicbenefit.audit.selectors import AuditSearch


class AuditSearchForm(forms.Form):
    text = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Words from the summary, an action, a person's name, an id or an address"),
    )
    category = forms.ChoiceField(
        label=_("Kind of action"),
        required=False,
        choices=[("", _("All kinds")), *AuditEntry.Category.choices],
    )
    since = forms.DateField(
        label=_("From (YYYY-MM-DD)"),
        required=False,
        error_messages={"invalid": _("Enter the first day as a date, like 2026-11-01")},
    )
    until = forms.DateField(
        label=_("To (YYYY-MM-DD)"),
        required=False,
        error_messages={"invalid": _("Enter the last day as a date, like 2026-11-30")},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since: date | None = cleaned.get("since")
        until: date | None = cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The last day must be the same as or after the first day"))
        return cleaned

    def search(self) -> AuditSearch:
        """What the form asks for; an invalid form searches for everything."""
        if not self.is_valid():
            return AuditSearch()
        return AuditSearch(
            text=self.cleaned_data["text"].strip(),
            category=self.cleaned_data["category"],
            since=self.cleaned_data["since"],
            until=self.cleaned_data["until"],
        )
