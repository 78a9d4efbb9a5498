"""Qt-free data every front end shows or writes: P&L figures, exports."""
