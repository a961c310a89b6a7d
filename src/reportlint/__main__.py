"""`python -m reportlint` is the same as `reportlint`."""

import os
import sys

# `python -m` puts the current folder first on sys.path. reportlint is run inside folders of
# downloaded reports: a `*.dist-info` or a module there must not be taken for an installed plugin.
if sys.path and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]

from reportlint.cli.main import run

run()
