"""Local tooling: the text simulator, its interaction-model NLU, request envelope builders,
built-in slot values and the interaction-model linter. Never imported on the Lambda path."""
