"""Writes for Distributed Dialogues: each checks the actor's capability first (for staff) or
the link's secret (for hosts), and refuses bad input with a ``ValidationError``."""
