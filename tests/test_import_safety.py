"""Crashes, concurrency, audit and who may write."""
import datetime as dt
import os
import signal
import subprocess
import sys
import threading

import pandas as pd
import pytest
from conftest import TINY_CATALOGUE, connect_ro, fact

from indicators.app import accounts as auth
from indicators.ingest.importer import commit_import, plan_import
from indicators.ingest.template import write_workbook
from indicators.store import database as store
from indicators.store.database import PROJECT_DIR


def snapshot(db):
    with connect_ro(db) as con:
        facts = con.execute("SELECT * FROM indicator_facts ORDER BY ALL").df()
        history = con.execute("SELECT count(*) FROM fact_history").fetchone()[0]
        imports = con.execute("SELECT count(*) FROM imports").fetchone()[0]
    return facts, history, imports


def forest_file(path, district, value, source="moi.txt"):
    write_workbook(path, [fact(district, 2024, "9M", "trong_rung", source, dt.date(2024, 10, 1), "q",
                               actual=value)], TINY_CATALOGUE)
    return path


def cli(*args, env=None):
    return subprocess.Popen([sys.executable, "-m", "indicators", *args], cwd=PROJECT_DIR,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})


def test_kill_9_inside_the_import_transaction_leaves_the_database_as_it_was(tiny_db, tmp_path):
    before = snapshot(tiny_db)
    rows = [fact(d, 2024, "9M", "trong_rung", "lon.txt", dt.date(2024, 10, 1), "q", actual=i)
            for i, d in enumerate(["Văn Quan", "Bắc Sơn", "Tràng Định"], start=1)]
    path = tmp_path / "lon.xlsx"
    write_workbook(path, rows, TINY_CATALOGUE)
    proc = cli("import", str(path), "--db", str(tiny_db), env={"INDICATORS_TEST_PAUSE_BEFORE_COMMIT": "30"})
    line = proc.stderr.readline()
    assert "tạm dừng trước khi ghi" in line  # rows written inside the open transaction, not committed
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    after = snapshot(tiny_db)
    pd.testing.assert_frame_equal(before[0], after[0])
    assert before[1:] == after[1:]


def test_two_imports_started_together_both_land(tiny_db, tmp_path):
    a = forest_file(tmp_path / "a.xlsx", "Tràng Định", 500, "a.txt")
    b = forest_file(tmp_path / "b.xlsx", "Văn Quan", 600, "b.txt")
    procs = [cli("import", str(p), "--db", str(tiny_db)) for p in (a, b)]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    with connect_ro(tiny_db) as con:
        got = dict(con.execute("SELECT district, actual FROM indicator_facts WHERE indicator_code='trong_rung' "
                               "AND period='9M'").fetchall())
        assert con.execute("SELECT count(*) FROM imports WHERE file_name IN ('a.xlsx','b.xlsx')").fetchone()[0] == 2
    assert got["Tràng Định"] == 500 and got["Văn Quan"] == 600


def test_concurrent_uploads_in_one_app_process_are_serialised(tiny_db, tmp_path):
    files = [forest_file(tmp_path / f"f{i}.xlsx", "Bắc Sơn", 700 + i, f"s{i}.txt") for i in range(4)]
    con = store.connect(tiny_db)
    errors = []

    def upload(path):
        cursor = con.cursor()
        try:
            commit_import(cursor, plan_import(cursor, path), "tester")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=upload, args=(f,)) for f in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    history = con.execute("SELECT count(*) FROM fact_history WHERE source LIKE 's%.txt'").fetchone()[0]
    current = con.execute("SELECT count(*) FROM facts_current WHERE district='Bắc Sơn' AND indicator_code="
                          "'trong_rung' AND period='9M'").fetchone()[0]
    con.close()
    assert history == 4 and current == 1


def test_cli_import_archives_the_file_and_a_reimport_changes_nothing(tiny_db, tmp_path, monkeypatch):
    path = forest_file(tmp_path / "quy.xlsx", "Tràng Định", 321)
    first = cli("import", str(path), "--db", str(tiny_db))
    out, err = first.communicate(timeout=60)
    assert first.returncode == 0, err
    archived = list(store.archive_dir(tiny_db).glob("*_quy.xlsx"))
    assert len(archived) == 1 and archived[0].read_bytes() == path.read_bytes()
    before = snapshot(tiny_db)
    again = cli("import", str(path), "--db", str(tiny_db))
    out, err = again.communicate(timeout=60)
    assert again.returncode == 0 and "đã được nhập trước đây" in out
    after = snapshot(tiny_db)
    pd.testing.assert_frame_equal(before[0], after[0])
    assert before[1:] == after[1:]


