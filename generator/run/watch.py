"""`docs2models watch`: regenerate whenever a doc changes, reporting errors without stopping.

File events come from watchfiles (a maintained, Rust-backed watcher; installed with
`pip install 'docs2models[watch]'`). Events are batched, so a save that touches several
docs (or an editor's temporary files) makes one run.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from generator.config import Config, ConfigError
from generator.read.sources import DOC_SUFFIXES
from generator.run.engine import Report, run


def watch(
    config: Config, report: Callable[[Report], None], stop: threading.Event | None = None
) -> None:
    """Generate now, then again after every change under the specs folder, until `stop`
    is set (or Ctrl-C). Each run's outcome goes to `report`."""
    try:
        from watchfiles import watch as changes  # noqa: PLC0415 (an optional dependency)
    except ImportError:
        raise ConfigError(
            "watch needs the watchfiles package: pip install 'docs2models[watch]'"
        ) from None

    def once() -> None:
        report(run(config, write=True))

    once()
    for _ in changes(
        config.specs,
        stop_event=stop,
        debounce=300,
        watch_filter=lambda _change, path: path.endswith(DOC_SUFFIXES),
    ):
        once()
