"""Hostile plugins for tests/test_hostile_isolation.py (issue 10): document loaders that hang,
balloon, raise, exit or crash their process, and plugins that are broken in every way a plugin can
be. Installed by the test through a generated dist-info; never by users."""
