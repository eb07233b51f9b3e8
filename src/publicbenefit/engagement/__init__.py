"""Engagement planning: screening a proposal for the depth of public engagement it needs, choosing
methods, tailoring research questions, the engagement plan and the timing guard."""
