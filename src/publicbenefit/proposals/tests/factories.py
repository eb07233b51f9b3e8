"""factory_boy factories for proposals, their parties and data items."""

import factory
from factory.django import DjangoModelFactory

from publicbenefit.accounts.tests.factories import OrganisationFactory, UserFactory
from publicbenefit.proposals.lawful_basis import Article6
from publicbenefit.proposals.models import DataItem, Party, Proposal


class ProposalFactory(DjangoModelFactory):
    class Meta:
        model = Proposal

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Linking housing and hospital discharge data {n}")
    summary = "Share discharge dates with housing officers so that homes are ready."
    purpose = "People are discharged to homes that are not safe for them."
    data_subjects = "Adults discharged from hospital"
    data_subject_count = 4200
    article_6_basis = Article6.PUBLIC_TASK
    retention = "Two years, then deleted"
    owner = factory.SubFactory(UserFactory)
    created_by = factory.SelfAttribute("owner")


class PartyFactory(DjangoModelFactory):
    class Meta:
        model = Party

    proposal = factory.SubFactory(ProposalFactory)
    name = "Calderbrook Teaching Hospitals NHS Foundation Trust"
    role = Party.Role.SHARES


class DataItemFactory(DjangoModelFactory):
    class Meta:
        model = DataItem

    proposal = factory.SubFactory(ProposalFactory)
    name = "Date of discharge"
    category = DataItem.Category.PERSONAL
    source = "Patient administration system"
    linked = False
