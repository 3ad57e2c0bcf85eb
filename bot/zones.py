"""Which time zone a visitor lives in, from the country they chose (and nothing else).

Only countries with one civil time are listed: for a country with several (the United States,
Russia, Brazil...) we cannot know which one without asking where someone is, and we never ask
that, so the service's own zone is shown instead, named. Countries of `crisis.yaml` missing from
both sets get a warning from `python -m bot content check`.
"""

from __future__ import annotations

# ISO 3166-1 alpha-2 -> IANA zone, for countries with a single civil time.
SINGLE_ZONE: dict[str, str] = {
    "AE": "Asia/Dubai",
    "AR": "America/Argentina/Buenos_Aires",
    "AT": "Europe/Vienna",
    "BE": "Europe/Brussels",
    "BH": "Asia/Bahrain",
    "BY": "Europe/Minsk",
    "CH": "Europe/Zurich",
    "CN": "Asia/Shanghai",
    "CO": "America/Bogota",
    "DE": "Europe/Berlin",
    "DZ": "Africa/Algiers",
    "EG": "Africa/Cairo",
    "FR": "Europe/Paris",
    "GB": "Europe/London",
    "HK": "Asia/Hong_Kong",
    "IE": "Europe/Dublin",
    "IQ": "Asia/Baghdad",
    "IR": "Asia/Tehran",
    "IT": "Europe/Rome",
    "JO": "Asia/Amman",
    "JP": "Asia/Tokyo",
    "KW": "Asia/Kuwait",
    "KZ": "Asia/Almaty",  # one time for the whole country since March 2024
    "LB": "Asia/Beirut",
    "LI": "Europe/Vaduz",
    "LY": "Africa/Tripoli",
    "MA": "Africa/Casablanca",
    "NL": "Europe/Amsterdam",
    "OM": "Asia/Muscat",
    "PK": "Asia/Karachi",
    "PL": "Europe/Warsaw",
    "PS": "Asia/Hebron",
    "QA": "Asia/Qatar",
    "SA": "Asia/Riyadh",
    "SD": "Africa/Khartoum",
    "SG": "Asia/Singapore",
    "SY": "Asia/Damascus",
    "TN": "Africa/Tunis",
    "TR": "Europe/Istanbul",
    "TW": "Asia/Taipei",
    "UA": "Europe/Kyiv",
    "YE": "Asia/Aden",
}

# Countries with more than one civil time: the service's zone is shown, named.
SEVERAL_ZONES: frozenset[str] = frozenset({"AU", "BR", "CA", "CL", "ES", "MX", "PT", "RU", "US"})


def zone_of(country: str | None) -> str | None:
    """The IANA zone of a country with a single civil time, else None."""
    return SINGLE_ZONE.get(country or "")
