"""Pages for Citizens' Panels, one module per part: ``setup``, ``recruitment`` (staff and
public), ``waves`` (sending and results)."""
