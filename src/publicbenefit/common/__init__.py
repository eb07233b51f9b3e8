"""What every page shares: the GOV.UK page template, the one ``BaseForm``, error pages and the
service's start page."""
