import pytest

from indicators.numbers import (
    NotANumber,
    format_number,
    format_percent,
    format_value,
    parse_vn_number,
)
from indicators.periods import parse_period, period_label, year_share_elapsed


@pytest.mark.parametrize("text, expected", [
    ("23.900", 23900), ("902,4", 902.4), ("112,4%", 112.4), ("1.234.567,89", 1234567.89),
    ("26974", 26974), ("-2,5", -2.5), (" 49.000 ", 49000), (715.96, 715.96), (2024, 2024),
    ("", None), (None, None),
])
def test_reads_vietnamese_numbers(text, expected):
    assert parse_vn_number(text) == pytest.approx(expected) if expected is not None else parse_vn_number(text) is None


@pytest.mark.parametrize("text", ["1.5", "abc", "12,3,4", "1 2 a", "#VALUE"])
def test_refuses_what_is_not_a_vietnamese_number(text):
    with pytest.raises(NotANumber):
        parse_vn_number(text)


def test_formats_as_a_leader_reads():
    assert format_number(26974) == "26.974"
    assert format_number(715.96) == "715,96"
    assert format_number(1234567.5) == "1.234.567,5"
    assert format_percent(112.4) == "112,4%"
    assert format_value(26974, "triệu đồng") == "26.974 triệu đồng"
    assert format_value(88, "% KH") == "88% KH"
    assert format_value(None, "ha") == ""
    assert format_number(60.26) == "60,26"


@pytest.mark.parametrize("text, code", [
    ("Quý I", "Q1"), ("quy 1", "Q1"), ("Q1", "Q1"), ("6 tháng", "H1"), ("6T", "H1"), ("9 tháng", "9M"),
    ("9T", "9M"), ("Cả năm", "FY"), ("NĂM", "FY"), ("Quý IV", "Q4"), ("8 tháng", "8M"), ("9 THANG", "9M"),
])
def test_reads_period_labels(text, code):
    assert parse_period(text) == code


def test_period_labels_and_pace():
    assert period_label("9M") == "9 tháng"
    assert period_label("H1") == "6 tháng"
    assert year_share_elapsed("9M") == 0.75
    assert parse_period("tháng mười ba") is None


def test_a_percentage_of_plan_the_dashboard_computed_has_one_decimal():
    from indicators.numbers import format_pct_of_plan

    assert format_pct_of_plan(795.81 / 750 * 100, computed=True) == "106,1%"  # 003/000: 795,81 of 750 ha
    assert format_pct_of_plan(112.4, computed=False) == "112,4%"  # the report's own, as written
    assert format_pct_of_plan(None, computed=True) == ""


def test_a_column_of_text_numbers_reads_as_each_cell_would_alone():
    from indicators.numbers import parse_vn_number, parse_vn_number_texts

    texts = ["1.234,5", "23.900", "902,4", "-15", "0", "1.234.567", "-0,5", "00012"]
    assert parse_vn_number_texts(texts).tolist() == [parse_vn_number(t) for t in texts]
    # anything doubtful sends the whole column one cell at a time, where each gets its message
    for doubtful in ("1.5", "12,", "112,4%", " 5", "1\n2", "#VALUE!", "khoảng 500", "٣٤"):
        assert parse_vn_number_texts([*texts, doubtful]) is None, doubtful
    assert parse_vn_number_texts([]) is None
