"""Which season it is where the household lives, from its time zone and local date.

Alexa tells a skill the device's IANA time zone, not its latitude; the zone's
name is enough to tell the hemisphere for the places that have real seasons.
Zones not listed here (and unknown ones) count as northern, where most Alexa
households are. Seasons are meteorological (whole months), which is how people
talk about them: December is winter in Boston and summer in Sydney.
"""

from __future__ import annotations

from datetime import date

NORTH = "north"
SOUTH = "south"

#: Zone name prefixes that lie wholly south of the equator.
_SOUTHERN_PREFIXES = (
    "Australia/",
    "Antarctica/",
    "America/Argentina/",
    "Chile/",
    "Brazil/",
)
#: Single zones south of the equator (IANA names and their common aliases).
_SOUTHERN_ZONES = frozenset(
    {
        "NZ",
        "NZ-CHAT",
        "Pacific/Auckland",
        "Pacific/Chatham",
        "Pacific/Norfolk",
        "Pacific/Fiji",
        "Pacific/Tongatapu",
        "Pacific/Apia",
        "Pacific/Noumea",
        "Pacific/Efate",
        "Pacific/Rarotonga",
        "Pacific/Tahiti",
        "Pacific/Easter",
        "America/Buenos_Aires",
        "America/Cordoba",
        "America/Santiago",
        "America/Punta_Arenas",
        "America/Montevideo",
        "America/Asuncion",
        "America/La_Paz",
        "America/Lima",
        "America/Sao_Paulo",
        "America/Campo_Grande",
        "America/Cuiaba",
        "America/Bahia",
        "America/Recife",
        "America/Maceio",
        "America/Fortaleza",
        "America/Araguaina",
        "America/Belem",
        "America/Manaus",
        "America/Porto_Velho",
        "America/Rio_Branco",
        "America/Santarem",
        "America/Noronha",
        "Africa/Johannesburg",
        "Africa/Maseru",
        "Africa/Mbabane",
        "Africa/Windhoek",
        "Africa/Gaborone",
        "Africa/Maputo",
        "Africa/Harare",
        "Africa/Lusaka",
        "Africa/Blantyre",
        "Africa/Lubumbashi",
        "Africa/Luanda",
        "Africa/Dar_es_Salaam",
        "Indian/Antananarivo",
        "Indian/Mauritius",
        "Indian/Reunion",
        "Atlantic/Stanley",
        "Atlantic/St_Helena",
    }
)

#: Month → season in the northern hemisphere; the southern one is six months on.
_NORTHERN_SEASON = {
    12: "winter",
    1: "winter",
    2: "winter",
    3: "spring",
    4: "spring",
    5: "spring",
    6: "summer",
    7: "summer",
    8: "summer",
    9: "autumn",
    10: "autumn",
    11: "autumn",
}


def hemisphere(zone_name: str) -> str:
    """``south`` for a zone known to lie south of the equator, else ``north``."""
    if zone_name in _SOUTHERN_ZONES or zone_name.startswith(_SOUTHERN_PREFIXES):
        return SOUTH
    return NORTH


def season(day: date, zone_name: str) -> str:
    """The season on ``day`` for a household in ``zone_name``."""
    month = day.month if hemisphere(zone_name) == NORTH else (day.month + 5) % 12 + 1
    return _NORTHERN_SEASON[month]
