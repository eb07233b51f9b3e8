"""The UK GDPR conditions a proposal can rely on: Article 6 for any personal data, Article 9
for special category data, and Article 10 (with the Data Protection Act 2018, Schedule 1) for
criminal offence data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Article6(models.TextChoices):
    CONSENT = "6_1_a", _("6(1)(a) Consent")
    CONTRACT = "6_1_b", _("6(1)(b) Contract")
    LEGAL_OBLIGATION = "6_1_c", _("6(1)(c) Legal obligation")
    VITAL_INTERESTS = "6_1_d", _("6(1)(d) Vital interests")
    PUBLIC_TASK = "6_1_e", _("6(1)(e) Public task")
    LEGITIMATE_INTERESTS = "6_1_f", _("6(1)(f) Legitimate interests")


class Article9(models.TextChoices):
    EXPLICIT_CONSENT = "9_2_a", _("9(2)(a) Explicit consent")
    EMPLOYMENT_SOCIAL_PROTECTION = (
        "9_2_b",
        _("9(2)(b) Employment, social security and social protection law"),
    )
    VITAL_INTERESTS = "9_2_c", _("9(2)(c) Vital interests")
    NOT_FOR_PROFIT = "9_2_d", _("9(2)(d) Not-for-profit bodies")
    MADE_PUBLIC = "9_2_e", _("9(2)(e) Made public by the data subject")
    LEGAL_CLAIMS = "9_2_f", _("9(2)(f) Legal claims or judicial acts")
    SUBSTANTIAL_PUBLIC_INTEREST = "9_2_g", _("9(2)(g) Reasons of substantial public interest")
    HEALTH_SOCIAL_CARE = "9_2_h", _("9(2)(h) Health or social care")
    PUBLIC_HEALTH = "9_2_i", _("9(2)(i) Public health")
    ARCHIVING_RESEARCH = "9_2_j", _("9(2)(j) Archiving, research and statistics")
