"""A helper process for charts.export_all: renders half of a draft's charts on the other core.

Run as a script (python writer/_render.py), not as part of the package: it imports only
vl_convert, so it starts in a few milliseconds, and it needs no writer on sys.path. It reads one
JSON request on stdin ({"font_dirs": [...], "jobs": [{"spec", "vl_version", "png", "scale"}]})
and writes one JSON answer on stdout: [{"svg": text, "png": base64 or null}] in job order.
Why a process: vl-convert does not render in parallel from threads (measured: 8 charts took
1.57 s serially and 1.51 s on 4 threads), so a second core needs a second process.
"""

import base64
import json
import sys


WARM_UP = {"data": {"values": [{"x": 1}]}, "mark": "bar", "encoding": {"x": {"field": "x"}}}


def main() -> int:
    import vl_convert as vlc

    # The first conversion in a process starts vl-convert's JavaScript engine (~0.4 s). The
    # helper may be started before the specs exist (charts.start_renderer), so that cost is
    # paid while the parent is still building them.
    vlc.vegalite_to_svg(WARM_UP)
    raw = sys.stdin.buffer.read()
    if not raw:
        return 0  # started early, but nothing needed rendering (all cached, or draft failed)
    request = json.loads(raw.decode("utf-8"))
    for directory in request["font_dirs"]:
        vlc.register_font_directory(directory)
    out = []
    for job in request["jobs"]:
        svg = vlc.vegalite_to_svg(job["spec"], vl_version=job["vl_version"], allowed_base_urls=[])
        png = vlc.svg_to_png(svg, scale=job["scale"]) if job["png"] else None
        out.append({"svg": svg, "png": base64.b64encode(png).decode("ascii") if png else None})
    sys.stdout.buffer.write(json.dumps(out).encode("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
