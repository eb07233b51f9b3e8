"""Realistic demo data for a fictional area, Calderbrook, loaded by ``make demo``."""
