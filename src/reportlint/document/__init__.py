"""The bound document: positioned YAML matched against a rule pack (`bind`, `bind_sections`,
`bind_tables`) into the `Document` the checks read (`model`), with the scalar fields (`meta`,
`report_model`) and cell values (`numbers`)."""
