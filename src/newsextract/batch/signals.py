"""Ctrl-C and SIGTERM during a batch: a line being written is finished
first, then the batch stops with `Interrupted`, which says how far it got."""
from __future__ import annotations

import contextlib
import signal
import threading


class Interrupted(KeyboardInterrupt):
    """A batch stopped by SIGINT (Ctrl-C) or SIGTERM; every record written
    before it is whole. `summary` (a `session.Summary`) tells how far it got."""

    def __init__(self, signum: int = signal.SIGINT, summary=None, output: str | None = None):
        super().__init__(signum)
        self.signum = int(signum)
        self.summary = summary
        self.output = output


class SignalGuard:
    """SIGINT and SIGTERM raise `Interrupted` in the main thread, except inside
    `critical()` (a line being written), where they wait until it is done."""

    def __init__(self):
        self.depth = 0
        self.pending: int | None = None
        self.installed = False
        self._old = {}

    def handler(self, signum, frame):
        if self.depth:
            self.pending = signum
            return
        raise Interrupted(signum)

    @contextlib.contextmanager
    def critical(self):
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1
            if not self.depth and self.pending is not None:
                signum, self.pending = self.pending, None
                raise Interrupted(signum)

    @contextlib.contextmanager
    def installed_here(self):
        """Install the handlers for the duration (main thread only; elsewhere a no-op)."""
        if threading.current_thread() is not threading.main_thread() or self.installed:
            yield
            return
        for s in (signal.SIGINT, signal.SIGTERM):
            self._old[s] = signal.signal(s, self.handler)
        self.installed = True
        try:
            yield
        finally:
            for s, old in self._old.items():
                signal.signal(s, old)
            self._old.clear()
            self.installed = False
            self.pending = None


# The one guard of this process: the writer and every engine use it.
GUARD = SignalGuard()
