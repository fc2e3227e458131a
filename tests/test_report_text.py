"""The sources page opens a report at the quoted sentence: the view that finds the sentence in the
report's own text and marks it (every character of the report escaped), and the page a leader reads."""
from __future__ import annotations

import html
import re
from collections import namedtuple

import pytest
from streamlit.testing.v1 import AppTest

from indicators.store.database import PROJECT_DIR
from indicators.views import report_text as rt
from indicators.views import sources

# One real statement per shipped report, quoted as the shipped data stores it
REAL_QUOTES = {
    # 000: Văn Quan, 9 tháng 2024
    "000_72e49cc3d83d93a7.txt": "có 05 chủ thể đã gửi đơn tham gia chương trình để được đánh giá, phân hạng sản phẩm",
    # 001: Văn Quan, 6 tháng 2020
    "001_a2b00ce3a1f28bad.txt": "Xã Tú Xuyên: hiện nay đã đạt 10 tiêu chí",
    # 002: Bắc Sơn, 28/8/2024 (the report has '**\\*Kết quả:** Tổng thu ...' around it)
    "002_1c753b00058e0a8b.txt": "Tổng thu ngân sách trên địa bàn huyện, ước thu lũy kế đến ngày 30/9/2024, đạt 49.000 trđ; "
                                "đạt 136% so với dự toán tỉnh giao; đạt 119% so với dự toán huyện giao; "
                                "bằng 130% so với cùng kỳ: (đạt)",
    # 003: Văn Quan, meeting of 24/9/2024
    "003_c2a1555fca01a86f.txt": "Vốn sự nghiệp kinh tế năm 2024: giải ngân được 6.733,703 triệu đồng, đạt tỷ lệ 34,2% KH",
    # 004: Tràng Định, data to 30/7/2024
    "004_8ee23ba8d346291e.txt": "Tổng chi ngân sách địa phương: 395.549 triệu đồng, đạt 50,08% dự toán tỉnh giao "
                                "và 49,8% huyện giao",
}


def marked_text(fragment: str) -> str:
    """What the leader sees highlighted: the text inside every <mark>, tags gone, entities decoded, a
    space where the sentence runs on into the next paragraph."""
    paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", fragment, flags=re.S)
    marked = ["".join(re.findall(r"<mark[^>]*>(.*?)</mark>", p, flags=re.S)) for p in paragraphs]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", part)) for part in marked if part)


def single_spaced(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("source_file", sorted(REAL_QUOTES))
def test_the_sentence_is_marked_in_each_shipped_report(source_file):
    quote = REAL_QUOTES[source_file]
    view = rt.report_view(source_file, quote, anchor="cau")
    assert view.has_text and view.found == 1 and view.message == ""
    assert single_spaced(marked_text(view.html)) == quote
    assert view.html.count('<mark id="cau">') == 1
    # the whole report is there to read around it, Markdown marks gone
    assert len(view.html) > 10_000 and "**" not in view.html


def test_every_quote_of_the_shipped_data_is_found_in_its_report(shipped_db):
    from indicators.store import database as store

    with store.connect(shipped_db, read_only=True) as con:
        rows = con.execute("SELECT DISTINCT source_file, quote FROM indicator_history").fetchall()
    assert len(rows) > 200
    lost = [(f, q[:60]) for f, q in rows if rt.report_view(f, q).found == 0]
    assert lost == []


def test_a_sentence_repeated_in_a_report_is_marked_where_its_task_is():
    # 000 closes tasks 6, 7, 9 and 10 alike with "Đánh giá: 100% Kế hoạch."; task 7 is
    # "Tập trung chỉ đạo, phần đầu có từ 60% trở lên Nhà Văn hóa thôn đạt chuẩn."
    view = rt.report_view("000_72e49cc3d83d93a7.txt", "Đánh giá: 100% Kế hoạch.",
                          "Phấn đấu có từ 60% trở lên Nhà Văn hóa thôn đạt chuẩn", anchor="cau")
    assert view.found == 1 and view.message == ""
    before = html.unescape(re.sub(r"<[^>]+>", "", view.html[:view.html.index("<mark")]))
    last_task = re.findall(r"Nhiệm vụ \d+\.", before)[-1]
    assert last_task == "Nhiệm vụ 7."
    # without a name to go by, all four places are marked and the leader is told so
    unnamed = rt.report_view("000_72e49cc3d83d93a7.txt", "Đánh giá: 100% Kế hoạch.")
    assert unnamed.found == 4 and "4 chỗ" in unnamed.message and unnamed.html.count("<mark") == 4


@pytest.fixture
def reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "bao_cao.txt").write_text(
        "## **BÁO CÁO** <script>alert('x')</script>\n\n"
        "Doanh thu <img src=x onerror=alert(1)> & \"lãi\": **đạt   49.000 trđ**<sup>10</sup>, "
        "tăng 5%\nso với cùng kỳ.\n\n---\n\n<b>Kết luận</b> của phiên họp.\n",
        encoding="utf-8")
    (tmp_path / "bi_mat.txt").write_text("mật khẩu", encoding="utf-8")
    return folder


