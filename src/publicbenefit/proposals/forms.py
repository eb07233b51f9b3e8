"""Forms for recording a proposal, its parties and data items, and moving its status."""

from typing import Any

from crispy_forms_gds.layout import HTML, Field, Fieldset, Fixed, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from publicbenefit.accounts.models import Organisation, User
from publicbenefit.common.forms import BaseForm, BaseModelForm, GovukDateField
from publicbenefit.proposals.lawful_basis import Article6, Article9
from publicbenefit.proposals.models import EDITABLE_FIELDS, OWNER_ROLES, DataItem, Party, Proposal


class ProposalForm(BaseModelForm):
    page_title = _("Record a data-sharing proposal")
    submit_text = _("Save proposal")

    review_date = GovukDateField(
        subject=_("Review date"),
        label=_("Review date"),
        required=False,
        help_text=_("When the share should be looked at again. For example, 31 3 2027"),
    )

    class Meta:
        model = Proposal
        # The review date has its own GOV.UK date field above.
        fields = [name for name in EDITABLE_FIELDS if name != "review_date"]
        labels = {
            "title": _("Title"),
            "summary": _("Summary in plain English"),
            "purpose": _("Purpose, and the problem it addresses"),
            "data_subjects": _("Whose data is it?"),
            "data_subject_count": _("Roughly how many people? (optional)"),
            "article_6_basis": _("Lawful basis under UK GDPR Article 6"),
            "article_9_condition": _("Condition for special category data (Article 9)"),
            "article_10_condition": _("Condition for criminal offence data (Article 10)"),
            "consent_sought": _("People's consent will be sought"),
            "predictive_modelling": _("Individual-level predictive modelling is involved"),
            "automated_decisions": _("Automated decisions about individuals are involved"),
            "punitive_use": _("The data could be used punitively against individuals"),
            "targets_at_risk_groups": _("It targets groups seen as 'at risk'"),
            "retention": _("How long will the data be kept?"),
        }
        help_texts = {
            "summary": _("Two or three sentences a resident would understand."),
            "data_subjects": _("For example: adults discharged from Calderbrook hospitals."),
            "article_9_condition": _("Only if special category data (such as health) is shared."),
            "article_10_condition": _(
                "Only if criminal offence data is shared: the Data Protection Act 2018 "
                "Schedule 1 condition, or official authority."
            ),
            "retention": _("For example: 2 years after the end of the pilot, then deleted."),
        }
        error_messages = {
            "title": {"required": _("Enter a title")},
            "summary": {"required": _("Enter a summary in plain English")},
            "purpose": {"required": _("Enter the purpose and the problem it addresses")},
            "data_subjects": {"required": _("Enter whose data it is")},
            "data_subject_count": {"invalid": _("Number of people must be a whole number")},
            "article_6_basis": {"required": _("Select the lawful basis under Article 6")},
            "retention": {"required": _("Enter how long the data will be kept")},
        }
        widgets = {
            "article_6_basis": forms.RadioSelect,
            "article_9_condition": forms.Select,
        }

    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=User.objects.none(),
        help_text=_(
            "The proposer or administrator in your organisation answerable for the proposal."
        ),
        error_messages={
            "required": _("Select the owner"),
            "invalid_choice": _(
                "Select a proposer or administrator of your organisation as the owner"
            ),
        },
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(
            memberships__organisation=organisation, memberships__role__in=OWNER_ROLES
        ).order_by("full_name")
        if self.instance.pk:
            self.initial["owner"] = self.instance.owner_id
        self.fields["article_6_basis"].choices = Article6.choices
        self.fields["article_9_condition"].choices = [("", _("None")), *Article9.choices]
        if self.instance.pk and self.instance.review_date:
            self.initial["review_date"] = self.instance.review_date
        self.fields["review_date"].initial = self.initial.get("review_date")

    def layout_fields(self) -> list[Any]:
        return [
            Fieldset(
                Field.text("title"),
                Field.textarea("summary", rows=3),
                Field.textarea("purpose", rows=5),
                legend=_("About the proposal"),
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.textarea("data_subjects", rows=2),
                Field.text("data_subject_count", field_width=Fixed.TEN),
                legend=_("Whose data"),
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.radios("article_6_basis", small=True),
                Field.select("article_9_condition"),
                Field.text("article_10_condition"),
                legend=_("Lawful basis"),
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                HTML.p(_("Select all that apply.")),
                Field.checkbox("consent_sought", small=True),
                Field.checkbox("predictive_modelling", small=True),
                Field.checkbox("automated_decisions", small=True),
                Field.checkbox("punitive_use", small=True),
                Field.checkbox("targets_at_risk_groups", small=True),
                legend=_("How the data is used"),
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.select("owner"),
                Field.text("retention"),
                Field("review_date"),
                legend=_("Owner, retention and review"),
                legend_size=Size.MEDIUM,
            ),
        ]

    def service_fields(self) -> dict[str, Any]:
        """The cleaned values, ready for ``proposal_create`` or ``proposal_update``."""
        return dict(self.cleaned_data)


class ProposalEditForm(ProposalForm):
    page_title = _("Change the proposal")
    submit_text = _("Save changes")


class PartyForm(BaseModelForm):
    page_title = _("Add an organisation")
    submit_text = _("Add organisation")

    class Meta:
        model = Party
        fields = ["name", "role"]
        labels = {"name": _("Organisation name"), "role": _("What does it do in the share?")}
        error_messages = {
            "name": {"required": _("Enter the organisation's name")},
            "role": {"required": _("Select what the organisation does in the share")},
        }
        widgets = {"role": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = Party.Role.choices

    def layout_fields(self) -> list[Any]:
        return [Field.text("name"), Field.radios("role", legend_size=Size.SMALL)]


class DataItemForm(BaseModelForm):
    page_title = _("Add a data item")
    submit_text = _("Add data item")

    class Meta:
        model = DataItem
        fields = ["name", "category", "source", "linked"]
        labels = {
            "name": _("Data item"),
            "category": _("Category"),
            "source": _("Where does it come from?"),
            "linked": _("It will be linked with other datasets"),
        }
        help_texts = {
            "name": _("For example: date of hospital discharge."),
            "source": _("The system or dataset, for example: hospital patient administration."),
        }
        error_messages = {
            "name": {"required": _("Enter the data item")},
            "category": {"required": _("Select the category of the data")},
            "source": {"required": _("Enter where the data comes from")},
        }
        widgets = {"category": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = DataItem.Category.choices

    def layout_fields(self) -> list[Any]:
        return [
            Field.text("name"),
            Field.radios("category", legend_size=Size.SMALL, small=True),
            Field.text("source"),
            Field.checkbox("linked", small=True),
        ]


class StatusChangeForm(BaseForm):
    page_title = _("Change the status")
    submit_text = _("Change status")

    to_status = forms.ChoiceField(
        label=_("New status"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the new status"),
            "invalid_choice": _("Select the new status"),
        },
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why you are changing it. Needed when withdrawing a proposal."),
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = choices

    def layout_fields(self) -> list[Any]:
        return [Field.radios("to_status", legend_size=Size.SMALL), Field.textarea("note")]
