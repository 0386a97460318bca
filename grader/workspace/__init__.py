"""Learner workspaces and learner versions of the labs."""
