"""The login cookie: who is signed in, until when, signed with HMAC-SHA256 so that a reload (F5)
keeps the clerk logged in while a forged, altered or expired cookie is refused.

A cookie reads `<payload>.<signature>`: the payload is base64url JSON {"u": name, "r": role,
"exp": unix time}, the signature the hex HMAC-SHA256 of the payload under a key kept outside git,
beside the users file (INDICATORS_COOKIE_KEY_FILE, default cookie.key next to users.json), created
on first use readable by its owner only (0600). Deleting the key file logs everyone out.
No Streamlit here: login.py reads and writes the cookie.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from pathlib import Path

from indicators.app.accounts import users_path

COOKIE_NAME = "chi_tieu_dang_nhap"
LIFETIME_SECONDS = 12 * 3600  # a working day: a clerk logging in in the morning stays in until evening


def key_path() -> Path:
    return Path(os.environ.get("INDICATORS_COOKIE_KEY_FILE") or users_path().parent / "cookie.key")


def signing_key(path: Path | None = None) -> bytes:
    """The secret key, created (32 random bytes, file mode 0600) when missing."""
    path = path or key_path()
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another session created it first
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key.hex())
    return key


def _mac(payload: str, key: bytes) -> str:
    return hmac.new(key, payload.encode("ascii"), hashlib.sha256).hexdigest()


def sign(name: str, role: str, key: bytes, now: float | None = None, lifetime: int = LIFETIME_SECONDS) -> str:
    expires = int((time.time() if now is None else now) + lifetime)
    body = json.dumps({"u": name, "r": role, "exp": expires}, ensure_ascii=False, separators=(",", ":"))
    payload = base64.urlsafe_b64encode(body.encode("utf-8")).decode("ascii").rstrip("=")
    return f"{payload}.{_mac(payload, key)}"


def verify(token: str | None, key: bytes, now: float | None = None) -> tuple[str, str] | None:
    """(name, role) of a well-signed cookie that has not expired; None for anything else."""
    if not token or not isinstance(token, str) or token.count(".") != 1 or len(token) > 4096:
        return None
    payload, mac = token.split(".")
    if not hmac.compare_digest(_mac(payload, key), mac):
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode("utf-8"))
        name, role, expires = data["u"], data["r"], int(data["exp"])
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(name, str) or not isinstance(role, str):
        return None
    if expires <= (time.time() if now is None else now):
        return None
    return name, role
