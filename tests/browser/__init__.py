"""Browser tests: the graph page in headless Chromium."""
