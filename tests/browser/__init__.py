"""Helpers for the browser tests: sample graphs and a headless Chromium driven by playwright."""
