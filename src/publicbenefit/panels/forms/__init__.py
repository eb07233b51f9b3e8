"""Forms for Citizens' Panels, one module per part."""
