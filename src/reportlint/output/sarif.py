"""`--format sarif`: SARIF 2.1.0, one run, the rules' documentation in ``tool.driver.rules``."""

from __future__ import annotations

import json
from typing import IO

from reportlint.output import Options, Results
from reportlint.version import __version__

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def write(results: Results, stream: IO[str], options: Options) -> None:
    from reportlint.format.catalog import catalog

    docs = catalog()
    lang = options.lang
    rules = [
        {
            "id": d.code,
            "name": d.name,
            "shortDescription": {"text": d.summary[lang]},
            "fullDescription": {"text": d.what[lang] or d.summary[lang]},
            "help": {"text": f"{d.why[lang]}\n{d.basis[lang]}".strip()},
            "defaultConfiguration": {"level": _LEVEL[d.severity]},
            "properties": {"basis": d.basis[lang], "sure": d.sure},
        }
        for d in docs.values()
    ]
    index = {d.code: n for n, d in enumerate(docs.values())}
    out = []
    for _, findings in results:
        for f in findings:
            result: dict[str, object] = {
                "ruleId": f.code,
                "level": _LEVEL[f.severity],
                "message": {"text": f.message(lang)},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": f.file.replace("\\", "/")},
                            "region": {"startLine": f.line, "startColumn": f.column},
                        },
                        **({"logicalLocations": [{"fullyQualifiedName": f.path}]} if f.path else {}),
                    }
                ],
            }
            if f.code in index:
                result["ruleIndex"] = index[f.code]
            if f.related:
                result["relatedLocations"] = [
                    {
                        "id": n,
                        "physicalLocation": {
                            "artifactLocation": {"uri": f.file.replace("\\", "/")},
                            "region": {"startLine": r.line, "startColumn": r.column},
                        },
                        "message": {"text": r.path or ""},
                    }
                    for n, r in enumerate(f.related)
                ]
            out.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "reportlint",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/reportlint/",
                        "rules": rules,
                    }
                },
                "results": out,
            }
        ],
    }
    json.dump(log, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
