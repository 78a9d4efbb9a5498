"""Qt-free data every front end shows or writes: exports."""
