"""Qt-free figures every front end shows (the window and the CLI alike)."""
