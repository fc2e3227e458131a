"""Deliberate breakages of what leaders read and of the guards around the data, each paired with the tests
that must catch it.

Each breakage replaces one piece of code text inside one named function (for SQL, inside one named
query file). The function is found by name anywhere under indicators/ (queries/ for SQL), so a module
moving does not lose it; a function or text that is missing, or found more than once, stops the check
with an error instead of letting it pass. Every breakage runs on its own copy of the project in a
temporary directory (the working tree is never touched): the paired tests must fail there, and the same
tests must pass on an unbroken copy first.

    python tests/mutations.py              # short form (what CI runs inside pytest): no browser tests
    python tests/mutations.py --full       # also the Chromium tests paired with each breakage
    python tests/mutations.py --list       # the breakages and where each one is anchored
    python tests/mutations.py pace-sign-flipped viewer-may-upload    # some of them

tests/test_mutations.py runs the short form as part of the suite (MUTATIONS=full for the long one).
"""
from __future__ import annotations

import argparse
import ast
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
# what the copy leaves out: environments, caches, databases, screenshots, benchmark data
IGNORED = shutil.ignore_patterns(".git", ".venv", "venv", "__pycache__", ".pytest_cache", ".ruff_cache",
                                 "*.pyc", "*.duckdb", "*.duckdb.wal", "*.duckdb.tmp*", "test-artifacts",
                                 "bench-data", "uploads")
MUTANT_TIMEOUT = 600  # seconds for one breakage's tests; pytest-timeout also limits each test inside


class AnchorError(LookupError):
    """A breakage's function or code text is not where it should be: the check cannot be trusted."""


@dataclass(frozen=True)
class Mutation:
    name: str
    function: str            # the function the text sits in (for SQL: the query file's name, without .sql)
    find: str                # code text, exactly once inside that function
    replace: str
    tests: tuple[str, ...]   # pytest node ids that must fail (short form)
    browser_tests: tuple[str, ...] = ()  # added in the full form
    root: str = "indicators"  # where the function is looked for: indicators/ (Python) or queries/ (SQL)
    why: str = ""

    def node_ids(self, full: bool) -> list[str]:
        return list(self.tests) + (list(self.browser_tests) if full else [])


J = "tests/test_judgements.py::"
P = "tests/test_pages.py::"
B = "tests/test_browser.py::"
Q = "tests/test_queries.py::"

