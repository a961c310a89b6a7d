"""The built-in checks: generic kinds that read the rule pack. One module per rule family."""