def test_the_report_text_never_acts_as_html(reports):
    view = rt.report_view("bao_cao.txt", "đạt 49.000 trđ10, tăng 5% so với cùng kỳ", folder=reports)
    assert view.found == 1
    tags = set(re.findall(r"</?([a-z]+)", view.html))
    assert tags <= {"p", "mark", "sup"}
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in view.html
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;lãi&quot;" in view.html
    assert "&lt;b&gt;Kết luận&lt;/b&gt;" in view.html
    # spacing, bold marks, the footnote mark and the line break inside the sentence do not stop the match
    assert single_spaced(marked_text(view.html)) == "đạt 49.000 trđ10, tăng 5% so với cùng kỳ"
    assert "<sup><mark>10</mark></sup>" in view.html


def test_a_quote_with_html_in_it_is_escaped_too(reports):
    view = rt.report_view("bao_cao.txt", "<b>Kết luận</b> của phiên họp.", folder=reports)
    assert view.found == 1 and "<mark>&lt;b&gt;Kết luận&lt;/b&gt; của phiên họp.</mark>" in view.html


@pytest.mark.parametrize("name", ["../bi_mat.txt", "../../etc/passwd", "/etc/passwd", "..", ".", "",
                                  "con/bao_cao.txt", "..\\bi_mat.txt", "bao_cao.txt\0", None, 3])
def test_only_files_inside_the_reports_folder_are_read(reports, name):
    assert rt.report_path(name, reports) is None
    view = rt.report_view(name, "mật khẩu", folder=reports)
    assert not view.has_text and view.message == rt.MISSING and view.html == ""


def test_a_link_leading_out_of_the_reports_folder_is_refused(reports, tmp_path):
    (reports / "lien_ket.txt").symlink_to(tmp_path / "bi_mat.txt")
    assert rt.report_path("lien_ket.txt", reports) is None
    assert rt.report_path("bao_cao.txt", reports) == (reports / "bao_cao.txt").resolve()


def test_a_report_not_held_says_only_the_quote_is(reports):
    view = rt.report_view("tai_len_2025.txt", "Thu ngân sách đạt 26.974 triệu đồng", folder=reports)
    assert (view.has_text, view.found, view.html) == (False, 0, "")
    assert view.message == "Không có bản văn của báo cáo này trong hệ thống; chỉ có câu trích dẫn."


def test_a_quote_not_in_the_report_says_so_and_shows_the_text(reports):
    view = rt.report_view("bao_cao.txt", "đạt 50.000 trđ", folder=reports)
    assert view.has_text and view.found == 0 and view.message == rt.NOT_FOUND
    assert "<mark" not in view.html and "Kết luận" in view.html
    assert "<script" not in rt.fragment(view, "bao-cao-1")  # nothing to scroll to


def test_the_fragment_scrolls_its_own_box_to_the_mark(reports):
    view = rt.report_view("bao_cao.txt", "Kết luận", folder=reports)
    fragment = rt.fragment(view, "bao-cao-7")
    assert '<div class="rt-box" id="bao-cao-7">' in fragment
    assert 'document.getElementById("bao-cao-7")' in fragment and "scrollTop" in fragment
    with pytest.raises(ValueError):
        rt.fragment(view, 'x");alert(1);("')


