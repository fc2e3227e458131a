"""Streamlit glue."""
