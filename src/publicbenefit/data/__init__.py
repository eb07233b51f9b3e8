"""The data files shipped with publicbenefit, and the small adapter that reads them.

The core reads no files: it takes text and mappings. This package holds the shipped framework
(``frameworks/data-for-public-benefit.yaml``, Appendix B of the source word for word) and the JSON
Schema every framework is checked against (``schemas/framework.schema.json``), and reads them
through ``importlib.resources`` so that they are found in an installed wheel as in a checkout.
"""

import json
from functools import cache
from importlib import resources
from typing import Any

from publicbenefit.core.framework import Framework, framework_from_yaml

DEFAULT_FRAMEWORK = "data-for-public-benefit"


def framework_text(name: str = DEFAULT_FRAMEWORK) -> str:
    """The YAML text of a shipped framework (``FileNotFoundError`` if there is no such file)."""
    return (resources.files("publicbenefit.data") / "frameworks" / f"{name}.yaml").read_text(
        encoding="utf-8"
    )


@cache
def framework_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every framework, shipped or uploaded, must meet."""
    text = (resources.files("publicbenefit.data") / "schemas" / "framework.schema.json").read_text(
        encoding="utf-8"
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


def load_framework(text: str) -> Framework:
    """Check a framework's YAML text (for example an uploaded tailored version) against the
    shipped schema and the framework's rules, and return it; raises what
    ``framework_from_yaml`` raises."""
    return framework_from_yaml(text, schema=framework_schema())


@cache
def default_framework() -> Framework:
    """The shipped Data for Public Benefit framework, checked (once: a framework is immutable)."""
    return load_framework(framework_text())
