"""Reads for Citizens' Panels, one module per part (``margins`` is shared by all of them)."""
