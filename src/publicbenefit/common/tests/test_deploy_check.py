"""The production settings pass Django's deployment checklist, and refuse to start without the
secrets and addresses they need."""

import importlib.util
import os
import secrets
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from publicbenefit.settings import environment

#: Only what a process needs to run: nothing from the developer's shell may change the outcome.
_KEPT = ("PATH", "HOME", "LANG", "LC_ALL", "SYSTEMROOT")


def _production_environment(tmp_path, **overrides):
    kept = {name: os.environ[name] for name in _KEPT if name in os.environ}
    return (
        kept
        | {
            "DJANGO_SETTINGS_MODULE": "publicbenefit.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}",
            "ALLOWED_HOSTS": "publicbenefit.example",
            "PUBLICBENEFIT_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "PUBLICBENEFIT_VAR_DIR": str(tmp_path / "var"),
        }
        | overrides
    )


def _django(tmp_path, environ, *arguments):
    """Run a management command in a fresh process, as a deployment would."""
    return subprocess.run(  # noqa: S603 (fixed arguments, no shell)
        [sys.executable, "-m", "django", *arguments],
        env=environ,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _check_deploy(tmp_path, **overrides):
    return _django(
        tmp_path,
        _production_environment(tmp_path, **overrides),
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )


def test_production_settings_pass_the_deployment_checklist(tmp_path):
    result = _check_deploy(tmp_path)

    assert len(_production_environment(tmp_path)["SECRET_KEY"]) == 64
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_a_short_secret_key_is_reported(tmp_path):
    # The checklist really runs with these settings: a weak key makes it fail.
    result = _check_deploy(tmp_path, SECRET_KEY="too-short")

    assert result.returncode != 0
    assert "security.W009" in result.stderr


def _load_production_settings():
    """Run the production settings module afresh (it reads the environment as it loads)."""
    spec = importlib.util.find_spec("publicbenefit.settings.production")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    environ = _production_environment(tmp_path)
    del environ["SECRET_KEY"]

    result = _django(tmp_path, environ, "check")

    assert result.returncode != 0
    assert (
        "django.core.exceptions.ImproperlyConfigured: Set SECRET_KEY to a long random value "
        "(50 characters or more)." in result.stderr
    )


def test_a_blank_secret_key_is_refused_too(monkeypatch):
    monkeypatch.setattr(environment, "SECRET_KEY", "")
    monkeypatch.setattr(environment, "DATABASE_URL", "sqlite:////tmp/unused.sqlite3")

    with pytest.raises(ImproperlyConfigured, match="Set SECRET_KEY to a long random value"):
        _load_production_settings()


def test_production_settings_refuse_to_start_without_a_database(monkeypatch):
    monkeypatch.setattr(environment, "SECRET_KEY", secrets.token_urlsafe(48))
    monkeypatch.setattr(environment, "DATABASE_URL", "")

    with pytest.raises(ImproperlyConfigured, match="Set DATABASE_URL"):
        _load_production_settings()


def test_production_settings_load_with_both(monkeypatch):
    key = secrets.token_urlsafe(48)
    monkeypatch.setattr(environment, "SECRET_KEY", key)
    monkeypatch.setattr(
        environment, "DATABASE_URL", "postgres://app@db.internal:5432/publicbenefit"
    )
    monkeypatch.setattr(environment, "ENCRYPTION_KEYS", [Fernet.generate_key().decode()])

    production = _load_production_settings()

    assert production.DEBUG is False
    assert key == production.SECRET_KEY
    assert production.DATABASES["default"]["HOST"] == "db.internal"
    assert production.SESSION_COOKIE_SECURE is True
    assert production.CSRF_COOKIE_SECURE is True
