#!/usr/bin/env python
"""Django's command-line utility for a source checkout (the same as ``publicbenefit``)."""

from publicbenefit.cli import main

if __name__ == "__main__":
    main()
