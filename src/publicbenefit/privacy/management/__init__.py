"""Management commands for privacy."""
