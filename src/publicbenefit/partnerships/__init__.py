"""Assessing a proposal with partner organisations: inviting them, the divergence view that
ranks "the point to negotiate", the agreed position on each question, and the leadership
decisions still needed."""
