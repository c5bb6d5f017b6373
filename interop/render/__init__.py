"""Render layer: turns analysis results into text, Markdown, HTML, DOT, Mermaid and reports.

Formatting only: every fact a renderer prints is a field of an analysis result. Modules are
imported on demand (``from interop.render import text``) to keep start-up small.
"""
