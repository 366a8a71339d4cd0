"""A `.md` symlink, inside the specs folder, to a named pipe (FIFO) inside it too. Opening
a FIFO for reading waits for a writer, so a generator that opens it hangs for ever; a doc
that is not a regular file must be refused without being opened.

So that this case cannot hang the suite, a helper thread plays the writer for a while: it
connects as soon as someone opens the pipe for reading (which a correct generator never
does) and writes a doc into it, then gives up after the deadline."""

from __future__ import annotations

import errno
import os
import threading
import time
from pathlib import Path

DEADLINE = 20.0
DOC = b"# Piped\n\nA doc that arrived through a pipe.\n"


def _writer(fifo: Path) -> None:
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno not in (errno.ENXIO, errno.EAGAIN):
                return
            time.sleep(0.01)
            continue
        try:
            os.write(fd, DOC)
        finally:
            os.close(fd)
        return


def make(specs: Path) -> None:
    models = specs / "models"
    models.mkdir(parents=True)
    (models / "account.md").write_text("# Account\n\nA plain doc beside the pipe.\n")
    fifo = models / "pipe"
    os.mkfifo(fifo)
    (models / "pipe.md").symlink_to("pipe")
    threading.Thread(target=_writer, args=(fifo,), daemon=True).start()