MUTATIONS: tuple[Mutation, ...] = (
    # -- the three the issue found uncaught -------------------------------------------------------
    Mutation("status-threshold-90", "assess",
             "MET if pct >= 99.95", "MET if pct >= 90",
             (J + "test_a_figure_near_its_plan_is_judged_as_the_report_reads", J + "test_status_at_the_edges"),
             why="97,06% of the graves moved would read 'Đạt'"),
    Mutation("pace-sign-flipped", "assess",
             "pace = ON_TRACK if gap >= 0 else BEHIND", "pace = BEHIND if gap >= 0 else ON_TRACK",
             (J + "test_pace_at_each_cumulative_period_and_cut_off", P + "test_overview_lists_what_needs_attention_worst_first"),
             (B + "test_overview_shows_pace_and_what_needs_attention",),
             why="Tràng Định's forest at 47% after 9 months would be on pace"),
    Mutation("viewer-may-upload", "require_editor",
             "if not user.can_edit:", "if False:",
             (P + "test_a_viewer_account_may_neither_upload_nor_undo",),
             (B + "test_a_viewer_account_may_neither_upload_nor_undo",),
             why="a viewer account would get the upload and undo"),
    # -- status ------------------------------------------------------------------------------------
    Mutation("met-edge-exclusive", "assess",
             "MET if pct >= 99.95", "MET if pct > 99.95",
             (J + "test_status_at_the_edges",), why="99,95% (100% as a report rounds it) would be 'Chưa đạt'"),
    Mutation("exceeded-from-100", "assess",
             "EXCEEDED if pct > 100.05", "EXCEEDED if pct > 100",
             (J + "test_status_at_the_edges",), why="100,05% would be 'Vượt'"),
    Mutation("lower-is-better-judged-as-higher", "assess",
             'if pct is None or direction == "lower":', "if pct is None:",
             (J + "test_lower_is_better_is_never_judged_against_the_plan",),
             why="a falling poverty rate would be judged against its plan like revenue"),
    Mutation("report-judgement-ignored", "assess",
             "if isinstance(reported_status, str) and reported_status in STATUS_STYLE:", "if False:",
             (J + "test_the_reports_own_judgement_wins",
              P + "test_overview_cards_show_bac_son_budget_for_nine_months_2024"),
             why="Bắc Sơn's '(chưa đạt)' at 75% would be overridden"),
    Mutation("years-plan-leads-before-years-end", "judgement",
             "if standing.leads_with_pace:", "if False:",
             (J + "test_before_the_years_end_pace_leads_and_the_years_plan_is_neutral",
              J + "test_headline_cards_show_status_pace_and_risk"),
             why="Tràng Định's budget on pace would again show a red '✖ Chưa đạt' beside 'Đúng tiến độ'"),
    Mutation("report-disagreement-hidden", "judgement",
             "if standing.report_disagrees else", "if False else",
             (J + "test_the_reports_verdict_is_labelled_as_the_reports_and_a_disagreement_is_noted",
              J + "test_headline_cards_show_status_pace_and_risk"),
             why="Bắc Sơn's '(chưa đạt)' at 75% after 9 months would sit beside 'Đúng tiến độ' with no note"),
    # -- pace --------------------------------------------------------------------------------------
    Mutation("pace-on-the-line-is-behind", "assess",
             "ON_TRACK if gap >= 0", "ON_TRACK if gap > 0",
             (J + "test_pace_at_each_cumulative_period_and_cut_off",), why="75% at 9 months, 50% at 6 would be behind"),
    Mutation("pace-share-of-year-off-by-a-month", "assess",
             "period_months / 12 if year_share is None", "(period_months - 1) / 12 if year_share is None",
             (J + "test_pace_at_each_cumulative_period_and_cut_off",
              P + "test_overview_lists_what_needs_attention_worst_first"),
             why="60,26% after 8 months would be on pace"),
    Mutation("cut-off-ignored", "standing_of",
             'if flag(row.get("as_of_stated")) else None', "if False else None",
             (J + "test_pace_at_each_cumulative_period_and_cut_off", J + "test_attention_list_says_why",
              P + "test_overview_cards_show_pace_for_every_district"),
             (B + "test_overview_shows_pace_and_what_needs_attention",),
             why="figures to 30/7 would be held to the 75% due by 30/9 (61,2% would be behind)"),
    Mutation("pace-at-the-full-year", "assess",
             "period_months and period_months < 12", "period_months and period_months <= 12",
             (J + "test_no_pace_once_the_year_is_over",), why="a full-year figure would get a pace"),
    # -- the attention list and the cards -----------------------------------------------------------
    Mutation("report-not-met-not-at-risk", "at_risk",
             "return self.status == NOT_MET and (self.status_from_report or self.pace is None)", "return False",
             (J + "test_attention_list_holds_every_figure_behind_pace_or_judged_not_met",),
             why="Bắc Sơn's eight '(chưa đạt)' figures would leave the attention list"),
    Mutation("attention-list-takes-focus-tasks", "overview_of",
             'indicators = facts[~facts["is_focus_task"]]', "indicators = facts",
             (J + "test_attention_list_for_one_district", P + "test_overview_lists_what_needs_attention_worst_first"),
             why="focus tasks, which have their own page and scoreboard, would crowd the list"),
    Mutation("all-clear-with-unjudged-figures", "attention_heading",
             "if attention.empty and unjudged.empty:", "if attention.empty:",
             ("tests/test_one_judgement.py::test_figures_that_could_not_be_judged_are_counted_never_all_clear",),
             why="a whole year of plans with no results would read '✔ Không có chỉ tiêu nào chậm tiến độ'"),
    Mutation("attention-list-best-first", "attention_list",
             'table.sort_values("_gap", kind="stable")', 'table.sort_values("_gap", ascending=False, kind="stable")',
             (J + "test_attention_list_puts_the_worst_gap_first",
              P + "test_overview_lists_what_needs_attention_worst_first"),
             why="the worst figure would be at the bottom"),
    Mutation("no-red-border", "card_html",
             'risk = " risk" if standing.at_risk else ""', 'risk = ""',
             (J + "test_headline_cards_show_status_pace_and_risk",
              P + "test_overview_cards_show_pace_for_every_district"),
             (B + "test_overview_shows_pace_and_what_needs_attention",),
             why="a card behind pace would look like the others"),
    # -- the focus-task scoreboard ------------------------------------------------------------------
    Mutation("focus-100-band-exclusive", "counts_sentence",
             '(pct >= 100, "đạt 100% trở lên")', '(pct > 100, "đạt 100% trở lên")',
             (J + "test_focus_counts_for_van_quan_as_the_report_writes_them",),
             why="five tasks at 100% would not count as done"),
    Mutation("focus-scoreboard-ignores-the-report", "scoreboard",
             'standing_of({**t, "direction": "higher"', 'standing_of({**t, "status": None, "direction": "higher"',
             (J + "test_focus_scoreboard_for_bac_son_carries_the_reports_marks",
              P + "test_focus_scoreboard_shows_each_tasks_judgement"),
             why="Bắc Sơn's '(đạt)' and '(chưa đạt)' would vanish from its scoreboard"),
    # -- the data layer and its guards (the other nine) ----------------------------------------
    Mutation("number-separators-swapped", "format_number",
             'return text.replace(",", "\\x00").replace(".", ",").replace("\\x00", ".")', "return text",
             ("tests/test_numbers_and_periods.py::test_formats_as_a_leader_reads",),
             why="26.974 would read 26,974"),
    Mutation("nine-months-read-as-q3", "parse_period",
             'return _CUMULATIVE_ALIASES.get(months, f"{months}M")',
             'return "Q3" if months == 9 else _CUMULATIVE_ALIASES.get(months, f"{months}M")',
             ("tests/test_numbers_and_periods.py::test_reads_period_labels",),
             why="'9 tháng' would be the third quarter"),
    Mutation("any-password-accepted", "verify_password",
             "return hmac.compare_digest(actual, expected)", "return True",
             ("tests/test_import_safety.py::test_passwords_are_scrypt_hashed_and_verified",
              P + "test_upload_page_asks_an_editor_to_log_in_and_refuses_a_wrong_password"),
             why="a wrong password would log in"),
    Mutation("formula-guard-only-for-equals", "formula_like",
             "value.startswith(FORMULA_STARTS)", 'value.startswith("=")',
             ("tests/test_exports.py::test_table_export_keeps_numbers_as_numbers_and_neutralises_formulas",
              "tests/test_text_at_the_door.py::test_every_file_the_app_writes_keeps_formula_text_inert"),
             why="'+1', '-2', '@SUM' in an exported table would not be marked as text"),
    Mutation("sources-district-filter-ignored", "source_lookup",
             "($district IS NULL OR f.district = $district)", "($district IS NULL OR TRUE)",
             (Q + "test_source_lookup_narrows_to_one_district",
              P + "test_sources_district_filter_leaves_out_the_other_districts"),
             root="queries", why="huyen= on the sources page would show every district"),
    # -- import, undo and the current figure (modules being reorganised: anchors by function name) ------
    Mutation("zip-size-guard-off", "take",
             "if self.used > MAX_UNPACKED_BYTES:", "if False:",
             ("tests/test_import_safety.py::test_a_zip_that_unpacks_to_an_absurd_size_is_refused",),
             why="a small upload unpacking to gigabytes would be read"),
    Mutation("hidden-characters-let-in", "clean_text_cells",
             "dirty = {v for v in texts if HIDDEN.search(v) or (not keep_lines and LINE_BREAKS.search(v))}",
             "dirty = set()",
             ("tests/test_text_at_the_door.py::test_control_and_invisible_characters_are_cleaned_and_named",),
             why="a \\x07 in a name would break the template; a zero-width space would make a look-alike code"),
    Mutation("report-date-unbounded", "check_ranges",
             "and not FIRST_REPORT_DATE <= d <= latest", "and False",
             ("tests/test_text_at_the_door.py::test_a_report_date_out_of_the_window_is_refused",),
             why="a report dated 31/12/9999 would stay current forever"),
    Mutation("figures-unbounded", "check_ranges",
             "out = given & ~(np.abs(values) <= limit)", "out = given & False",
             ("tests/test_text_at_the_door.py::test_figures_beyond_plausible_bounds_are_refused",),
             why="1.7e308 would be stored and shown as a 300-digit number"),
    Mutation("sheet-area-unchecked", "grow",
             "if self.rows * self.cols > MAX_AREA:", "if False:",
             ("tests/test_hostile_files.py::test_a_hostile_file_is_refused_quickly_in_little_memory[sparse_columns]",),
             why="a sheet with a cell in column XFD would be laid out as millions of empty cells"),
    Mutation("upload-read-in-the-server", "load_sheets",
             "if isolated:", "if False:",
             ("tests/test_hostile_files.py::test_the_reader_dying_on_a_file_does_not_take_the_server_with_it",),
             why="an upload the shape scan missed would make the reader abort the whole server"),
    Mutation("duplicates-let-through", "check_duplicates",
             "if not repeated.any():", "if True:",
             ("tests/test_store_and_import.py::test_a_new_indicator_without_code_given_twice_is_a_duplicate",),
             why="the same figure twice with different values would both be imported"),
    Mutation("undo-does-not-restore", "_undo",
             # the call's arguments are left as they are: only the recomputation is skipped
             "refresh_current(con", "(lambda *_: None)(con",
             ("tests/test_store_and_import.py::test_undo_restores_the_values_an_import_replaced",),
             why="an undone import's values would stay current"),
)


