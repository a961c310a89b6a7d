#!/bin/sh
# Mutation testing of the core modules (arithmetic, binding, cell numbers, labels, dates, URLs,
# suppression, the order of findings, table matching): [tool.mutmut] in pyproject.toml names the
# modules and the in-process tests that must kill their mutants.
#
#   scripts/mutation.sh            run (resumes an interrupted run; rm -r mutants to start over)
#
# Prints the count of killed, survived and untested mutants per module and in all.
# Uses the mutmut of $MUTMUT, else .venv/bin/mutmut (pip install mutmut).
set -u
cd "$(dirname "$0")/.."
mutmut=${MUTMUT:-.venv/bin/mutmut}
"$mutmut" run --max-children "${JOBS:-2}" >/dev/null 2>&1
"$mutmut" results --all true 2>/dev/null | python3 -c '
import collections, re, sys
counts = collections.defaultdict(collections.Counter)
for line in sys.stdin:
    match = re.match(r"\s*(reportlint\.[a-z_.]+?)\.x.*: (.+)$", line.strip())
    if match:
        counts[match[1]][match[2].strip()] += 1
total = collections.Counter()
print(f"{\"module\":40} {\"killed\":>7} {\"survived\":>9} {\"no tests\":>9} {\"other\":>6} {\"score\":>7}")
for module, c in sorted(counts.items()):
    total.update(c)
    other = sum(v for k, v in c.items() if k not in ("killed", "survived", "no tests", "timeout"))
    done = sum(c.values()) - c["not checked"]
    score = 100 * (c["killed"] + c["timeout"]) / done if done else 0
    print(f"{module:40} {c[\"killed\"] + c[\"timeout\"]:7} {c[\"survived\"]:9} {c[\"no tests\"]:9} {other:6} {score:6.1f}%")
done = sum(total.values()) - total["not checked"]
score = 100 * (total["killed"] + total["timeout"]) / done if done else 0
print(f"{\"all\":40} {total[\"killed\"] + total[\"timeout\"]:7} {total[\"survived\"]:9} {total[\"no tests\"]:9} {\"\":6} {score:6.1f}%")
'
