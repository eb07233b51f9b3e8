"""Django settings, one module per place the service runs: ``local`` (a developer's or a
single council's machine), ``test`` (the test suite) and ``production``. All of them build on
``base``; everything read from the environment is read in ``environment``."""
