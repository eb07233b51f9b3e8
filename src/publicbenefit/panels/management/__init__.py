"""Management commands for Citizens' Panels."""
