"""The domain of publicbenefit in plain Python.

Nothing under this package imports Django or the web layer (an import-linter contract in
``make test`` enforces it), so the framework, scoring, selection and weighting can be used as a
library, from the ``publicbenefit`` command line, and tested in milliseconds.
"""
