"""What a household costs on DynamoDB on-demand, from the units a run measured.

The read and write units of each kind of session come from the year-of-nights
replay (:mod:`bench.history`), as DynamoDB Local reported them for the oldest
household; a month is :data:`bench.history.MONTH` sessions. Prices are constants
with their date: check them against the AWS price list before relying on them.
"""

from __future__ import annotations

from typing import Any

#: On-demand prices in us-east-1, Standard table class, in USD, as AWS published them with
#: its price reduction of 1 November 2024 (halving on-demand throughput prices). This run did
#: not check them against the live price list: confirm there before quoting a figure.
PRICES_AS_OF = "2024-11-01"
USD_PER_MILLION_READ_UNITS = 0.125
USD_PER_MILLION_WRITE_UNITS = 0.625
USD_PER_GB_MONTH = 0.25
#: Continuous backups (point-in-time recovery, on in infra/): per GB-month of table size.
USD_PER_GB_MONTH_PITR = 0.20
HOUSEHOLDS = 10_000


def cost_model(history: dict[str, Any]) -> dict[str, Any] | None:
    """Units and dollars per household-month and per 10,000 households a month."""
    dynamodb = history.get("dynamodb") or {}
    month = dynamodb.get("month_units")
    sizes = dynamodb.get("sizes")
    if not month or not sizes:
        return None
    rcu, wcu = month["month"]["rcu"], month["month"]["wcu"]
    # A year's nights and the profile: what an active household keeps (nights live 400 days).
    stored_bytes = sizes["profile_bytes"] + sizes["nights_kept"] * sizes["typical_night_bytes"]
    gigabytes = stored_bytes * HOUSEHOLDS / 1e9
    reads = rcu * HOUSEHOLDS / 1e6 * USD_PER_MILLION_READ_UNITS
    writes = wcu * HOUSEHOLDS / 1e6 * USD_PER_MILLION_WRITE_UNITS
    storage = gigabytes * (USD_PER_GB_MONTH + USD_PER_GB_MONTH_PITR)
    return {
        "prices": {
            "as_of": PRICES_AS_OF,
            "usd_per_million_read_units": USD_PER_MILLION_READ_UNITS,
            "usd_per_million_write_units": USD_PER_MILLION_WRITE_UNITS,
            "usd_per_gb_month": USD_PER_GB_MONTH,
            "usd_per_gb_month_pitr": USD_PER_GB_MONTH_PITR,
        },
        "per_session": month["per_session"],
        "sessions_per_month": month["sessions_per_month"],
        "household_month": {"rcu": rcu, "wcu": wcu, "stored_bytes": stored_bytes},
        "per_10000_households_usd": {
            "reads": round(reads, 2),
            "writes": round(writes, 2),
            "storage_and_backups": round(storage, 2),
            "total": round(reads + writes + storage, 2),
        },
    }
