"""No network behind the user's back: a guard that refuses every connection and lookup.

:func:`offline` installs (once per process) a :func:`sys.addaudithook` hook. While an
``offline()`` block is active, the hook refuses the audit events Python raises before it
opens a connection, resolves a name or opens a URL (``socket.connect``,
``socket.getaddrinfo``, ``urllib.Request``, ...), so nothing reached through Python's
sockets gets out: not a JSON-LD ``@context``, not ``owl:imports``, not a URL given as
input. Unix domain sockets stay allowed (they do not leave the machine). The Rust stores
(pyoxigraph) do not go through Python's sockets; :func:`eventkg.store.query` refuses
``SERVICE`` and ``LOAD`` for them. Audit hooks cannot be removed, so the hook stays
installed and does nothing outside an ``offline()`` block.
"""

from __future__ import annotations

import re
import socket
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from eventkg.errors import NetworkAccessError

__all__ = ["fetch", "offline"]

#: audit events raised before Python reaches the network
_EVENTS = frozenset(
    {
        "socket.connect",
        "socket.sendto",
        "socket.sendmsg",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyaddr",
        "socket.getnameinfo",
        "urllib.Request",
        "ftplib.connect",
        "http.client.connect",
        "smtplib.connect",
        "webbrowser.open",
    }
)
_lock = threading.Lock()
_depth = 0
_installed = False


def _hook(event: str, args: tuple[object, ...]) -> None:
    if not _depth or event not in _EVENTS:
        return
    if event in {"socket.connect", "socket.sendto", "socket.sendmsg"}:
        sock = args[0]
        if isinstance(sock, socket.socket) and sock.family == getattr(socket, "AF_UNIX", None):
            return
    target = args[1] if event in {"socket.connect", "socket.sendto", "socket.sendmsg"} else args[0]
    raise NetworkAccessError(
        f"eventkg tried to reach the network ({event} {target!r}) and refused: nothing is "
        "fetched unless you pass --allow-network"
    )


@contextmanager
def offline(*, allow: bool = False) -> Iterator[None]:
    """Refuse all network access from Python code inside the block (unless ``allow``).

    Parameters
    ----------
    allow : bool, optional
        When ``True`` the block runs with the network allowed (``--allow-network``).

    Raises
    ------
    eventkg.errors.NetworkAccessError
        Inside the block, from whatever tried to connect, resolve a name or open a URL.

    Examples
    --------
    >>> import urllib.request
    >>> with offline():
    ...     urllib.request.urlopen("http://example.org/context.jsonld")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    eventkg.errors.NetworkAccessError: eventkg tried to reach the network (urllib.Request ...) ...
    """
    global _depth, _installed
    if allow:
        yield
        return
    with _lock:
        if not _installed:
            sys.addaudithook(_hook)
            _installed = True
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1


#: Content-Type -> the suffix that makes eventkg.articles read the download the right way
_SUFFIX_FOR_TYPE = {"text/html": ".html", "application/xhtml+xml": ".html", "text/markdown": ".md"}
_READABLE = (".txt", ".text", ".md", ".markdown", ".jsonl", ".ndjson", ".html", ".htm")


def fetch(url: str, folder: Path, *, max_bytes: int = 50 * 1024 * 1024, timeout: float = 30.0) -> Path:
    """Download ``url`` into ``folder`` (only when the user passed ``--allow-network``).

    The file is named after the URL's last path segment, with a suffix from the URL or
    else from the Content-Type, so that :func:`eventkg.articles.read_articles` reads it
    as HTML, Markdown, JSONL or text.

    Raises
    ------
    eventkg.errors.NetworkAccessError
        When the page cannot be fetched, or is larger than ``max_bytes``; the message
        names the URL.
    """
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in {"http", "https"}:
        raise NetworkAccessError(f"{url}: only http and https URLs can be fetched; download it yourself")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
            ctype = response.headers.get_content_type()
    except (urllib.error.URLError, OSError, ValueError) as e:
        raise NetworkAccessError(
            f"{url}: could not fetch ({e}); check the URL or download it yourself"
        ) from e
    if len(data) > max_bytes:
        raise NetworkAccessError(f"{url}: larger than {max_bytes} bytes; download it and split it")
    name = Path(urllib.parse.unquote(parsed.path)).name or parsed.hostname or "page"
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    if suffix not in _READABLE:
        suffix = _SUFFIX_FOR_TYPE.get(ctype, ".txt")
    stem = re.sub(r"[^\w.-]+", "_", stem).strip("._") or "page"
    path = folder / f"{stem}{suffix}"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}{suffix}"
    path.write_bytes(data)
    return path
