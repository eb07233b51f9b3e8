"""Pages for Distributed Dialogues: staff pages and public ones."""
