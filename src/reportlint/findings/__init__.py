"""Findings: what a check reports (`finding`), how it is made from the catalogue's messages
(`emit`), and suppression comments (`suppress`)."""
