"""The upload page with a name the catalogue does not know: the editor sees it with its closest
indicators, must choose one or 'Chỉ tiêu mới' before the confirm button works, and the preview is
planned again with the choice applied (issue 14, item 1)."""
import datetime as dt

from conftest import TINY_CATALOGUE, fact

from indicators.ingest.matching import NEW_INDICATOR
from indicators.ingest.template import write_workbook
from indicators.store import database as store

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def named(district, name, unit, actual):
    row = fact(district, 2024, "FY", None, "ca_nam.txt", dt.date(2025, 1, 10), "q", actual=actual)
    row.update(indicator_name=name, unit=unit)
    return row


def upload(at, path):
    at.file_uploader[0].set_value((path.name, path.read_bytes(), XLSX)).run()
    assert not at.exception, at.exception
    return at


def confirm_button(at):
    return next(b for b in at.button if b.label == "Xác nhận ghi vào cơ sở dữ liệu")


def choice(at, name):
    return next(s for s in at.selectbox if s.label == f"'{name}' là chỉ tiêu nào?")


def test_an_unknown_name_waits_for_a_choice_then_lands_as_a_new_indicator(editor_page, tmp_path):
    at, db = editor_page
    path = write_workbook(tmp_path / "ca_nam_2024.xlsx", [
        named("Văn Quan", "Tổng thu NSNN trên địa bàn (triệu đồng)", "triệu đồng", 41000),
        named("Văn Quan", "Chi ngân sách", "triệu đồng", 300000),
    ], TINY_CATALOGUE)
    upload(at, path)
    assert any("1 tên chỉ tiêu trong tệp không khớp" in w.value for w in at.warning)
    table = at.dataframe[0].value
    assert table["Tên trong tệp"].tolist() == ["Chi ngân sách"]
    assert "Thu ngân sách nhà nước trên địa bàn (triệu đồng) – giống" in table["Gợi ý gần nhất"][0]
    assert confirm_button(at).disabled
    box = choice(at, "Chi ngân sách")
    assert box.options[-1].startswith("Chỉ tiêu mới: 'Chi ngân sách'")
    assert box.value is None

    box.set_value(NEW_INDICATOR).run()
    assert not at.exception
    assert any(s.value == "Xem trước thay đổi" for s in at.subheader)
    assert not confirm_button(at).disabled
    confirm_button(at).click().run()
    assert any("Đã nhập xong" in s.value for s in at.success)
    with store.connect(db) as con:
        catalogue = store.load_catalogue(con)
        rows = con.execute("SELECT indicator_code, actual FROM facts_current WHERE year = 2024 AND period = 'FY' "
                           "ORDER BY actual").fetchall()
    new = [c for c, e in catalogue.items() if e["name"] == "Chi ngân sách"]
    assert rows == [("thu_ngan_sach", 41000), (new[0], 300000)]


def test_picking_a_suggestion_lands_the_figure_there_and_keeps_the_name(editor_page, tmp_path):
    at, db = editor_page
    path = write_workbook(tmp_path / "rung.xlsx", [named("Bắc Sơn", "DT rừng trồng mới", "ha", 700)], TINY_CATALOGUE)
    upload(at, path)
    choice(at, "DT rừng trồng mới").set_value("trong_rung").run()
    assert not at.exception and not confirm_button(at).disabled
    confirm_button(at).click().run()
    assert any("Đã nhập xong" in s.value for s in at.success)
    with store.connect(db) as con:
        assert store.load_catalogue(con)["trong_rung"]["aliases"] == "DT rừng trồng mới"
        assert con.execute("SELECT actual FROM facts_current WHERE district = 'Bắc Sơn' AND year = 2024 "
                           "AND period = 'FY' AND indicator_code = 'trong_rung'").fetchone() == (700,)
