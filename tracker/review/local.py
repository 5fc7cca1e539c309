"""The review app under waitress on a free port of 127.0.0.1, in a thread: for tests and benchmarks
that talk to a real server the way a browser does."""
from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any


@contextlib.contextmanager
def background_server(app: Any, threads: int = 4) -> Iterator[str]:
    """Serve ``app`` until the block ends; yields its base URL."""
    import waitress

    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=threads)

    def run() -> None:
        # server.close() from this thread makes the select on the closed sockets fail:
        # that is the end of the loop, not an error
        try:
            server.run()
        except OSError:
            pass

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        thread.join(5)
