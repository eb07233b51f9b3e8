"""Management commands shared by the whole project: ``rotate_encryption_key``."""
