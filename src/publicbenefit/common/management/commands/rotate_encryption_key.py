"""``publicbenefit rotate_encryption_key``: re-encrypt every stored contact detail under the
newest key in ``PUBLICBENEFIT_ENCRYPTION_KEYS``, with its blind index recomputed.

Run it after putting a new key first in the list (the old key still listed after it) and
restarting the service; drop the old key once it reports nothing left to do. It works in short
batches while the service runs (both keys decrypt meanwhile), is safe to run again, and carries
on where it stopped if interrupted. See docs/operators.md, "Encryption keys".
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from publicbenefit.common.crypto.fields import encrypted_fields
from publicbenefit.common.crypto.keys import keyring
from publicbenefit.common.crypto.rotation import BATCH_SIZE, columns_of, rotate


class Command(BaseCommand):
    help = "Re-encrypt the public's contact details under the newest encryption key."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=f"Rows per transaction (default {BATCH_SIZE}).",
        )

    def handle(self, *args: Any, batch_size: int, **options: Any) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be 1 or more.")
        ring = keyring()  # a missing or malformed key stops here, with the reason
        self.stdout.write(f"{len(ring.keys)} key(s) configured; encrypting under the newest.")
        failed: list[str] = []
        rewritten = current = 0
        for model, fields in encrypted_fields():
            tally = rotate(columns_of(model, [f.name for f in fields]), batch_size=batch_size)
            rewritten += tally.rewritten
            current += tally.current
            failed.extend(tally.failed)
            self.stdout.write(
                f"{model._meta.label}: {tally.rewritten} re-encrypted, "
                f"{tally.current} already under the newest key, {tally.empty} empty."
            )
        if failed:
            shown = ", ".join(failed[:20]) + (" ..." if len(failed) > 20 else "")
            raise CommandError(
                f"{len(failed)} value(s) could not be decrypted with any configured key and were "
                f"left as they are: {shown}. Check PUBLICBENEFIT_ENCRYPTION_KEYS lists every key "
                "in use, then run the command again."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {rewritten} value(s) re-encrypted, {current} already current. "
                "Every value is now under the newest key: older keys may be removed."
            )
        )
