"""Pages of the rounds area."""
