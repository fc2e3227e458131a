"""Who may upload and undo: local users with scrypt-hashed passwords in a file kept out of git.

The users file (JSON) lives at INDICATORS_USERS, default ~/.config/chi-tieu-lang-son/users.json:
    {"require_login_to_view": false,
     "users": {"an": {"role": "editor", "password": "scrypt$16384$8$1$<salt>$<hash>"}}}
Roles: "editor" (upload, undo) and "viewer". Viewing is open unless require_login_to_view is
true or INDICATORS_REQUIRE_LOGIN=1.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROLES = ("editor", "viewer")
_N, _R, _P = 2**14, 8, 1


@dataclass(frozen=True)
class User:
    name: str
    role: str

    @property
    def can_edit(self) -> bool:
        return self.role == "editor"


def users_path() -> Path:
    default = Path.home() / ".config" / "chi-tieu-lang-son" / "users.json"
    return Path(os.environ.get("INDICATORS_USERS") or default)


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r),
                                p=int(p), dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def _load(path: Path) -> dict:
    if not path.exists():
        return {"require_login_to_view": False, "users": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def add_user(name: str, password: str, role: str = "editor", path: Path | None = None) -> Path:
    """Create or replace a user; the file is written readable by its owner only."""
    if role not in ROLES:
        raise ValueError(f"vai trò phải là một trong {ROLES}")
    if len(password) < 8:
        raise ValueError("mật khẩu cần ít nhất 8 ký tự")
    path = path or users_path()
    data = _load(path)
    data.setdefault("users", {})[name] = {"role": role, "password": hash_password(password)}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return path


def viewing_requires_login(path: Path | None = None) -> bool:
    if os.environ.get("INDICATORS_REQUIRE_LOGIN") == "1":
        return True
    return bool(_load(path or users_path()).get("require_login_to_view"))


class LoginThrottle:
    """Slows repeated failed logins per user name: after 3 failures, wait 2, 4, 8 … (≤ 60) seconds."""

    def __init__(self, free_attempts: int = 3, max_wait: float = 60.0):
        self.free_attempts, self.max_wait = free_attempts, max_wait
        self._failures: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def wait_seconds(self, name: str, now: float | None = None) -> float:
        now = time.monotonic() if now is None else now
        with self._lock:
            count, last = self._failures.get(name, (0, 0.0))
        if count < self.free_attempts:
            return 0.0
        delay = min(self.max_wait, 2.0 ** (count - self.free_attempts + 1))
        return max(0.0, last + delay - now)

    def failed(self, name: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            count, _ = self._failures.get(name, (0, 0.0))
            self._failures[name] = (count + 1, now)

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(name, None)


THROTTLE = LoginThrottle()


class LoginRefused(Exception):
    """Vietnamese message for the login form."""


def authenticate(name: str, password: str, path: Path | None = None, throttle: LoginThrottle = THROTTLE) -> User:
    name = (name or "").strip()
    wait = throttle.wait_seconds(name)
    if wait > 0:
        raise LoginRefused(f"Đăng nhập sai nhiều lần. Vui lòng thử lại sau {int(wait) + 1} giây.")
    entry = _load(path or users_path()).get("users", {}).get(name)
    if entry is None or not verify_password(password or "", entry.get("password", "")):
        throttle.failed(name)
        raise LoginRefused("Tên đăng nhập hoặc mật khẩu không đúng.")
    throttle.succeeded(name)
    return User(name, entry.get("role", "viewer"))


def lookup(name: str, path: Path | None = None) -> User | None:
    """The user of that name as the users file has them now (a login cookie is checked against it,
    so a removed user or a changed role takes effect on the next page load)."""
    entry = _load(path or users_path()).get("users", {}).get(name)
    return None if entry is None else User(name, entry.get("role", "viewer"))
