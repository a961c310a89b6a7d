"""The format as data: rule packs (`packs`), the rule catalogue (`catalog`), where the shipped
data lives (`resources`) and tolerant label matching (`labels`). Read by every later stage."""
