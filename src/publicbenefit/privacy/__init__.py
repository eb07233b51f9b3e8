"""People's rights over their personal data, shared by the panels, juries and dialogues apps:
"what we hold about you" as data (shown on screen and downloaded as JSON), the audit entry for
an erasure, and (later) retention periods."""
