"""Command line: build, import, list imports, undo, template, users.

    python -m indicators build [--db PATH]        (also: rebuild) data/, then every upload and undo kept in the archive
    python -m indicators backup DEST [--db PATH]  copy the upload archive (files, hashes, journal) to DEST
    python -m indicators restore SRC [--db PATH]  put a backup back as the archive and rebuild the database
    python -m indicators import FILE [--db PATH] [--user NAME] [--year 2025 --period 9M] [--new-indicators]
    python -m indicators imports [--db PATH]
    python -m indicators undo IMPORT_ID [--db PATH]
    python -m indicators template FILE
    python -m indicators add-user NAME [--role editor|viewer]   (password asked, or read from stdin)
    python -m indicators places [--out DIR]      (Lạng Sơn's units from vietnamadminunits → data/places/*.csv)
    python -m indicators demo-communes FILE      (a synthetic commune-level 9 tháng 2025 upload, "dữ liệu mô phỏng")
"""
from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from indicators.app import accounts as auth
from indicators.ingest.build import (
    BuildError,
    build_database,
    ensure_database,
    rebuilt_text,
    reconcile_archive,
)
from indicators.ingest.importer import (
    commit_import,
    compare_with_database,
    problems_text,
    read_file,
    undo_import,
)
from indicators.periods import parse_period
from indicators.store import archive
from indicators.store import database as store
from indicators.store.named import run_query

WAIT = 60.0  # seconds a command waits for another writer before giving up


def _db(args) -> Path:
    return Path(args.db) if args.db else store.default_db_path()


def cmd_build(args) -> int:
    db = _db(args)
    _not_in_use(db)
    try:
        stats = build_database(db)
    except BuildError as exc:
        print(f"Không xây dựng được cơ sở dữ liệu:\n{exc}", file=sys.stderr)
        return 1
    print(rebuilt_text(db, stats))
    return 0


def _not_in_use(db: Path) -> None:
    """Raise StoreBusy when another program has the database open: rebuilding under a running app
    would leave it showing the old file. A damaged file is what a rebuild is for, so it passes."""
    if not db.exists():
        return
    try:
        store.connect(db).close()
    except store.StoreDamaged:
        pass


def cmd_backup(args) -> int:
    source = store.archive_dir(_db(args))
    stats = archive.backup(source, Path(args.destination))
    print(f"Đã sao lưu kho tệp tải lên ({stats['files']} tệp, {stats['events']} thao tác nhập/hoàn tác) vào "
          f"{args.destination}. Cơ sở dữ liệu được xây dựng lại từ data/ và bản sao lưu này bằng lệnh restore.")
    return 0


def cmd_restore(args) -> int:
    db = _db(args)
    _not_in_use(db)
    stats = archive.restore(Path(args.source), store.archive_dir(db))
    if stats["moved_aside"]:
        print(f"Kho tệp tải lên cũ được giữ lại tại {stats['moved_aside']}.")
    args.db = str(db)
    return cmd_build(args)


