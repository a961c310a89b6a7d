"""A plugin whose import calls sys.exit(0): it must not end the run with exit 0."""

import sys

sys.exit(0)
