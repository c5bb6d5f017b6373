"""Interchange commands (issue 7): export, import, schema."""
