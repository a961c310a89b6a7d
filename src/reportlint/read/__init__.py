"""Stage 1 — reading input: a file's bytes to text (`source`), text to positioned YAML nodes
(`yamltree`). Knows nothing of the format; every problem is raised with its line and column."""
