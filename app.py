"""The dashboard as `python -m indicators serve` runs it: dashboard.py on Streamlit's own server,
with two additions in front (see indicators.app.streamlit_compat): EditorsOnlyUploads refuses files
sent by sessions not logged in as editors before reading them, and ChartCodeFirst starts the chart
code with the page. `streamlit run app.py` works too."""
import streamlit as st
from starlette.middleware import Middleware

from indicators.app.streamlit_compat import (
    ChartCodeFirst,
    EditorsOnlyUploads,
    chart_code_first_enabled,
    pages_come_from_navigation,
)

pages_come_from_navigation()  # this module is loaded before the server listens, whatever launched it
middleware = [Middleware(EditorsOnlyUploads)]
if chart_code_first_enabled():
    middleware.append(Middleware(ChartCodeFirst))
app = st.App("dashboard.py", middleware=middleware)
