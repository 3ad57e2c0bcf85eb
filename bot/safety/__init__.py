"""Risk-phrase detection: does a visitor's message suggest they may be in danger right now?

See `bot.safety.detector` for how matching works and why; the lists are
`content/<locale>/safety.yaml`.
"""

from bot.safety.cli import run_risk_cli
from bot.safety.detector import NO_RISK, RiskAssessment, RiskDetector
from bot.safety.lists import SafetyProblem, load_safety
from bot.safety.normalize import normalize, tokens
from bot.safety.schema import (
    BASE_LOCALE,
    EMOJI_CATEGORY,
    FILE_NAME,
    OTHERS_CATEGORY,
    RiskLevel,
    SafetyLists,
)

__all__ = [
    "BASE_LOCALE",
    "EMOJI_CATEGORY",
    "FILE_NAME",
    "NO_RISK",
    "OTHERS_CATEGORY",
    "RiskAssessment",
    "RiskDetector",
    "RiskLevel",
    "SafetyLists",
    "SafetyProblem",
    "load_safety",
    "normalize",
    "run_risk_cli",
    "tokens",
]
