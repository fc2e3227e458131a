"""The benchmark and its synthetic data, outside the shipped package."""
