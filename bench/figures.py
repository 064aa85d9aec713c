"""Percentiles and per-kind summaries of raw timings, in milliseconds."""

from __future__ import annotations

from typing import Any

from bench.turns import Samples, StoreRun


def percentile_ms(values_ns: list[int], fraction: float) -> float:
    """Nearest-rank percentile of nanosecond values, in milliseconds (as bench/web_load.py)."""
    if not values_ns:
        return 0.0
    ordered = sorted(values_ns)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return round(ordered[index] / 1e6, 3)


def summarise(samples: Samples) -> dict[str, Any]:
    """Count, p50 and p99 of wall and CPU time; and the CPU p99 of the turns that made no
    Alexa API call, with how many did."""
    quiet = samples.without_api_calls()
    return {
        "n": len(samples.wall),
        "wall_p50_ms": percentile_ms(samples.wall, 0.50),
        "wall_p99_ms": percentile_ms(samples.wall, 0.99),
        "cpu_p50_ms": percentile_ms(samples.cpu, 0.50),
        "cpu_p99_ms": percentile_ms(samples.cpu, 0.99),
        "api_calls": len(samples.wall) - len(quiet.wall),
        "cpu_p99_ms_without_api_calls": percentile_ms(quiet.cpu, 0.99),
    }


def pooled(by_kind: dict[str, Samples]) -> Samples:
    """All kinds' samples together."""
    every = Samples()
    for samples in by_kind.values():
        every.wall.extend(samples.wall)
        every.cpu.extend(samples.cpu)
        every.called_api.extend(samples.called_api)
    return every


def run_figures(run: StoreRun) -> dict[str, Any]:
    """A store run as JSON: per kind, all turns together, and how it was obtained."""
    return {
        "kinds": {kind: summarise(samples) for kind, samples in sorted(run.samples.items())},
        "all turns": summarise(pooled(run.samples)),
        "replays": run.replays,
        "seconds": run.seconds,
        "replay_mismatches": run.mismatches,
    }


def baseline_figures(run: StoreRun) -> dict[str, Any]:
    """The baseline's timings on the same requests, per kind and pooled."""
    return {
        "kinds": {kind: summarise(samples) for kind, samples in sorted(run.baseline.items())},
        "all turns": summarise(pooled(run.baseline)),
    }
