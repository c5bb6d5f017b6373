"""Diagram and report commands (issue 5): filled in by the diagrams/reports work."""
