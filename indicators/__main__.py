"""Command line: build, import, list imports, undo.

    python -m indicators build [--db PATH]
    python -m indicators import FILE [--db PATH] [--user NAME]
    python -m indicators imports [--db PATH]
    python -m indicators undo IMPORT_ID [--db PATH]
"""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from indicators import store
from indicators.build import BuildError, build_database, ensure_database
from indicators.importer import commit_import, plan_import, problems_text, undo_import


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
    db = ensure_database(_db(args))
    with store.connect(db, read_only=True) as con:
        plan = plan_import(con, path)
    if not plan.ok:
        print(f"Tệp '{path.name}' bị từ chối, cơ sở dữ liệu không thay đổi. Các lỗi:", file=sys.stderr)
        print(problems_text(plan.read.errors), file=sys.stderr)
        return 1
    with store.connect(db) as con:
        plan = plan_import(con, path)  # again under the write lock: the data may have moved on
        import_id = commit_import(con, plan, user=args.user or getpass.getuser())
    print(plan.summary() + ("" if plan.already_imported else f" Mã lần nhập: {import_id}."))
    if plan.read.warnings:
        print("Cảnh báo:\n" + problems_text(plan.read.warnings))
    return 0


def cmd_imports(args) -> int:
    db = ensure_database(_db(args))
    with store.connect(db, read_only=True) as con:
        rows = con.execute(
            """SELECT id, strftime(imported_at, '%d/%m/%Y %H:%M'), imported_by, file_name, rows_read,
                      facts_new, facts_changed, undone_at IS NOT NULL
               FROM imports ORDER BY id"""
        ).fetchall()
    print("Mã | Thời điểm | Người nhập | Tệp | Dòng | Mới | Thay đổi | Trạng thái")
    for r in rows:
        print(f"{r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]} | {r[5]} | {r[6]} | {'đã hoàn tác' if r[7] else 'hiệu lực'}")
    return 0


def cmd_undo(args) -> int:
    db = ensure_database(_db(args))
    with store.connect(db) as con:
        try:
            undo_import(con, args.import_id)
        except LookupError as exc:
            print(str(exc), file=sys.stderr)
            return 1
    print(f"Đã hoàn tác lần nhập số {args.import_id}; số liệu trước đó đã được khôi phục.")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m indicators", description="Dữ liệu chỉ tiêu kinh tế – xã hội")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="xây dựng cơ sở dữ liệu từ các bảng tính trong data/")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("import", help="nhập một bảng tính")
    p.add_argument("file")
    p.add_argument("--user")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("imports", help="liệt kê các lần nhập")
    p.set_defaults(func=cmd_imports)
    p = sub.add_parser("undo", help="hoàn tác một lần nhập")
    p.add_argument("import_id", type=int)
    p.set_defaults(func=cmd_undo)
    for p in sub.choices.values():
        p.add_argument("--db", help="đường dẫn tệp DuckDB (mặc định: biến INDICATORS_DB hoặc data/indicators.duckdb)")
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except store.StoreBusy as exc:
        print(str(exc), file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
