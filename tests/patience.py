"""How long a test waits for what it expects before calling it a hang.

No test asserts how long something took: the suite must pass on a loaded
2-core machine (timings are bench/'s job, see bench/README.md). A test that
must wait waits for an event, and gives up only after ``HANG`` seconds: ten
times what the slowest such wait needs on a quiet 2-core machine, so that only
a hang, never a busy machine, reaches it.
"""

from __future__ import annotations

#: Seconds a test waits for an event before it calls the wait a hang.
HANG = 60.0
