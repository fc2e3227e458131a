"""The database is derived, never the only copy (issue 16, item 5): every accepted upload is kept in a
private archive beside the database, a rebuild replays it with its undos, backup and restore exist, and a
missing, damaged or busy database file gets a Vietnamese message that says what to do."""
from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
import sys

import pytest
from conftest import TINY_CATALOGUE, connect_ro, fact, signed_in_upload_page

from indicators.__main__ import main as cli
from indicators.ingest.template import write_workbook
from indicators.store import archive
from indicators.store import database as store
from indicators.store.database import PROJECT_DIR


@pytest.fixture
def db(tiny_db, tiny_data_dir, monkeypatch):
    """The tiny database, whose rebuilds read the tiny data/ (build_database's default is the shipped one)."""
    from indicators.ingest import build

    original = build.build_database
    monkeypatch.setattr(build, "build_database",
                        lambda path, data_dir=tiny_data_dir, archive_dir=None: original(path, data_dir, archive_dir))
    import indicators.__main__ as main_module

    monkeypatch.setattr(main_module, "build_database", build.build_database)
    monkeypatch.delenv("INDICATORS_UPLOADS", raising=False)
    return tiny_db


def forest(tmp_path, name, district, value):
    path = tmp_path / name
    write_workbook(path, [fact(district, 2024, "9M", "trong_rung", f"{name}.txt", dt.date(2024, 10, 1), "q",
                               actual=value)], TINY_CATALOGUE)
    return path


def forest_figure(db, district):
    with connect_ro(db) as con:
        found = con.execute("SELECT actual FROM indicator_facts WHERE indicator_code='trong_rung' AND period='9M' "
                            "AND district=?", [district]).fetchall()
    return found[0][0] if found else None


def imported(db, tmp_path, name, district, value, user="van_thu"):
    assert cli(["import", str(forest(tmp_path, name, district, value)), "--db", str(db), "--user", user]) == 0


def test_an_accepted_upload_is_kept_privately_with_its_hash_and_who(db, tmp_path):
    path = forest(tmp_path, "quy3.xlsx", "Tràng Định", 321)
    assert cli(["import", str(path), "--db", str(db), "--user", "van_thu"]) == 0
    folder = store.archive_dir(db)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    (event,) = archive.events(folder)
    assert (event.event, event.user, event.file_name) == ("import", "van_thu", "quy3.xlsx")
    assert event.sha256 == archive.sha256_of(path)
    kept = folder / event.file
    assert kept.read_bytes() == path.read_bytes()
    for f in (kept, folder / archive.JOURNAL):
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f


def test_a_missing_database_is_rebuilt_with_every_upload_and_undo_replayed(db, tmp_path, capsys):
    imported(db, tmp_path, "a.xlsx", "Tràng Định", 500)
    imported(db, tmp_path, "b.xlsx", "Văn Quan", 600)
    capsys.readouterr()
    with connect_ro(db) as con:
        undo_id = con.execute("SELECT id FROM imports WHERE file_name='b.xlsx'").fetchone()[0]
    assert cli(["undo", str(undo_id), "--db", str(db)]) == 0
    before = (forest_figure(db, "Tràng Định"), forest_figure(db, "Văn Quan"))
    assert before[0] == 500 and before[1] != 600

    db.unlink()
    assert cli(["imports", "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert "áp dụng lại 3 thao tác từ kho tệp tải lên" in err  # said, not silent
    assert (forest_figure(db, "Tràng Định"), forest_figure(db, "Văn Quan")) == before
    assert "a.xlsx | 1 | 1 | 0 | hiệu lực" in out and "b.xlsx | 1 | 1 | 0 | đã hoàn tác" in out
    with connect_ro(db) as con:
        assert con.execute("SELECT imported_by FROM imports WHERE file_name='a.xlsx'").fetchone()[0] == "van_thu"


def test_backup_then_restore_brings_every_upload_back(db, tmp_path, capsys):
    imported(db, tmp_path, "a.xlsx", "Bắc Sơn", 777)
    backup = tmp_path / "sao_luu"
    assert cli(["backup", str(backup), "--db", str(db)]) == 0
    assert stat.S_IMODE(backup.stat().st_mode) == 0o700
    import shutil

    shutil.rmtree(store.archive_dir(db))  # the disk is lost: database and archive both
    db.unlink()
    assert cli(["restore", str(backup), "--db", str(db)]) == 0
    assert forest_figure(db, "Bắc Sơn") == 777
    assert len(archive.events(store.archive_dir(db))) == 1


def test_restore_refuses_a_backup_whose_file_was_altered(db, tmp_path, capsys):
    imported(db, tmp_path, "a.xlsx", "Bắc Sơn", 777)
    backup = tmp_path / "sao_luu"
    assert cli(["backup", str(backup), "--db", str(db)]) == 0
    (kept,) = [p for p in backup.iterdir() if p.name != archive.JOURNAL]
    kept.write_bytes(kept.read_bytes()[:-10])
    capsys.readouterr()
    assert cli(["restore", str(backup), "--db", str(db)]) == 3
    assert "hỏng tệp" in capsys.readouterr().err
    assert forest_figure(db, "Bắc Sơn") == 777  # nothing replaced


@pytest.mark.parametrize("damage", ["truncated", "random"])
def test_a_damaged_database_file_gets_a_vietnamese_message_saying_what_to_do(db, tmp_path, capsys, damage):
    imported(db, tmp_path, "a.xlsx", "Bắc Sơn", 777)
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3] if damage == "truncated" else os.urandom(len(data)))
    capsys.readouterr()
    assert cli(["imports", "--db", str(db)]) == 3
    err = capsys.readouterr().err
    assert "bị hỏng hoặc không đầy đủ" in err and "python -m indicators rebuild" in err and "restore" in err
    assert "Traceback" not in err
    assert cli(["rebuild", "--db", str(db)]) == 0  # the way out it names works, upload included
    assert forest_figure(db, "Bắc Sơn") == 777