def test_cli_undo_restores_and_lists_the_import_as_undone(tiny_db, tmp_path):
    path = forest_file(tmp_path / "sai.xlsx", "Bắc Sơn", 1)
    p = cli("import", str(path), "--db", str(tiny_db))
    out, _ = p.communicate(timeout=60)
    import_id = out.split("Mã lần nhập: ")[1].split(".")[0]
    p = cli("undo", import_id, "--db", str(tiny_db))
    out, err = p.communicate(timeout=60)
    assert p.returncode == 0 and "Đã hoàn tác" in out
    with connect_ro(tiny_db) as con:
        assert con.execute("SELECT actual FROM indicator_facts WHERE district='Bắc Sơn' AND "
                           "indicator_code='trong_rung'").fetchone()[0] == 715.96
    p = cli("imports", "--db", str(tiny_db))
    out, _ = p.communicate(timeout=60)
    assert "sai.xlsx" in out and "đã hoàn tác" in out
    p = cli("undo", import_id, "--db", str(tiny_db))
    _, err = p.communicate(timeout=60)
    assert p.returncode == 1 and "đã được hoàn tác trước đó" in err


def test_passwords_are_scrypt_hashed_and_verified(tmp_path):
    path = auth.add_user("can_bo", "mat-khau-dai", "editor", tmp_path / "users.json")
    text = path.read_text(encoding="utf-8")
    assert "mat-khau-dai" not in text and "scrypt$" in text
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    user = auth.authenticate("can_bo", "mat-khau-dai", path, throttle=auth.LoginThrottle())
    assert user.can_edit
    with pytest.raises(auth.LoginRefused, match="không đúng"):
        auth.authenticate("can_bo", "sai", path, throttle=auth.LoginThrottle())
    with pytest.raises(ValueError):
        auth.add_user("ngan", "123", "editor", path)


def test_repeated_failed_logins_are_slowed_down(tmp_path):
    path = auth.add_user("can_bo", "mat-khau-dai", "editor", tmp_path / "users.json")
    throttle, held = auth.LoginThrottle(), []
    for _ in range(3):
        with pytest.raises(auth.LoginRefused, match="không đúng"):
            auth.authenticate("can_bo", "sai", path, throttle=throttle, client_throttle=auth.LoginThrottle(),
                              sleep=held.append)
    assert held == []  # the first failures cost nothing extra
    user = auth.authenticate("can_bo", "mat-khau-dai", path, throttle=throttle, client_throttle=auth.LoginThrottle(),
                             sleep=held.append)
    assert user.can_edit and len(held) == 1 and held[0] > 0  # the right password waits, then gets in
    assert throttle.wait_seconds("can_bo") == 0  # and its success clears the count
    assert throttle.wait_seconds("nguoi_khac") == 0


def test_add_user_command_reads_the_password_from_stdin(tmp_path):
    users = tmp_path / "users.json"
    p = subprocess.run([sys.executable, "-m", "indicators", "add-user", "van_thu", "--role", "editor"],
                       input="mot-mat-khau-dai\n", capture_output=True, text=True, cwd=PROJECT_DIR,
                       env={**os.environ, "INDICATORS_USERS": str(users)})
    assert p.returncode == 0, p.stderr
    assert auth.authenticate("van_thu", "mot-mat-khau-dai", users, throttle=auth.LoginThrottle()).can_edit


def test_a_zip_that_unpacks_to_an_absurd_size_is_refused(tiny_db, tmp_path, monkeypatch):
    import zipfile

    from indicators.ingest import shape

    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "0" * 5_000_000)
    monkeypatch.setattr(shape, "MAX_UNPACKED_BYTES", 1_000_000)
    with connect_ro(tiny_db) as con:
        plan = plan_import(con, bomb)
    assert not plan.ok
    assert "khi giải nén quá lớn" in plan.read.errors[0].message


def test_an_oversized_file_is_refused_before_reading(tiny_db, tmp_path, monkeypatch):
    from indicators.ingest import workbook

    big = forest_file(tmp_path / "lon.xlsx", "Bắc Sơn", 1)
    monkeypatch.setattr(workbook, "MAX_FILE_BYTES", 100)
    with connect_ro(tiny_db) as con:
        plan = plan_import(con, big)
    assert not plan.ok and "vượt giới hạn" in plan.read.errors[0].message
