#!/usr/bin/env python3
"""Validate raw/*.txt and split them once into tuning.txt and heldout.txt.

Raw line format:   context | utterance | outcome
Output format:     context | utterance | outcome | persona

Split: group lines by (outcome category, context), where the category is the
outcome text before the first ':' or ' '. Sort each group by sha256 of the
utterance and deal alternately, first to held-out, then tuning.

Lines inside a raw-file block whose header comment starts with "# near-miss"
are counted as near-miss lines (dramatic wording that is not a crisis).

Stdlib only. Exits non-zero on any validation problem.
"""

import collections
import hashlib
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
RAW = HERE / "raw"

CONTEXTS = [
    "start",
    "checkin.partners",
    "checkin.rating",
    "checkin.answer",
    "checkin.offer",
    "practice.reading",
    "date.pitched",
    "names.question",
    "reminder.time",
]
PERSONAS = ["tired_parent", "newlyweds", "thirty_years", "alone", "non_native"]

PRACTICES = {
    "active_listening",
    "expressing_emotions",
    "validation",
    "empathy",
    "unplug_and_be_present",
    "shared_activities",
    "date_nights",
    "be_honest",
    "share_your_inner_world",
    "support_each_other",
    "forgiveness",
}
PILLARS = {"communication", "quality_time", "trust"}
DATE_FILTERS = {
    "setting": {"home", "out"},
    "budget": {"free", "low", "high"},
    "mood": {"romantic", "playful", "adventurous", "cozy", "calm", "active"},
    "time": {"short", "evening", "day"},
}
DATE_FILTER_ORDER = ["setting", "budget", "mood", "time"]

SIMPLE = {
    "checkin",
    "weekly_checkin",
    "practice:any",
    "practice_menu",
    "date",
    "date:another",
    "date:details",
    "date:love",
    "date:save",
    "date:dislike",
    "date:favourites",
    "progress",
    "help",
    "stop",
    "repeat",
    "privacy:delete",
    "privacy:info",
    "forget_tonight",
    "journal:on",
    "journal:off",
    "journal:read",
    "names:forget",
    "reminder:list",
    "reminder:stop",
    "crisis:self_harm",
    "crisis:violence",
    "fight",
    "smalltalk:thanks",
    "smalltalk:hello",
    "smalltalk:love",
    "partners:1",
    "partners:2",
    "rating:vague",
    "answer",
    "skip",
    "back",
    "repeat_question",
    "rephrase",
    "wait",
    "slow_down",
    "yes",
    "no",
    "not_tonight",
}
NAME = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*"
NAMES_RE = re.compile(rf"^names:{NAME}(?:,{NAME})?$")
RATING_RE = re.compile(r"^rating:(?:[1-5]|[1-4]\.5)$")
REMINDER_RE = re.compile(r"^reminder time=([01]\d|2[0-3]):([0-5]\d)$")


def outcome_error(outcome):
    """Return None if the outcome token is well formed, else a message."""
    if outcome in SIMPLE:
        return None
    if outcome.startswith("practice:"):
        return None if outcome[9:] in PRACTICES else "unknown practice id"
    if outcome.startswith("pillar:"):
        return None if outcome[7:] in PILLARS else "unknown pillar"
    if outcome.startswith("date "):
        seen = []
        for part in outcome[5:].split(" "):
            key, eq, val = part.partition("=")
            if not eq or key not in DATE_FILTERS:
                return f"bad date filter {part!r}"
            if val not in DATE_FILTERS[key]:
                return f"bad value for {key}: {val!r}"
            if key in seen:
                return f"repeated date filter {key}"
            seen.append(key)
        if seen != sorted(seen, key=DATE_FILTER_ORDER.index):
            return "date filters out of order (setting budget mood time)"
        return None
    if NAMES_RE.match(outcome) or RATING_RE.match(outcome) or REMINDER_RE.match(outcome):
        return None
    return "unknown outcome token"


def category(outcome):
    return re.split(r"[: ]", outcome, maxsplit=1)[0]


def norm(utterance):
    return " ".join(utterance.lower().split())


