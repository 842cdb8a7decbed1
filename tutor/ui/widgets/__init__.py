"""Reusable widgets: the topology diagram and one question with its feedback."""
