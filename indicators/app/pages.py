"""The page registry: each page's file, address, title and icon, defined once for dashboard.py,
links between pages, `serve`, the benchmark and the tests."""
from __future__ import annotations

from dataclasses import dataclass

from indicators.store.database import PROJECT_DIR


@dataclass(frozen=True)
class PageInfo:
    file: str            # relative to the project, as st.Page and AppTest take it
    url_path: str        # "" for the default page, served at /
    title: str
    icon: str
    draws_charts: bool = True

    @property
    def path(self) -> str:
        """The page's address under the app's base URL."""
        return "/" + self.url_path

    @property
    def key(self) -> str:
        """Short stable name (the file's stem), used by the benchmark and in reports."""
        return self.file.rsplit("/", 1)[-1].removesuffix(".py")

    @property
    def absolute_file(self) -> str:
        return str(PROJECT_DIR / self.file)


OVERVIEW = PageInfo("pages/1_tong_quan.py", "", "Tổng quan", ":material/dashboard:")
COMPARISON = PageInfo("pages/2_so_sanh_huyen.py", "so-sanh-huyen", "So sánh huyện", ":material/bar_chart:")
TREND = PageInfo("pages/3_theo_thoi_gian.py", "theo-thoi-gian", "Theo thời gian", ":material/timeline:")
FOCUS = PageInfo("pages/4_nhiem_vu_trong_tam.py", "nhiem-vu-trong-tam", "Nhiệm vụ trọng tâm", ":material/task_alt:")
SOURCES = PageInfo("pages/5_nguon_so_lieu.py", "nguon-so-lieu", "Nguồn số liệu", ":material/description:")
COMMUNES = PageInfo("pages/7_xa_phuong.py", "xa-phuong", "Xã, phường", ":material/location_on:")
UPLOAD = PageInfo("pages/6_tai_so_lieu.py", "tai-so-lieu", "Tải số liệu", ":material/upload_file:",
                  draws_charts=False)

PAGES: tuple[PageInfo, ...] = (OVERVIEW, COMPARISON, TREND, COMMUNES, FOCUS, SOURCES, UPLOAD)
CHART_PAGES = tuple(p for p in PAGES if p.draws_charts)