# ---- anchoring ---------------------------------------------------------------------------------

def _functions(path: Path, name: str) -> list[tuple[int, int]]:
    """Character spans of every function or method called `name` in a Python file."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    spans = []
    for node in ast.walk(ast.parse(text, filename=str(path))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            spans.append((starts[node.lineno - 1], starts[node.end_lineno]))
    return spans


def locate(mutation: Mutation, project: Path = PROJECT) -> tuple[Path, int]:
    """The file and offset of the mutation's text, inside its function; AnchorError unless exactly one."""
    root = project / mutation.root
    if mutation.root == "queries":
        places = [(path, (0, len(path.read_text(encoding="utf-8"))))
                  for path in sorted(root.rglob(f"{mutation.function}.sql"))]
    else:
        places = [(path, span) for path in sorted(root.rglob("*.py"))
                  if f"def {mutation.function}" in path.read_text(encoding="utf-8")
                  for span in _functions(path, mutation.function)]
    where = f"{mutation.function} under {mutation.root}/"
    if len(places) != 1:
        raise AnchorError(f"{mutation.name}: {len(places)} definitions of {where} (want exactly one): "
                          + ", ".join(str(p.relative_to(project)) for p, _ in places))
    path, (start, end) = places[0]
    body = path.read_text(encoding="utf-8")[start:end]
    count = body.count(mutation.find)
    if count != 1:
        raise AnchorError(f"{mutation.name}: the text {mutation.find!r} is in {where} "
                          f"({path.relative_to(project)}) {count} times, not once")
    return path, start + body.index(mutation.find)


