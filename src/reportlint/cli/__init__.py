"""The command line: `reportlint FILE...` (`main`), the other commands (`commands`) and what
they share (`common`)."""
