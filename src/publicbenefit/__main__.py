"""Allows ``python -m publicbenefit``, the same as the ``publicbenefit`` command."""

from publicbenefit.cli import main

main()
