"""Synthetic cohorts for rehearsing nbgrader."""
