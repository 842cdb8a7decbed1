"""tutor: a terminal teaching companion for backing services."""

__version__ = "0.1.0"
