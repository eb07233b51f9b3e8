"""Writes for Citizens' Panels, one module per part: ``setup`` (panels, margins, partners),
``recruitment`` (addresses, letters, sign-up, members' control) and ``waves`` (sending surveys,
reminders, the prize draw, feedback)."""
