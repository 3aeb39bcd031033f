"""Cultivation pages."""
