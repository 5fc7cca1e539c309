"""Fixtures for gazetteer tests."""