Statement = namedtuple("Statement", "source reported_on basis as_of as_of_stated undone")


@pytest.mark.parametrize("statement, expected", [
    # 002, 28/8/2024: "ước thu lũy kế đến ngày 30/9/2024" (an estimate runs to its period's end)
    (Statement("Báo cáo của UBND huyện Bắc Sơn, 28/8/2024", "2024-08-28", "estimate", "2024-09-30", False, False),
     "Ngày báo cáo: 28/8/2024 · Loại số liệu: Ước thực hiện · Số liệu đến ngày: cuối kỳ (30/9/2024)"),
    # 004: data "đến ngày 30/7/2024"
    (Statement("Báo cáo của UBND huyện Tràng Định", "2024-07-30", "actual", "2024-07-30", True, False),
     "Ngày báo cáo: 30/7/2024 · Loại số liệu: Thực hiện · Số liệu đến ngày: 30/7/2024"),
    # 000, 12/9/2024: a result cannot run to 30/9, and the report gives no date
    (Statement("Báo cáo của UBND huyện Văn Quan", "2024-09-12", "actual", "2024-09-30", False, True),
     "Ngày báo cáo: 12/9/2024 · Loại số liệu: Thực hiện · Số liệu đến ngày: báo cáo không ghi · đã hoàn tác"),
    # a plan-only row has no kind and no cut-off
    (Statement("Báo cáo <b>", "2024-09-12", None, "2024-09-30", False, False), "Ngày báo cáo: 12/9/2024"),
])
def test_each_statement_says_its_report_date_kind_and_cutoff(statement, expected):
    import pandas as pd

    statement = statement._replace(reported_on=pd.Timestamp(statement.reported_on),
                                   as_of=pd.Timestamp(statement.as_of))
    title, facts = sources.statement_line(statement).split("  \n")
    assert facts == expected
    assert html.unescape(title) == f"**{statement.source}**" and "<" not in title  # the title never acts


def sources_page(monkeypatch, db, **params) -> AppTest:
    monkeypatch.setenv("INDICATORS_DB", str(db))
    at = AppTest.from_file(str(PROJECT_DIR / "pages/5_nguon_so_lieu.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def test_the_sources_page_opens_the_report_at_the_sentence(monkeypatch, app_db):
    at = sources_page(monkeypatch, app_db, huyen="Bắc Sơn", nam="2024", ky="9M", chi_tieu="thu_ngan_sach")
    table = at.dataframe[0].value
    row = table.iloc[0]
    assert len(table) == 1
    assert (row["Nguồn"], row["Loại số liệu"], row["Tệp nguồn"]) == (
        "Báo cáo của UBND huyện Bắc Sơn, 28/8/2024", "Ước thực hiện", "002_1c753b00058e0a8b.txt")
    assert row["Số liệu đến ngày"] == ""  # "đến ngày 30/9/2024" is the period's own end
    text = html.unescape("\n".join(m.value for m in at.markdown))
    assert "**Báo cáo của UBND huyện Bắc Sơn, 28/8/2024**" in text
    assert "Loại số liệu: Ước thực hiện" in text and "số liệu đang dùng" in text
    [expander] = at.expander
    assert expander.label == "Xem trong báo cáo"
    [report] = expander.get("html")
    assert single_spaced(marked_text(report.proto.body)) == REAL_QUOTES["002_1c753b00058e0a8b.txt"]
    assert "scrollTop" in report.proto.body


def test_the_sources_table_shows_a_cutoff_only_when_it_is_not_the_period_end(monkeypatch, app_db):
    at = sources_page(monkeypatch, app_db, huyen="Tràng Định", nam="2024", ky="9M", chi_tieu="chi_ngan_sach")
    row = at.dataframe[0].value.iloc[0]
    # 004: "Tổng chi ngân sách địa phương: 395.549 triệu đồng" with data to 30/7/2024
    assert (row["Thực hiện"], row["Loại số liệu"], row["Số liệu đến ngày"]) == ("395.549", "Thực hiện", "30/7/2024")
    assert "Số liệu đến ngày: 30/7/2024" in html.unescape("\n".join(m.value for m in at.markdown))
