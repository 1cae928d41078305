"""The build stage: run content → render and put the result in output/ atomically.

The orchestrator (pipeline), rendering on every core (parallel), the atomic writer and
serve's claim on output/ (output), incremental rebuilds for the dev server
(incremental) and the link check of a built site (check).
"""
