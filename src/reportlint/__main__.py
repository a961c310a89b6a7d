"""`python -m reportlint` is the same as `reportlint`."""

import sys

from reportlint.cli import main

sys.exit(main())
