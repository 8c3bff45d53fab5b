"""A helper process for charts.export_all: renders a draft's charts on another core.

Run as a script (python writer/_render.py), not as part of the package: it imports only
vl_convert, so it starts in a few milliseconds, and it needs no writer on sys.path. It reads one
JSON request on stdin ({"font_dirs": [...], "claims": folder, "order": [...],
"jobs": [{"spec", "vl_version", "png", "scale"}]}) and writes one JSON answer on stdout:
[{"i": job index, "svg": text, "png": base64 or null}] for the jobs it rendered.
Several helpers get the same request and share the jobs out as they go: a helper renders a job
only if it is the first to create the file `<claims>/<index>` (O_EXCL, atomic), so a helper that
finishes early takes the next job instead of idling, however unequal the charts are.
Why processes: vl-convert does not render in parallel from threads (measured: 8 charts took
1.57 s serially and 1.51 s on 4 threads), so a second core needs a second process.
"""

import base64
import json
import os
import sys


WARM_UP = {"data": {"values": [{"x": 1}]}, "mark": "bar", "encoding": {"x": {"field": "x"}}}


def _claim(claims: str, index: int) -> bool:
    try:
        os.close(os.open(os.path.join(claims, str(index)), os.O_WRONLY | os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        return False  # another helper has it
    return True


def main() -> int:
    import vl_convert as vlc

    # The first conversion in a process starts vl-convert's JavaScript engine (~0.35 s). The
    # helper is started before the specs exist (charts.start_renderer), so that cost is
    # paid while the parent is still building them.
    vlc.vegalite_to_svg(WARM_UP)
    raw = sys.stdin.buffer.read()
    if not raw:
        return 0  # started early, but nothing needed rendering (all cached, or draft failed)
    request = json.loads(raw.decode("utf-8"))
    for directory in request["font_dirs"]:
        vlc.register_font_directory(directory)
    jobs = request["jobs"]
    out = []
    for i in request.get("order", range(len(jobs))):
        if not _claim(request["claims"], i):
            continue
        job = jobs[i]
        svg = vlc.vegalite_to_svg(job["spec"], vl_version=job["vl_version"], allowed_base_urls=[])
        png = vlc.svg_to_png(svg, scale=job["scale"]) if job["png"] else None
        out.append({"i": i, "svg": svg,
                    "png": base64.b64encode(png).decode("ascii") if png else None})
    sys.stdout.buffer.write(json.dumps(out).encode("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
