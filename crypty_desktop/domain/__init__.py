"""Plain data and rules shared by every layer: no I/O, no Qt."""
