"""The pieces of `scripts/bench`: measuring processes, making test data, the servers under
test, a pseudo-terminal for the TUI figures, the figures themselves and the table."""
