"""Distributed Dialogue: events that groups and individuals host themselves, with one kit of
framing questions and background, structured write-ups, coverage against targets, and the
outcome fed back to everyone who took part."""
