"""Assessing a proposal against a framework version: answers with justifications and
evidence, the band that explains itself, submitted revisions and comments."""