def cmd_import(args) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"Không tìm thấy tệp '{path}'.", file=sys.stderr)
        return 2
    period = None
    if args.period:
        period = parse_period(args.period)
        if period is None:
            print(f"Kỳ báo cáo '{args.period}' không hợp lệ (ví dụ: Q1, 6 tháng, 9M, Cả năm).", file=sys.stderr)
            return 2
    db = ensure_database(_db(args))
    with store.connect(db, wait_seconds=WAIT) as con:  # a database made by an earlier version gains the new tables
        store.migrate(con)
        reconcile_archive(con, store.archive_dir(db))
    with store.connect(db, read_only=True, wait_seconds=WAIT) as con:  # the file is read and checked once
        plan = read_file(con, path, year=args.year, period=period, new_indicators=args.new_indicators)
    if not plan.ok:
        print(f"Tệp '{path.name}' bị từ chối, cơ sở dữ liệu không thay đổi. Các lỗi:", file=sys.stderr)
        print(problems_text(plan.read.errors), file=sys.stderr)
        return 1
    if plan.unmatched:
        print(f"Tệp '{path.name}' bị từ chối, cơ sở dữ liệu không thay đổi: {len(plan.unmatched)} tên chỉ tiêu "
              "không khớp danh mục. Hãy sửa tên (hoặc ghi mã chỉ tiêu) theo gợi ý, thêm tên vào cột 'Tên gọi khác' "
              "của danh mục, hoặc chạy lại với --new-indicators để thêm chúng thành chỉ tiêu mới:", file=sys.stderr)
        print(plan.unmatched_text(), file=sys.stderr)
        return 1
    with store.connect(db, wait_seconds=WAIT) as con:  # compare now, under the lock: the data may have moved on
        plan = compare_with_database(con, plan)
        import_id = commit_import(con, plan, user=args.user or getpass.getuser(), archive_from=path,
                                  archive_dir=store.archive_dir(db))
    print(plan.summary() + ("" if plan.already_imported else f" Mã lần nhập: {import_id}."))
    if plan.read.warnings:
        print("Cảnh báo:\n" + problems_text(plan.read.warnings))
    return 0


def cmd_imports(args) -> int:
    db = ensure_database(_db(args))
    with store.connect(db, read_only=True) as con:
        log = run_query(con, "import_log")
    print("Mã | Thời điểm | Người nhập | Tệp | Dòng | Mới | Thay đổi | Trạng thái")
    for r in log.itertuples():
        state = "hiệu lực" if r.undone_at is None or r.undone_at != r.undone_at else "đã hoàn tác"
        print(f"{r.id} | {r.imported_at:%d/%m/%Y %H:%M} | {r.imported_by} | {r.file_name} | {r.rows_read} | "
              f"{r.facts_new} | {r.facts_changed} | {state}")
    return 0


def cmd_template(args) -> int:
    from indicators.ingest.template import write_template

    db = ensure_database(_db(args))
    with store.connect(db, read_only=True) as con:
        path = write_template(Path(args.file), list(store.load_catalogue(con).values()))
    print(f"Đã tạo mẫu nhập chỉ tiêu: {path}")
    return 0


def cmd_add_user(args) -> int:
    if sys.stdin.isatty():
        password = getpass.getpass("Mật khẩu: ")
        if getpass.getpass("Nhập lại mật khẩu: ") != password:
            print("Hai lần nhập mật khẩu không khớp.", file=sys.stderr)
            return 1
    else:
        password = sys.stdin.readline().rstrip("\n")
    try:
        path = auth.add_user(args.name, password, args.role)
    except ValueError as exc:
        print(f"Không tạo được người dùng: {exc}", file=sys.stderr)
        return 1
    print(f"Đã lưu người dùng '{args.name}' (vai trò {args.role}) vào {path}")
    return 0


def cmd_undo(args) -> int:
    db = ensure_database(_db(args))
    with store.connect(db, wait_seconds=WAIT) as con:
        store.migrate(con)  # a database made by an earlier version gains the archive's table
        reconcile_archive(con, store.archive_dir(db))
        try:
            undo_import(con, args.import_id, user=args.user or getpass.getuser(), archive_dir=store.archive_dir(db))
        except LookupError as exc:
            print(str(exc), file=sys.stderr)
            return 1
    print(f"Đã hoàn tác lần nhập số {args.import_id}; số liệu trước đó đã được khôi phục.")
    return 0


def cmd_places(args) -> int:
    from indicators.ingest.places_source import write_csvs

    paths = write_csvs(Path(args.out) if args.out else store.PLACES_DIR)
    print("Đã ghi " + ", ".join(str(p) for p in paths))
    return 0


def cmd_demo_communes(args) -> int:
    from indicators.ingest.demo_communes import write_demo

    try:
        path = write_demo(Path(args.file))
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(f"Đã tạo tệp dữ liệu mô phỏng cấp xã (9 tháng 2025): {path}")
    return 0