def load():
    rows, errors = [], []
    files = sorted(RAW.glob("*.txt"))
    found = {f.stem for f in files}
    for p in PERSONAS:
        if p not in found:
            errors.append(f"missing raw/{p}.txt")
    for f in files:
        persona = f.stem
        if persona not in PERSONAS:
            errors.append(f"{f.name}: unknown persona file")
        near_miss = False
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            s = line.strip()
            if not s:
                continue
            if s.startswith("#"):
                near_miss = s.lower().startswith("# near-miss")
                continue
            parts = [x.strip() for x in s.split("|")]
            where = f"{f.name}:{n}"
            if len(parts) != 3:
                errors.append(f"{where}: expected 3 fields, got {len(parts)}")
                continue
            ctx, utt, out = parts
            if ctx not in CONTEXTS:
                errors.append(f"{where}: unknown context {ctx!r}")
            if not utt:
                errors.append(f"{where}: empty utterance")
            err = outcome_error(out)
            if err:
                errors.append(f"{where}: {err}: {out!r}")
            if near_miss and out.startswith("crisis:"):
                errors.append(f"{where}: near-miss line marked as crisis")
            rows.append(
                dict(
                    context=ctx,
                    utterance=utt,
                    outcome=out,
                    persona=persona,
                    near_miss=near_miss,
                    where=where,
                )
            )
    seen = {}
    for r in rows:
        key = (r["context"], norm(r["utterance"]))
        if key in seen:
            errors.append(
                f"{r['where']}: duplicate of {seen[key]} ({r['context']} | {r['utterance']})"
            )
        else:
            seen[key] = r["where"]
    return rows, errors


def split(rows):
    groups = collections.defaultdict(list)
    for i, r in enumerate(rows):
        groups[(category(r["outcome"]), r["context"])].append(i)
    side = {}
    for key in sorted(groups):
        members = sorted(
            groups[key],
            key=lambda i: hashlib.sha256(rows[i]["utterance"].encode("utf-8")).hexdigest(),
        )
        for k, i in enumerate(members):
            side[i] = "heldout" if k % 2 == 0 else "tuning"
    return side


def write(path, rows, header):
    lines = [header] + [
        f"{r['context']} | {r['utterance']} | {r['outcome']} | {r['persona']}" for r in rows
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def report(name, rows):
    print(f"== {name}: {len(rows)} lines")
    crisis = collections.Counter(r["outcome"] for r in rows if r["outcome"].startswith("crisis:"))
    print(
        f"   crisis: {sum(crisis.values())} "
        f"(self_harm {crisis['crisis:self_harm']}, "
        f"violence {crisis['crisis:violence']}); "
        f"near-miss: {sum(r['near_miss'] for r in rows)}"
    )
    print("   per context:")
    for c, n in sorted(
        collections.Counter(r["context"] for r in rows).items(),
        key=lambda kv: CONTEXTS.index(kv[0]),
    ):
        print(f"     {c:18} {n}")
    print("   per outcome category:")
    for c, n in sorted(collections.Counter(category(r["outcome"]) for r in rows).items()):
        print(f"     {c:18} {n}")
    print("   per persona:")
    for p in PERSONAS:
        print(f"     {p:18} {sum(r['persona'] == p for r in rows)}")


def main():
    rows, errors = load()
    if errors:
        print("\n".join(errors), file=sys.stderr)
        print(f"{len(errors)} validation error(s); nothing written", file=sys.stderr)
        return 1
    side = split(rows)
    held = [r for i, r in enumerate(rows) if side[i] == "heldout"]
    tune = [r for i, r in enumerate(rows) if side[i] == "tuning"]

    checks = []
    n_crisis_held = sum(r["outcome"].startswith("crisis:") for r in held)
    if n_crisis_held < 60:
        checks.append(f"held-out has only {n_crisis_held} crisis lines (< 60)")
    for name, half in (("heldout", held), ("tuning", tune)):
        if len(half) < 200:
            checks.append(f"{name} has only {len(half)} lines (< 200)")
    if checks:
        print("\n".join(checks), file=sys.stderr)
        return 1

    fmt = "# format: context | utterance | outcome | persona\n"
    write(
        HERE / "heldout.txt",
        held,
        "# HELD-OUT - never write interaction-model samples from this file.\n"
        + fmt
        + "# generated by split.py from raw/*.txt; do not edit by hand",
    )
    write(
        HERE / "tuning.txt",
        tune,
        "# TUNING - the only half you may tune on.\n"
        + fmt
        + "# generated by split.py from raw/*.txt; do not edit by hand",
    )

    report("all", rows)
    report("heldout", held)
    report("tuning", tune)
    return 0


if __name__ == "__main__":
    sys.exit(main())
