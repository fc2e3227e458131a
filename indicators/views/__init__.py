"""What a page shows."""
from indicators.compat import memoize_plotly_key_paths

memoize_plotly_key_paths()  # every page builds its charts through this package
