"""Who may upload and undo: local users with scrypt-hashed passwords in a file kept out of git.

The users file (JSON) lives at INDICATORS_USERS, default ~/.config/chi-tieu-lang-son/users.json:
    {"require_login_to_view": false,
     "users": {"an": {"role": "editor", "password": "scrypt$131072$8$1$<salt>$<hash>"}}}
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
# OWASP's Password Storage Cheat Sheet minimum for scrypt: N=2^17, r=8, p=1 (128 MiB per hash). Hashes
# made with a lower cost before keep verifying: each hash carries its own parameters.
_N, _R, _P = 2**17, 8, 1
_MAX_N = 2**18  # a users file asking for more is refused rather than allowed to exhaust memory
_MAXMEM = 2**30  # hashlib's default (32 MiB) is below the 128 MiB that N=2^17 needs
# An unknown name is checked against this hash (of no one's password), so it costs one scrypt like a known name
_NOBODY = "scrypt$131072$8$1$aW5kaWNhdG9ycy1kdW1teQ==$IbJyuyO3tS9sTP75cDFzs6LQbzdRlZ8fLpdswKOQmDQ="
_HASHING = threading.BoundedSemaphore(2)  # at most two 128 MiB hashes at once, however many try to log in


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
    with _HASHING:
        digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32, maxmem=_MAXMEM)
    b64 = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt" or int(n) > _MAX_N or int(r) > _R or int(p) > _P:
            return False
        expected = base64.b64decode(digest)
        with _HASHING:
            actual = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r),
                                    p=int(p), dklen=len(expected), maxmem=_MAXMEM)
    except (ValueError, TypeError, MemoryError):
        return False
    return hmac.compare_digest(actual, expected)


_CACHE: dict[str, tuple[tuple, dict]] = {}


def _load(path: Path) -> dict:
    """The users file, parsed again only when it changed (every rerun asks who is still a user)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return {"require_login_to_view": False, "users": {}}
    stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
    cached = _CACHE.get(str(path))
    if cached is not None and cached[0] == stamp:
        return cached[1]
    data = json.loads(path.read_text(encoding="utf-8"))
    _CACHE[str(path)] = (stamp, data)
    return data


def add_user(name: str, password: str, role: str = "editor", path: Path | None = None) -> Path:
    """Create or replace a user; the file is written readable by its owner only."""
    if role not in ROLES:
        raise ValueError(f"vai trò phải là một trong {ROLES}")
    if len(password) < 8:
        raise ValueError("mật khẩu cần ít nhất 8 ký tự")
    path = path or users_path()
    data = _load(path)
    data = {**data, "users": dict(data.get("users", {}))}  # never change the cached copy in place
    data["users"][name] = {"role": role, "password": hash_password(password)}
    _write_private(path, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))
    return path


def remove_user(name: str, path: Path | None = None) -> bool:
    """Take a user out of the file; their open sessions lose their rights on the next rerun."""
    path = path or users_path()
    data = _load(path)
    if name not in data.get("users", {}):
        return False
    users = {k: v for k, v in data["users"].items() if k != name}
    _write_private(path, json.dumps({**data, "users": users}, ensure_ascii=False, indent=2).encode("utf-8"))
    return True


def _write_private(path: Path, body: bytes) -> None:
    """Write the file with mode 0600 from the moment it exists (os.open with a mode, no chmod after
    a window in which others could read it), then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(body)
    os.replace(tmp, path)


def viewing_requires_login(path: Path | None = None) -> bool:
    if os.environ.get("INDICATORS_REQUIRE_LOGIN") == "1":
        return True
    return bool(_load(path or users_path()).get("require_login_to_view"))


class LoginThrottle:
    """Counts failed logins per key (a user name, or a client): after `free_attempts` failures, a wait
    of 2, 4, 8 … (at most `max_wait`) seconds since the last one."""

    def __init__(self, free_attempts: int = 3, max_wait: float = 60.0):
        self.free_attempts, self.max_wait = free_attempts, max_wait
        self._failures: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def wait_seconds(self, key: str, now: float | None = None) -> float:
        now = time.monotonic() if now is None else now
        with self._lock:
            count, last = self._failures.get(key, (0, 0.0))
        if count < self.free_attempts:
            return 0.0
        delay = min(self.max_wait, 2.0 ** (count - self.free_attempts + 1))
        return max(0.0, last + delay - now)

    def failed(self, key: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            count, _ = self._failures.get(key, (0, 0.0))
            self._failures[key] = (count + 1, now)

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)


# Per name: failures on a name only hold its next attempts back (at most 8 s) and the right password
# then gets in, so nobody can lock an editor out by failing on their name. Per client: the one failing
# is refused outright after 10 failures, for up to 5 minutes.
THROTTLE = LoginThrottle(free_attempts=3, max_wait=8.0)
CLIENT_THROTTLE = LoginThrottle(free_attempts=10, max_wait=300.0)


class LoginRefused(Exception):
    """Vietnamese message for the login form."""


def authenticate(name: str, password: str, path: Path | None = None, throttle: LoginThrottle = THROTTLE,
                 client: str | None = None, client_throttle: LoginThrottle = CLIENT_THROTTLE,
                 sleep=time.sleep) -> User:
    """The user, or LoginRefused. A client that failed many times waits before it may try again; a name
    that failed many times makes each attempt wait, then the password is checked as usual. Known and
    unknown names cost the same one scrypt, so the answer's time does not tell which names exist."""
    name = (name or "").strip()
    client_key = client or "?"
    wait = client_throttle.wait_seconds(client_key)
    if wait > 0:
        raise LoginRefused(f"Đăng nhập sai nhiều lần từ máy này. Vui lòng thử lại sau {int(wait) + 1} giây.")
    hold = throttle.wait_seconds(name)
    if hold > 0:
        sleep(hold)
    entry = _load(path or users_path()).get("users", {}).get(name)
    stored = entry.get("password", "") if isinstance(entry, dict) else _NOBODY
    if not verify_password(password or "", stored) or entry is None:
        throttle.failed(name)
        client_throttle.failed(client_key)
        raise LoginRefused("Tên đăng nhập hoặc mật khẩu không đúng.")
    throttle.succeeded(name)
    client_throttle.succeeded(client_key)
    return User(name, entry.get("role", "viewer"))


def has_users(path: Path | None = None) -> bool:
    """Whether the users file names anyone (a missing file names no one)."""
    return bool(_load(path or users_path()).get("users"))


def lookup(name: str, path: Path | None = None) -> User | None:
    """The user of that name as the users file has them now (a login cookie is checked against it,
    so a removed user or a changed role takes effect on the next page load)."""
    entry = _load(path or users_path()).get("users", {}).get(name)
    return None if entry is None else User(name, entry.get("role", "viewer"))
