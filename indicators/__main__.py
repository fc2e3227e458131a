"""Command line: build, import, list imports, undo, template, users.

    python -m indicators build [--db PATH]
    python -m indicators import FILE [--db PATH] [--user NAME] [--year 2025 --period 9M] [--new-indicators]
    python -m indicators imports [--db PATH]
    python -m indicators undo IMPORT_ID [--db PATH]
    python -m indicators template FILE
    python -m indicators add-user NAME [--role editor|viewer]   (password asked, or read from stdin)
"""
from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from indicators.app import accounts as auth
from indicators.ingest.build import BuildError, build_database, ensure_database
from indicators.ingest.importer import (
    commit_import,
    compare_with_database,
    problems_text,
    read_file,
    undo_import,
)
from indicators.periods import parse_period
from indicators.store import database as store
from indicators.store.named import run_query

WAIT = 60.0  # seconds a command waits for another writer before giving up


def _db(args) -> Path:
    return Path(args.db) if args.db else store.default_db_path()


def cmd_build(args) -> int:
    try:
        stats = build_database(_db(args))
    except BuildError as exc:
        print(f"Không xây dựng được cơ sở dữ liệu:\n{exc}", file=sys.stderr)
        return 1
    print(f"Đã xây dựng {_db(args)}: {stats['files']} tệp, {stats['indicators']} chỉ tiêu, "
          f"{stats['facts']} số liệu hiện hành, {stats['history']} dòng lịch sử.")
    return 0


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
        try:
            undo_import(con, args.import_id)
        except LookupError as exc:
            print(str(exc), file=sys.stderr)
            return 1
    print(f"Đã hoàn tác lần nhập số {args.import_id}; số liệu trước đó đã được khôi phục.")
    return 0


def cmd_serve(args) -> int:
    from indicators.app import serve

    if args.db:
        os.environ["INDICATORS_DB"] = str(Path(args.db).resolve())
    return serve.main(args.streamlit_args)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m indicators", description="Dữ liệu chỉ tiêu kinh tế – xã hội")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="xây dựng cơ sở dữ liệu từ các bảng tính trong data/")
    p.set_defaults(func=cmd_build)
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
    p.set_defaults(func=cmd_undo)
    p = sub.add_parser("template", help="tạo tệp mẫu nhập chỉ tiêu (.xlsx)")
    p.add_argument("file")
    p.set_defaults(func=cmd_template)
    p = sub.add_parser("add-user", help="thêm hoặc đổi mật khẩu người dùng")
    p.add_argument("name")
    p.add_argument("--role", choices=auth.ROLES, default="editor")
    p.set_defaults(func=cmd_add_user)
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
    except store.StoreBusy as exc:
        print(str(exc), file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
