"""The benchmark's office files (issue 14) are what they claim to be, and their targets are judged honestly:
names as offices vary them match the catalogue, exactly 400 are new, text numbers read as the same figures,
and a time just over 2 s or a ratio under 5× is reported as missed, with the floor beside it unjudged."""
from __future__ import annotations

import pytest

from bench import synthetic
from bench.office import (
    NEW_INDICATORS,
    office_lines,
    office_targets,
    write_long,
    write_wide,
)
from bench.report import _spread
from indicators.ingest.importer import plan_import
from indicators.store import database as store

ROWS = 1_800  # every indicator (200 known, 400 new) for each of the three districts, one period


@pytest.fixture(scope="module")
def scale_s(tmp_path_factory):
    return synthetic.generate(tmp_path_factory.mktemp("office") / "s.duckdb", synthetic.SCALES["S"])


def planned(db, path):
    with store.connect(db, read_only=True) as con:
        return plan_import(con, path, new_indicators=True)


@pytest.mark.parametrize("writer", ["names", "text_numbers", "wide"])
def test_office_files_match_the_catalogue_and_bring_exactly_400_new_indicators(scale_s, tmp_path, writer):
    path = tmp_path / f"{writer}.xlsx"
    if writer == "wide":
        write_wide(path, synthetic.SCALES["S"], ROWS)
    else:
        write_long(path, synthetic.SCALES["S"], ROWS, text_numbers=writer == "text_numbers")
    plan = planned(scale_s, path)
    assert plan.ready, (plan.read.errors[:3], plan.unmatched[:3])
    assert len(plan.rows) == ROWS
    assert len(plan.new_indicators) == NEW_INDICATORS
    assert plan.rows["indicator_code"].str.fullmatch(r"chi_tieu_\d{3}").sum() == 200 * 3  # "Tổng …", "(ha)" matched


def test_text_numbers_read_as_the_same_figures_as_numbers(scale_s, tmp_path):
    numbers = planned(scale_s, write_long(tmp_path / "n.xlsx", synthetic.SCALES["S"], ROWS))
    text = planned(scale_s, write_long(tmp_path / "t.xlsx", synthetic.SCALES["S"], ROWS, text_numbers=True))
    assert numbers.rows["actual"].tolist() == text.rows["actual"].tolist()
    # "Chỉ tiêu tổng hợp số 20 (tỷ đồng)" is converted to the catalogue's triệu đồng
    converted = numbers.rows[numbers.rows["indicator_code"] == "chi_tieu_020"]
    assert (converted["plan"] >= 1000).all()


def office(ours_runs, naive, floor=0.9, peak=450.0):
    runs = sorted(ours_runs)
    return {"names": {"rows": 100_000, "writer": "LibreOffice Calc 7.4", "file_mb": 3.4, "figures": 100_000,
                      "new_indicators": 400, "warnings": 0, "ours_s": runs[len(runs) // 2], "ours_runs_s": ours_runs,
                      "naive_s": naive, "floor_s": floor, "peak_mb": peak}}


def test_an_import_just_over_2_s_or_under_5x_naive_is_reported_as_missed():
    met = {t: (m, ok) for t, m, ok in office_targets("S", office([1.8, 1.9, 1.95], naive=10.0), _spread)}
    slow = {t: ok for t, _, ok in office_targets("S", office([2.0, 2.1, 2.2], naive=20.0), _spread)}
    close = {t: ok for t, _, ok in office_targets("S", office([1.5, 1.6, 1.7], naive=7.9), _spread)}
    target = ("S: 100,000-row office file (names, no codes; LibreOffice Calc 7.4) imported in < 2 s, "
              "≥ 5× naive (read_excel + one bulk insert)")
    assert met[target] == ("1.90 s (median of 3 runs, 1.80–1.95 s), naive 10.00 s, 5.3×", True)
    assert slow[target] is False and close[target] is False
    floor = "S: … floor, a bare python-calamine read of that file (reported, not judged)"
    assert met[floor] == ("0.90 s (ours is 2.1× the floor)", None)
    assert met["S: … peak memory of that import < 600 MB"] == ("450 MB", True)
    assert office_lines({}) == []
    assert "| names, no codes | 3.4 MB, LibreOffice Calc 7.4 | 100,000 (400 new indicators) | 1.90 s | 10.00 s | " \
           "5.3× | 0.90 s | 450 MB |" in office_lines(office([1.8, 1.9, 1.95], naive=10.0))


def test_the_template_file_the_benchmark_imports_passes_the_imports_checks(scale_s, tmp_path):
    """The benchmark times an accepted import: a synthetic figure the checks refuse (a '%' of 5.000)
    would make it time a refusal, or stop it."""
    path = synthetic.write_import_file(tmp_path / "template.xlsx", synthetic.SCALES["S"], ROWS)
    plan = planned(scale_s, path)
    assert plan.ready and not plan.read.errors, plan.read.errors[:3]
    assert len(plan.rows) == ROWS
