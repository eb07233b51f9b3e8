"""Framework versions: the shipped Data for Public Benefit framework and each organisation's
tailored versions of it, immutable once an assessment has used them."""
