"""Plotly's toolbar and messages in Vietnamese. Streamlit's plotly.js registers no locale but
English, so the words travel with each chart in its config (`locales`, which plotly.js reads
before its registered ones) and `locale` picks them."""
from __future__ import annotations

LOCALE = "vi"

DICTIONARY = {
    "Autoscale": "Tự động co giãn",
    "Box Select": "Chọn vùng chữ nhật",
    "Compare data on hover": "So sánh số liệu khi rê chuột",
    "Download plot": "Tải biểu đồ",
    "Download plot as a PNG": "Tải biểu đồ (ảnh PNG)",
    "Download plot as a png": "Tải biểu đồ (ảnh PNG)",
    "Download plot as JSON": "Tải biểu đồ (JSON)",
    "Draw circle": "Vẽ hình tròn",
    "Draw closed freeform": "Vẽ hình tự do kín",
    "Draw line": "Vẽ đường thẳng",
    "Draw open freeform": "Vẽ nét tự do",
    "Draw rectangle": "Vẽ hình chữ nhật",
    "Erase active shape": "Xóa hình đang chọn",
    "Fullscreen": "Toàn màn hình",  # Streamlit's own button in the toolbar
    "Image download succeeded": "Đã tải ảnh biểu đồ",
    "JSON download succeeded": "Đã tải tệp JSON",
    "Lasso Select": "Chọn vùng tự do",
    "Pan": "Kéo biểu đồ",
    "Preparing image - this may take a few seconds": "Đang chuẩn bị ảnh, xin chờ vài giây",
    "Reset": "Đặt lại",
    "Reset axes": "Đặt lại trục",
    "Reset view": "Đặt lại khung nhìn",
    "Reset views": "Đặt lại khung nhìn",
    "Show closest data on hover": "Hiện số liệu gần nhất khi rê chuột",
    "Sorry, there was a problem downloading your image!": "Xin lỗi, chưa tải được ảnh biểu đồ.",
    "Sorry, there was a problem downloading your JSON file!": "Xin lỗi, chưa tải được tệp JSON.",
    "Toggle Spike Lines": "Bật/tắt đường gióng",
    "Toggle show closest data on hover": "Bật/tắt hiện số liệu gần nhất",
    "Zoom": "Phóng to vùng chọn",
    "Zoom in": "Phóng to",
    "Zoom out": "Thu nhỏ",
}

# What leaders use in a meeting: the picture download, zooming and going back. The rest goes.
BUTTONS_REMOVED = ["lasso2d", "select2d", "toggleSpikelines", "hoverClosestCartesian", "hoverCompareCartesian"]


def config() -> dict:
    """The part of a chart's Plotly config that makes its toolbar Vietnamese and short."""
    return {"locale": LOCALE, "locales": {LOCALE: {"dictionary": DICTIONARY}},
            "modeBarButtonsToRemove": list(BUTTONS_REMOVED)}
