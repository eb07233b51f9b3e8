"""Template filters for the register's pages."""
