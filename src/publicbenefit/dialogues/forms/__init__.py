"""Forms for Distributed Dialogues."""
