"""Console commands that run on the core alone, without Django or a database.

``publicbenefit.cli`` dispatches to these before it sets up Django, so they start quickly and
work where no database has been configured.
"""
