"""Staff accounts: people, the organisations they belong to, their roles, and invitations."""
