"""The wordings of the risk lists' rounds 3 and 4 (issue 9), one data module a helper and round:
`CASES` (locale, text, level, category), a look-alike at level "none"; `MINIMUM`, the fewest
variants and look-alikes each language has; where the round added `together` rules checked here,
`REACHED_RULES` (locale, which rules). tests/test_risk_rounds.py runs them all."""
