"""The version of reportlint (read by the build backend and by `reportlint -V`)."""

__version__ = "0.1.0"
