"""Reads for Distributed Dialogues: the dialogues, their kit, events, write-ups with their
quality flags, coverage against targets and the outcome."""
