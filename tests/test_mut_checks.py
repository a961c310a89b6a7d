"""Decisive tests of the rule kinds' helpers (checks/arith.py, dates.py, urls.py): exact values,
messages and places, so that a changed operator or constant fails a test."""

from __future__ import annotations
