"""Medians for the benches: of a function's run time, and of a field over recorded runs."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable


def median_ms(
    fn: Callable[[], object],
    repeat: int,
    *,
    warm_up: bool = False,
    before: Callable[[], object] | None = None,
) -> float:
    """The median wall time of ``repeat`` calls of ``fn``, in milliseconds.

    ``warm_up`` makes one untimed call first (first-call costs such as imports are not what a user pays
    again); ``before`` runs, untimed, before each timed call (e.g. to clear a cache).

    >>> median_ms(lambda: None, 3) < 5.0
    True
    """
    if warm_up:
        fn()
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def median_of(records: Iterable[object], field: str) -> float:
    """The median of one numeric attribute over recorded runs.

    >>> from types import SimpleNamespace as Run
    >>> median_of([Run(s=3.0), Run(s=1.0), Run(s=2.0)], "s")
    2.0
    """
    return statistics.median(getattr(record, field) for record in records)
