"""The dashboard as `python -m indicators serve` runs it: dashboard.py on Streamlit's own server,
with one addition in front (see indicators.app.streamlit_compat.ChartCodeFirst). `streamlit run app.py` works too."""
import streamlit as st
from starlette.middleware import Middleware

from indicators.app.streamlit_compat import ChartCodeFirst, chart_code_first_enabled

app = st.App("dashboard.py", middleware=[Middleware(ChartCodeFirst)] if chart_code_first_enabled() else [])
