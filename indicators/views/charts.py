"""Plotly figures in one house style: Vietnamese number format, one colour per district,
fonts readable on a projector, colours that survive colour-blindness and print. Pages import
this module only; the style, the comparison chart and the trend chart live in their own modules."""
from __future__ import annotations

import re

from indicators.text import fold
from indicators.views.chart_style import (
    BASE_FONT,
    DISTRICT_COLOURS,
    DRAWN_TRACES,
    HOUSE_TEMPLATE,
    NO_DATA,
    PLAN_COLOUR,
    district_colour,
    style,
    wrap_title,
)
from indicators.views.comparison_chart import comparison_figure
from indicators.views.trend_chart import trend_figure

__all__ = ["BASE_FONT", "DEFAULT_COMPARISON", "DISTRICT_COLOURS", "DRAWN_TRACES", "HOUSE_TEMPLATE", "NO_DATA",
           "PLAN_COLOUR", "comparison_figure", "default_comparison", "district_colour", "file_slug",
           "plotly_config", "style", "trend_figure", "wrap_title"]

DEFAULT_COMPARISON = ("thu_ngan_sach", "trong_rung")


def default_comparison(codes: list[str]) -> list[str]:
    """What the comparison page shows before anyone chooses: revenue and forest, else the first two."""
    return [c for c in DEFAULT_COMPARISON if c in codes] or list(codes)[:2]


def file_slug(*parts) -> str:
    """Vietnamese words as a safe file name: 'So sánh', '9 tháng 2024' -> 'so-sanh-9-thang-2024'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(" ".join(str(p) for p in parts if p))).strip("-")[:120]


def plotly_config(file_name: str) -> dict:
    """Toolbar in Vietnamese (plotly_locale), trimmed to what leaders use: PNG download with a
    Vietnamese file name, zoom and reset; no Plotly logo."""
    from indicators.views import plotly_locale

    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": file_name, "scale": 2, "width": 1600, "height": 900},
        **plotly_locale.config(),
    }