def apply(mutation: Mutation, project: Path) -> Path:
    path, offset = locate(mutation, project)
    text = path.read_text(encoding="utf-8")
    broken = text[:offset] + mutation.replace + text[offset + len(mutation.find):]
    if path.suffix == ".py":
        compile(broken, str(path), "exec")  # a breakage must change behaviour, not stop the import
    path.write_text(broken, encoding="utf-8")
    return path


# ---- running -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    name: str
    verdict: str   # "caught", "survived", "error" (for the unbroken copy: "passed" or "failed")
    seconds: float
    detail: str


def copy_project(into: Path) -> Path:
    """The working tree as it is now (reports in data/reports included), at into/<name>."""
    copy = into / PROJECT.name
    shutil.copytree(PROJECT, copy, ignore=IGNORED, symlinks=True)
    return copy


def _environment(copy: Path) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("INDICATORS_", "PYTEST_", "MUTATIONS")) and k != "PYTHONPATH"}
    env.update(PYTHONPATH=str(copy), PYTHONDONTWRITEBYTECODE="1", INDICATORS_USERS=str(copy / "no-users.json"))
    return env


def _pytest(copy: Path, node_ids: list[str], stop_at_first: bool) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--no-header", "-rf"]
    if stop_at_first:
        command.append("-x")
    return subprocess.run(command + node_ids, cwd=copy, env=_environment(copy), capture_output=True, text=True,
                          timeout=MUTANT_TIMEOUT)


def _tail(process: subprocess.CompletedProcess, lines: int = 15) -> str:
    return "\n".join((process.stdout + process.stderr).strip().splitlines()[-lines:])


def _failed(process: subprocess.CompletedProcess) -> list[str]:
    """The "FAILED node - reason" lines of pytest's short summary."""
    return [line.removeprefix("FAILED ")[:160] for line in process.stdout.splitlines() if line.startswith("FAILED ")]


