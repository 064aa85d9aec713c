"""What the skill remembers about a household: the model, its typed changes, and the
per-request context that loads it at most once and saves it at most once."""
