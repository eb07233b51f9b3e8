"""publicbenefit: decide whether a data-sharing proposal is purposeful, proportionate and
responsible, and test that decision directly with the public."""

__version__ = "0.1.0"
