"""Loopback fakes that speak real protocols to the real client libraries (no mocks)."""