def test_a_database_held_open_by_another_process_gets_the_right_message(db):
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; "
                               f"c = duckdb.connect({str(db)!r}, read_only=True); print('ok', flush=True); "
                               "time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        served = subprocess.run([sys.executable, "-m", "indicators", "serve", "--db", str(db)], cwd=PROJECT_DIR,
                                capture_output=True, text=True, timeout=120)
    finally:
        holder.kill()
        holder.wait()
    assert served.returncode == 3
    assert "đang được một chương trình khác mở" in served.stderr and f"PID {holder.pid}" in served.stderr
    assert "đang được một chương trình khác ghi" not in served.stderr  # the old, wrong wording
    assert "Traceback" not in served.stderr


def test_rejected_and_abandoned_uploads_leave_the_staging_area(tmp_path):
    folder = tmp_path / "uploads"
    staged = archive.stage(folder, b"not a spreadsheet", "sai.xlsx")
    assert stat.S_IMODE(staged.stat().st_mode) == 0o600
    assert stat.S_IMODE(staged.parent.parent.stat().st_mode) == 0o700
    archive.discard_staged(staged)
    assert not staged.exists()
    old = archive.stage(folder, b"abandoned", "cu.xlsx")
    os.utime(old.parent, (0, 0))
    archive.stage(folder, b"new", "moi.xlsx")  # a new upload prunes day-old previews
    assert not old.exists()


def test_a_torn_last_journal_line_is_dropped_and_any_other_damage_stops(tmp_path):
    folder = tmp_path / "uploads"
    archive.append_line(folder, archive.undo_line(sha256="a" * 64, user="x"))
    with open(folder / archive.JOURNAL, "ab") as f:
        f.write(b'{"event": "imp')  # the process died while appending
    assert len(archive.events(folder)) == 1
    archive.append_line(folder, archive.undo_line(sha256="b" * 64, user="x"))
    assert [e.sha256[0] for e in archive.events(folder)] == ["a", "b"]
    (folder / archive.JOURNAL).write_text('{"event": "undo"}\n' + json.dumps({"event": "undo"}) + "\nxx\n")
    with pytest.raises(archive.ArchiveError, match="hỏng ở dòng"):
        archive.events(folder)