def cmd_serve(args) -> int:
    from indicators.app import serve

    if args.db:
        os.environ["INDICATORS_DB"] = str(Path(args.db).resolve())
    return serve.main(args.streamlit_args)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m indicators", description="Dữ liệu chỉ tiêu kinh tế – xã hội")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("build", "rebuild"):
        p = sub.add_parser(name, help="xây dựng lại cơ sở dữ liệu từ data/ và kho tệp tải lên")
        p.set_defaults(func=cmd_build)
    for name, argument, func, text in (
        ("backup", "destination", cmd_backup, "sao lưu kho tệp tải lên vào một thư mục mới"),
        ("restore", "source", cmd_restore, "khôi phục kho tệp tải lên từ bản sao lưu và xây dựng lại cơ sở dữ liệu"),
        ("template", "file", cmd_template, "tạo tệp mẫu nhập chỉ tiêu (.xlsx)"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument(argument)
        p.set_defaults(func=func)
    p = sub.add_parser("import", help="nhập một bảng tính")
    p.add_argument("file")
    p.add_argument("--user")
    p.add_argument("--year", type=int, help="năm, cho bảng theo cột huyện mà tiêu đề không ghi")
    p.add_argument("--period", help="kỳ báo cáo, cho bảng theo cột huyện mà tiêu đề không ghi")
    p.add_argument("--new-indicators", action="store_true",
                   help="thêm các tên chỉ tiêu không khớp danh mục thành chỉ tiêu mới (mặc định: từ chối tệp)")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("imports", help="liệt kê các lần nhập")
    p.set_defaults(func=cmd_imports)
    p = sub.add_parser("undo", help="hoàn tác một lần nhập")
    p.add_argument("import_id", type=int)
    p.add_argument("--user")
    p.set_defaults(func=cmd_undo)
    p = sub.add_parser("add-user", help="thêm hoặc đổi mật khẩu người dùng")
    p.add_argument("name")
    p.add_argument("--role", choices=auth.ROLES, default="editor")
    p.set_defaults(func=cmd_add_user)
    p = sub.add_parser("places", help="ghi danh mục đơn vị hành chính Lạng Sơn (trước và sau 1/7/2025) vào data/places/")
    p.add_argument("--out", help="thư mục ghi (mặc định data/places)")
    p.set_defaults(func=cmd_places)
    p = sub.add_parser("demo-communes", help="tạo tệp dữ liệu mô phỏng cấp xã 9 tháng 2025 (không phải số liệu thật)")
    p.add_argument("file")
    p.set_defaults(func=cmd_demo_communes)
    p = sub.add_parser("serve", help="khởi động bảng điều khiển (nạp sẵn thư viện và cơ sở dữ liệu)")
    p.add_argument("streamlit_args", nargs="*", help="tham số chuyển cho streamlit run, ví dụ --server.port 8600")
    p.set_defaults(func=cmd_serve)
    for p in sub.choices.values():
        p.add_argument("--db", help="đường dẫn tệp DuckDB (mặc định: biến INDICATORS_DB hoặc data/indicators.duckdb)")
    sub.add_parser("bench", help="đo hiệu năng trên dữ liệu tổng hợp, ghi docs/BENCHMARKS.md")
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["bench"]:  # the benchmark lives outside the package and defines its own options
        from bench.__main__ import main as bench_main

        return bench_main(argv[1:], prog="python -m indicators bench")
    if argv[:1] == ["serve"]:  # everything after `serve` goes to `streamlit run`, except --db
        rest = argv[1:]
        db = None
        if "--db" in rest:
            at = rest.index("--db")
            db, rest = rest[at + 1], rest[:at] + rest[at + 2:]
        return cmd_serve(argparse.Namespace(db=db, streamlit_args=rest))
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (store.StoreBusy, store.StoreDamaged, archive.ArchiveError) as exc:
        print(str(exc), file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
