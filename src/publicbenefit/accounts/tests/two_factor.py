"""Helpers for tests that sign in with two-factor authentication: a person's authenticator app
and the codes it would show."""

import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from publicbenefit.accounts.models import User


def two_factor_device_for(user: User) -> TOTPDevice:
    """The person's confirmed authenticator app, set up now if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)
    return device


def totp_code(device: TOTPDevice, *, at: float | None = None) -> str:
    """The 6-digit code the app shows at ``at`` (now, by default). A code already used is
    refused, so when the current one has been, this gives the next one (still accepted: the
    device allows one step of clock drift)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    device.refresh_from_db()
    if at is None and totp.t() <= device.last_t:
        totp.time += device.step * (device.last_t - totp.t() + 1)
    return f"{totp.token():0{device.digits}d}"
