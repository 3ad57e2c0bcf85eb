"""A local stand-in for the Telegram Bot API, for end-to-end tests, playground and benchmarks.

Usage::

    standin = BotAPIStandIn(api_spec=Path(".../api.json"))
    await standin.start()
    app = Application.builder().token(standin.token).base_url(standin.base_url).build()
    user = standin.user()
    await user.send("/start")

The package is deliberately standalone (no imports from the rest of ``bot``) so it can
drive any bot build, including old ones in benchmarks.
"""

from .calls import ApiCall
from .formatting import EntityParseError, parse_formatted, utf16_len
from .server import BotAPIStandIn
from .spec import ApiSpec, Upload, load_spec
from .state import ApiError
from .users import SimUser, StandInUsageError

__all__ = [
    "ApiCall",
    "ApiError",
    "ApiSpec",
    "BotAPIStandIn",
    "EntityParseError",
    "SimUser",
    "StandInUsageError",
    "Upload",
    "load_spec",
    "parse_formatted",
    "utf16_len",
]
