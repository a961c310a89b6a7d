"""An example reportlint plugin: a province that wants the agency name to end in its own words."""
