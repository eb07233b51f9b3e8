"""The ``publicbenefit`` console command.

``publicbenefit assess answers.yaml [--framework file.yaml] [--json]`` scores an answers file with
the core alone: it is dispatched before Django is set up, so it needs no database or settings.
``publicbenefit weight respondents.csv --margins margins.csv --out weights.csv`` rakes survey
respondents to population margins, also with the core alone.

``publicbenefit select --people people.csv --quotas quotas.csv --size K ...`` computes the fairest
jury lottery and, with ``--seed``, draws a jury; it too runs before Django is set up.

``publicbenefit COMMAND ...`` runs a Django management command (``migrate``, ``runserver``,
``demo_load``, ``db_worker`` and the others) with the local settings unless
``DJANGO_SETTINGS_MODULE`` says otherwise.
"""

import importlib
import os
import sys

from publicbenefit import __version__

#: The sub-commands that run on the core alone, and the module whose ``main`` runs each.
CORE_COMMANDS = {
    "acceptability": "publicbenefit.commands.acceptability",
    "assess": "publicbenefit.commands.assess",
    "select": "publicbenefit.commands.select",
    "weight": "publicbenefit.commands.weight",
}


def main(argv: list[str] | None = None) -> None:
    """Run the command line given in ``argv`` (``sys.argv`` by default)."""
    arguments = list(sys.argv if argv is None else argv)
    if arguments[1:2] in (["--version"], ["version"]):
        print(f"publicbenefit {__version__}")  # noqa: T201
        return
    if arguments[1:2] and arguments[1] in CORE_COMMANDS:
        # Imported here, and before any Django set-up: these run on the core alone, with no
        # settings or database.
        command = importlib.import_module(CORE_COMMANDS[arguments[1]])
        sys.exit(command.main(arguments[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "publicbenefit.settings.local")
    from django.core.management import execute_from_command_line  # noqa: PLC0415

    execute_from_command_line(["publicbenefit", *arguments[1:]])


if __name__ == "__main__":
    main()
