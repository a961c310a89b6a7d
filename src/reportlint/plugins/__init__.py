"""Plugins: the pluggy hooks (`hookspecs`), the manager that loads built-in and installed plugins
(`manager`), and reportlint's own plugin (`builtin`)."""
