"""The login cookie: a reload keeps the clerk in, and nothing but a fresh cookie we signed does."""
import os
import stat

from indicators.app import session_cookie as cookie

KEY = bytes(range(32))
NOW = 1_750_000_000


def test_a_signed_cookie_names_its_user_until_it_expires():
    token = cookie.sign("van_thu", "editor", KEY, now=NOW, lifetime=3600)
    assert cookie.verify(token, KEY, now=NOW + 10) == ("van_thu", "editor")
    assert cookie.verify(token, KEY, now=NOW + 3600) is None  # expired
    assert cookie.verify(token, KEY, now=NOW + 86_400) is None


def test_a_tampered_cookie_is_refused():
    token = cookie.sign("lanh_dao", "viewer", KEY, now=NOW)
    payload, mac = token.split(".")
    forged = cookie.sign("lanh_dao", "editor", bytes(32), now=NOW)  # signed with another key
    assert cookie.verify(forged, KEY, now=NOW) is None
    promoted = forged.split(".")[0] + "." + mac  # the editor payload under the viewer's signature
    assert cookie.verify(promoted, KEY, now=NOW) is None
    assert cookie.verify(payload + "." + mac[:-1] + ("0" if mac[-1] != "0" else "1"), KEY, now=NOW) is None
    for junk in (None, "", "abc", "a.b.c", payload, "." + mac):
        assert cookie.verify(junk, KEY, now=NOW) is None


def test_the_key_file_is_created_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "khoa" / "cookie.key"
    key = cookie.signing_key(path)
    assert len(key) == 32 and cookie.signing_key(path) == key
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
