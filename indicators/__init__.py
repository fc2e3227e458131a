"""Data layer of the Lạng Sơn district indicator dashboard.

Spreadsheets (data/*.xlsx, uploads) -> checked rows -> DuckDB (numbered migrations)
-> the view `indicator_facts` -> named .sql files in queries/.
"""
