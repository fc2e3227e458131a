"""The dashboard as `python -m indicators serve` runs it: dashboard.py on Streamlit's own server,
with one addition in front (see indicators.serve.ChartCodeFirst). `streamlit run app.py` works too."""
import streamlit as st
from starlette.middleware import Middleware

from indicators.app.serve import ChartCodeFirst

app = st.App("dashboard.py", middleware=[Middleware(ChartCodeFirst)])
