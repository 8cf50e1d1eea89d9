"""Run ``python -m byline.tui.cli ARGS`` and write the process's own peak memory to a file.

``python peak.py OUT ARGS…``. The peak is VmHWM from /proc/self/status: the
high-water mark of this program's own address space. ``ru_maxrss`` will not
do for a child of a large test process: Linux carries the parent's resident
size across fork and exec into it, so a 40 MB command spawned by a 350 MB
pytest reports 350 MB.
"""

from __future__ import annotations

import atexit
import runpy
import sys
from pathlib import Path


def peak_mb() -> float:
    """This process's peak resident memory in MiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


if __name__ == "__main__":
    out = Path(sys.argv[1])
    atexit.register(lambda: out.write_text(f"{peak_mb():.1f}"))
    sys.argv = ["byline", *sys.argv[2:]]
    runpy.run_module("byline.tui.cli", run_name="__main__", alter_sys=True)
