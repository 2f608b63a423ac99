"""Whole screens, one per task."""
