"""Writes resources/sandbox/demo-services-0.48.json. Run: python3 sandbox/catalogue/build.py"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

from common import SERVICES  # noqa: E402
import services_core  # noqa: E402,F401
import services_pipelines  # noqa: E402,F401
import services_earth  # noqa: E402,F401
import services_life  # noqa: E402,F401
import services_land_water  # noqa: E402,F401
import services_text_image  # noqa: E402,F401

out = os.path.join(os.path.dirname(__file__), "..", "..", "resources", "sandbox",
                   "demo-services-0.48.json")
names = [s["name"] for s in SERVICES]
assert len(names) == len(set(names)), "duplicate service name"
with open(out, "w", encoding="utf-8") as f:
    json.dump({"services": SERVICES}, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(f"{len(SERVICES)} services -> {os.path.normpath(out)}")