def test_an_import_whose_journal_line_was_lost_in_a_crash_is_appended_on_the_next_start(db, tmp_path):
    """The process dies after the database's COMMIT, before the line reaches the journal file: the line kept
    in the same transaction (archive_events, migration 012) is appended when the database is next opened."""
    from indicators.ingest import importer
    from indicators.ingest.build import reconcile_archive

    path = forest(tmp_path, "mat_dien.xlsx", "Văn Quan", 42)
    folder = store.archive_dir(db)

    def power_cut(*args):
        raise SystemExit("mất điện")

    con = store.connect(db)
    try:
        append_line, importer.archive.append_line = importer.archive.append_line, power_cut
        try:
            with pytest.raises(SystemExit):
                importer.commit_import(con, importer.plan_import(con, path), "van_thu", archive_from=path,
                                       archive_dir=folder)
        finally:
            importer.archive.append_line = append_line
        assert archive.events(folder) == [] and forest_figure_in(con, "Văn Quan") == 42
        assert reconcile_archive(con, folder) == 1
        assert reconcile_archive(con, folder) == 0  # once only
    finally:
        con.close()
    (event,) = archive.events(folder)
    assert (event.file_name, event.user) == ("mat_dien.xlsx", "van_thu")
    db.unlink()
    assert cli(["imports", "--db", str(db)]) == 0  # rebuilt: the upload is there
    assert forest_figure(db, "Văn Quan") == 42


def forest_figure_in(con, district):
    return con.execute("SELECT actual FROM indicator_facts WHERE indicator_code='trong_rung' AND period='9M' "
                       "AND district=?", [district]).fetchone()[0]


def test_the_upload_page_archives_what_the_editor_confirmed_and_undid_and_keeps_no_rejected_file(
        tiny_db, tiny_data_dir, tmp_path, monkeypatch, editor_account):
    """Through the page: a file matched by the editor's choice is archived with that choice, a rebuild
    replays it the same way, the page's undo is replayed too, and a rejected file leaves nothing behind."""
    import shutil

    from indicators.ingest.build import build_database

    db = tmp_path / "page.duckdb"
    shutil.copy(tiny_db, db)
    folder = tmp_path / "uploads"
    monkeypatch.setenv("INDICATORS_DB", str(db))
    monkeypatch.setenv("INDICATORS_UPLOADS", str(folder))
    at = signed_in_upload_page()
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    at.file_uploader[0].set_value(("hong.xlsx", b"PK\x03\x04 not really a workbook", xlsx)).run()
    assert not at.exception and at.error  # refused with a message
    assert not any((folder / archive.STAGING).iterdir())  # and not kept

    row = fact("Bắc Sơn", 2024, "FY", None, "rung.txt", dt.date(2025, 1, 10), "q", actual=700)
    row.update(indicator_name="DT rừng trồng mới", unit="ha")
    path = write_workbook(tmp_path / "rung.xlsx", [row], TINY_CATALOGUE)
    at.file_uploader[0].set_value((path.name, path.read_bytes(), xlsx)).run()
    next(s for s in at.selectbox if "DT rừng trồng mới" in s.label).set_value("trong_rung").run()
    next(b for b in at.button if b.label == "Xác nhận ghi vào cơ sở dữ liệu").click().run()
    assert any("Đã nhập xong" in s.value for s in at.success)
    (event,) = archive.events(folder)
    assert event.choices == {"DT rừng trồng mới": "trong_rung"} and event.user == "van_thu"
    assert not any((folder / archive.STAGING).iterdir())  # kept in the archive now, not in staging

    rebuilt = tmp_path / "rebuilt.duckdb"
    build_database(rebuilt, tiny_data_dir, folder)
    with connect_ro(rebuilt) as con:
        assert con.execute("SELECT actual FROM facts_current WHERE district='Bắc Sơn' AND year=2024 AND period='FY' "
                           "AND indicator_code='trong_rung'").fetchone() == (700,)

    at.button(key="undo_button").click().run()
    at.button(key="undo_confirm").click().run()
    assert [e.event for e in archive.events(folder)] == ["import", "undo"]
    build_database(rebuilt, tiny_data_dir, folder)
    with connect_ro(rebuilt) as con:
        assert con.execute("SELECT count(*) FROM facts_current WHERE year=2024 AND period='FY'").fetchone() == (0,)


def test_a_damaged_database_shows_the_way_out_on_the_page_not_a_traceback(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    db = tmp_path / "hong.duckdb"
    db.write_bytes(os.urandom(200_000))
    monkeypatch.setenv("INDICATORS_DB", str(db))
    at = AppTest.from_file(str(PROJECT_DIR / "pages/1_tong_quan.py"), default_timeout=60).run()
    assert not at.exception
    assert any("bị hỏng hoặc không đầy đủ" in e.value and "rebuild" in e.value for e in at.error)
