#!/bin/sh
# Branch coverage of the test suite, the `reportlint` command lines the tests start included
# (pyproject.toml [tool.coverage.run]: patch = ["subprocess"], parallel data files combined here).
#
#   scripts/coverage.sh [pytest arguments]      e.g. scripts/coverage.sh tests/test_cli.py
#
# Uses the python of $PYTHON, else .venv/bin/python, else python3 (coverage >= 7.10.3: pip install '.[test]').
set -u
cd "$(dirname "$0")/.."
if [ -n "${PYTHON:-}" ]; then py=$PYTHON; elif [ -x .venv/bin/python ]; then py=.venv/bin/python; else py=python3; fi

rm -f .coverage .coverage.*
"$py" -m coverage run -m pytest -p no:cacheprovider "$@"
tests=$?
# data files of children the tests kill on purpose (timeouts, Ctrl-C) are incomplete: combine warns and skips them
"$py" -m coverage combine -q 2>&1 | grep -v -e "CoverageWarning" -e "data._warn" >&2
rm -f .coverage.*
"$py" -m coverage report --skip-covered --sort=cover
if [ "$tests" -ne 0 ]; then
    echo "the tests failed (pytest exit $tests): the figures above are incomplete" >&2
fi
exit "$tests"
