"""The ``publicbenefit`` console command.

``publicbenefit assess answers.yaml [--framework file.yaml] [--json]`` scores an answers file with
the core alone: it is dispatched before Django is set up, so it needs no database or settings.

``publicbenefit COMMAND ...`` runs a Django management command (``migrate``, ``runserver``,
``demo_load``, ``db_worker`` and the others) with the local settings unless
``DJANGO_SETTINGS_MODULE`` says otherwise.
"""

import os
import sys

from publicbenefit import __version__


def main(argv: list[str] | None = None) -> None:
    """Run the command line given in ``argv`` (``sys.argv`` by default)."""
    arguments = list(sys.argv if argv is None else argv)
    if arguments[1:2] in (["--version"], ["version"]):
        print(f"publicbenefit {__version__}")  # noqa: T201
        return
    if arguments[1:2] == ["assess"]:
        # Imported here, and before any Django set-up, so that scoring needs no settings.
        from publicbenefit.commands.assess import main as assess  # noqa: PLC0415

        sys.exit(assess(arguments[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "publicbenefit.settings.local")
    from django.core.management import execute_from_command_line  # noqa: PLC0415

    execute_from_command_line(["publicbenefit", *arguments[1:]])


if __name__ == "__main__":
    main()