def run_unbroken(node_ids: list[str]) -> Outcome:
    """The paired tests on a copy with no breakage: they must pass, from the copy's own code."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="mutations-") as tmp:
        copy = copy_project(Path(tmp))
        where = subprocess.run([sys.executable, "-c", "import indicators; print(indicators.__file__)"], cwd=copy,
                               env=_environment(copy), capture_output=True, text=True, timeout=60)
        if not where.stdout.strip().startswith(str(copy)):
            return Outcome("unbroken", "failed", time.monotonic() - started,
                           f"the copy imports indicators from {where.stdout.strip() or where.stderr.strip()}")
        process = _pytest(copy, node_ids, stop_at_first=False)
    verdict = "passed" if process.returncode == 0 else "failed"
    return Outcome("unbroken", verdict, time.monotonic() - started, _tail(process))


def run_mutation(mutation: Mutation, full: bool, every_test: bool = False) -> Outcome:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=f"mutation-{mutation.name}-") as tmp:
        copy = copy_project(Path(tmp))
        try:
            changed = apply(mutation, copy)
        except (AnchorError, SyntaxError) as exc:
            return Outcome(mutation.name, "error", time.monotonic() - started, str(exc))
        try:
            process = _pytest(copy, mutation.node_ids(full), stop_at_first=not every_test)
        except subprocess.TimeoutExpired:
            return Outcome(mutation.name, "error", time.monotonic() - started,
                           f"the tests took over {MUTANT_TIMEOUT} s")
    seconds = time.monotonic() - started
    where = f"{changed.relative_to(copy)}: {mutation.find!r} -> {mutation.replace!r}"
    if process.returncode == 1:  # tests ran and failed
        return Outcome(mutation.name, "caught", seconds, "\n".join([where, *_failed(process)]))
    if process.returncode == 0:
        return Outcome(mutation.name, "survived", seconds, f"{where}\nevery paired test passed:\n{_tail(process)}")
    # 2 interrupted (a collection error), 3 internal error, 4 usage (a test id not found), 5 no tests
    return Outcome(mutation.name, "error", seconds, f"{where}\npytest exited {process.returncode}:\n{_tail(process)}")


def run_all(mutations=MUTATIONS, full: bool = False, workers: int | None = None,
            every_test: bool = False) -> dict[str, Outcome]:
    """The unbroken copy and every breakage, a few at a time; results by name ("unbroken" for the first)."""
    for mutation in mutations:  # every anchor first, so a moved function fails at once and by name
        locate(mutation)
    workers = workers or max(1, min(2, os.cpu_count() or 1))
    paired = sorted({node for m in mutations for node in m.node_ids(full)})
    with ThreadPoolExecutor(max_workers=workers) as pool:
        unbroken = pool.submit(run_unbroken, paired)
        broken = {m.name: pool.submit(run_mutation, m, full, every_test) for m in mutations}
        results = {"unbroken": unbroken.result()}
        results.update({name: future.result() for name, future in broken.items()})
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="breakages to run (default: all)")
    parser.add_argument("--full", action="store_true", help="also the browser tests paired with each breakage")
    parser.add_argument("--list", action="store_true", help="list the breakages and their anchors")
    parser.add_argument("--every-test", action="store_true",
                        help="run every paired test of each breakage instead of stopping at the first failure")
    parser.add_argument("--verbose", "-v", action="store_true", help="show the failing tests of caught breakages")
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args(argv)
    by_name = {m.name: m for m in MUTATIONS}
    unknown = [n for n in args.names if n not in by_name]
    if unknown:
        parser.error(f"unknown breakage(s): {', '.join(unknown)}")
    chosen = [by_name[n] for n in args.names] or list(MUTATIONS)
    try:
        for m in chosen:  # every anchor first: a moved function or text stops the check, by name
            locate(m)
    except AnchorError as exc:
        print(f"ANCHOR NOT FOUND: {exc}", file=sys.stderr)
        return 2
    if args.list:
        for m in chosen:
            path, _ = locate(m)
            print(f"{m.name:38} {path.relative_to(PROJECT)}:{m.function}  {m.why}")
            for node in m.node_ids(True):
                print(f"{'':38} {node}")
        return 0
    started = time.monotonic()
    results = run_all(chosen, full=args.full, workers=args.workers, every_test=args.every_test)
    for outcome in results.values():
        print(f"{outcome.verdict:9} {outcome.seconds:6.1f} s  {outcome.name}")
        if outcome.verdict not in ("caught", "passed") or args.verbose:
            print("          " + outcome.detail.replace("\n", "\n          "))
    bad = [o for o in results.values() if o.verdict not in ("caught", "passed")]
    print(f"{len(results) - 1} breakages, {len(bad)} not caught or not judged, {time.monotonic() - started:.0f} s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
