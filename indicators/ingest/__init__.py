"""A file becomes figures."""
