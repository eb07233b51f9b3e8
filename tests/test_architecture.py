"""The architecture's rules hold: the core imports no Django, and each app is layered.

import-linter checks the contracts declared in ``pyproject.toml``; this test runs it so that a
broken contract fails the suite, and checks that the contracts it reports are the ones the house
rules require (so removing a contract also fails).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _lint_imports(project: Path, extra_path: Path | None = None) -> subprocess.CompletedProcess:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    environment = dict(os.environ)
    if extra_path is not None:
        environment["PYTHONPATH"] = str(extra_path)
    return subprocess.run(  # noqa: S603
        [str(lint_imports), "--no-cache"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )


def test_import_contracts_are_kept():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The core is plain Python: no Django and no web layer KEPT" in result.stdout
    assert "Each app is layered" in result.stdout
    assert "0 broken" in result.stdout


def test_the_core_contract_catches_a_django_import(tmp_path):
    # Given a copy of the project whose core imports Django
    shutil.copytree(ROOT / "src", tmp_path / "src")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "src" / "publicbenefit" / "core" / "leak.py").write_text(
        '"""A module that breaks the rule."""\n\nfrom django.db import models  # noqa: F401\n'
    )
    # When import-linter checks it
    result = _lint_imports(tmp_path, extra_path=tmp_path / "src")
    # Then the core contract is reported broken
    assert result.returncode != 0
    assert "The core is plain Python: no Django and no web layer BROKEN" in result.stdout
    assert "publicbenefit.core.leak -> django" in result.stdout
