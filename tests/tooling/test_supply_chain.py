"""The lock-file check in ``tools/supply_chain.py``: the real lock files pass, and a dependency
that is missing from a lock file or pinned outside its declared range is named."""

import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _supply_chain():
    spec = importlib.util.spec_from_file_location("supply_chain", ROOT / "tools/supply_chain.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(ROOT / "requirements", tmp_path / "requirements")
    return tmp_path


def test_the_lock_files_pin_every_declared_dependency_within_its_range():
    assert _supply_chain().check_lock() == []


def test_a_dependency_missing_from_a_lock_file_is_named(project: Path):
    lock = project / "requirements/base.lock"
    lock.write_text(lock.read_text().replace("\nsegno==", "\nnot-segno=="))

    problems = _supply_chain().check_lock(project)

    assert problems == ["requirements/base.lock: segno is not pinned; run `make lock`"]


def test_a_pin_outside_the_declared_range_is_named(project: Path):
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('"segno>=1.6,<2"', '"segno>=2"'))

    problems = _supply_chain().check_lock(project)

    assert len(problems) == 2
    assert all("segno==" in problem and "outside >=2" in problem for problem in problems)
