"""Every queries/*.sql runs with its declared parameters and returns its documented columns."""
import pytest
from conftest import connect_ro

from indicators.store.named import load_query, query_names, run_query

SAMPLE_PARAMS = {
    "year": 2024, "period": "9M", "indicator_codes": ["thu_ngan_sach", "trong_rung"], "indicator_code": "thu_ngan_sach",
    "districts": ["Văn Quan", "Bắc Sơn", "Tràng Định"], "district": "Bắc Sơn", "search": "ngan sach",
    "max_rows": 100, "first_row": 0,
}


@pytest.mark.parametrize("name", query_names())
def test_query_runs_and_returns_its_documented_columns(name, shipped_db):
    query = load_query(name)
    assert query.columns, f"{name}.sql has no '-- columns:' header"
    assert query.sql.lstrip().startswith("--"), f"{name}.sql must start with a header comment"
    with connect_ro(shipped_db) as con:
        result = run_query(con, name, **{p: SAMPLE_PARAMS[p] for p in query.params})
    assert tuple(result.columns) == query.columns
    assert len(result) > 0, f"{name}.sql returned nothing on the shipped data"


def test_parameters_are_bound_not_formatted(shipped_db):
    hostile = "x'; DROP TABLE facts_current; --"
    with connect_ro(shipped_db) as con:
        result = run_query(con, "source_lookup", search=hostile, district=None, year=None, period=None,
                           indicator_code=None, max_rows=10, first_row=0)
        assert result.empty
        assert con.execute("SELECT count(*) FROM facts_current").fetchone()[0] > 0


def test_a_query_refuses_undeclared_parameters(shipped_db):
    with connect_ro(shipped_db) as con, pytest.raises(TypeError):
        run_query(con, "focus_tasks", year=2024)
