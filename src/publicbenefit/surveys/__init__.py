"""Surveys: questions of every kind a public survey needs, built by staff, answered by the
public through a single-use link, one question per page, with check-your-answers and
save-and-come-back-later. Used by the Citizens' Panel's waves, and built to serve the jury and
dialogue events too."""
