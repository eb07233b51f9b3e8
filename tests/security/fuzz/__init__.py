"""Helpers for the importers' fuzz tests: hostile file contents, and the checks that a refused
file changed nothing and an accepted one holds only what every supported database can store."""
