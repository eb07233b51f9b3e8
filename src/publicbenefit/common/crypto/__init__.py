"""Encryption at rest of the public's contact details.

``keys`` reads and checks the keys (``PUBLICBENEFIT_ENCRYPTION_KEYS``), ``fields`` holds the
model fields that encrypt a value on its way to the database and decrypt it on its way back,
and ``rotation`` re-encrypts stored values under the newest key (the
``rotate_encryption_key`` command and the migrations that first encrypted existing rows).
"""
