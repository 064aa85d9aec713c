"""Copy the en-US interaction model to the other English locales.

The skill speaks the same English content in every English locale (content
falls back to en-US; only the crisis lines differ by country), so their
interaction models are the en-US model under another file name. Run this
after editing ``skill/interaction_models/en-US.json``; ``tests/unit/test_locales.py``
fails until the copies match.
"""

from __future__ import annotations

import json
from pathlib import Path

MODELS = Path(__file__).resolve().parents[1] / "skill" / "interaction_models"
SOURCE = "en-US"
COPIES = ("en-GB",)


def main() -> None:
    """Rewrite every copy from the source model."""
    model = json.loads((MODELS / f"{SOURCE}.json").read_text(encoding="utf-8"))
    for locale in COPIES:
        (MODELS / f"{locale}.json").write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {locale}.json from {SOURCE}.json")


if __name__ == "__main__":
    main()
