"""Session fixtures shared by the test modules.

The spaCy model loads once per session (``nlp``) and the bundled samples are extracted
once (``samples_trig``); tests that use either are marked ``model``.
"""

from __future__ import annotations

import socket
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo() -> Path:
    """The repository root (where ``pyproject.toml`` lives)."""
    return REPO


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The default spaCy pipeline with eventkg's components (loaded once)."""
    from eventkg.nlp import make_nlp

    return make_nlp()


@pytest.fixture(scope="session")
def samples_trig(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Path:
    """``data/samples`` extracted once per session with :func:`eventkg.pipeline.run`."""
    from eventkg.pipeline import run

    out = tmp_path_factory.mktemp("samples") / "samples.trig"
    with warnings.catch_warnings():  # rdflib 7.6 warns about its own Dataset internals when serializing
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"rdflib\..*")
        run(REPO / "data" / "samples", out)
    return out


@pytest.fixture(scope="session")
def analysis_trig(tmp_path_factory: pytest.TempPathFactory, samples_trig: Path) -> Path:
    """``eventkg analyze`` of the samples' 2024 events, written as RDF (the analysis named graph)."""
    from eventkg.analysis import analysis_graph, analyze, to_networkx
    from eventkg.store import GraphWriter

    out = tmp_path_factory.mktemp("analysis") / "analysis-2024.trig"
    with warnings.catch_warnings(), GraphWriter(out) as w:
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"rdflib\..*")
        w.write(analysis_graph(analyze(to_networkx(samples_trig, "actors", since="2024", until="2024"))))
    return out


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every socket, connection and DNS lookup raises; the list records the attempts."""
    attempts: list[str] = []

    def blocked(name: str):  # type: ignore[no-untyped-def]
        def fail(*args: object, **kwargs: object) -> None:
            attempts.append(f"{name}{args[:2]}")
            raise OSError(f"network access attempted in a test ({name})")

        return fail

    for name in ("socket", "create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, name, blocked(name))
    yield attempts


_LOOPBACK = ("127.", "::1", "localhost", "/")  # a unix socket path starts with '/'


@pytest.fixture(autouse=True)
def _no_network_in_the_suite(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test fails if anything connects anywhere but this machine (test servers use 127.0.0.1)."""
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def local_only(address: object) -> None:
        host = address[0] if isinstance(address, tuple) else address
        if not str(host).startswith(_LOOPBACK):
            pytest.fail(f"a test reached for the network: {address!r}")

    def connect(self: socket.socket, address: Any) -> None:
        local_only(address)
        real_connect(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host is not None:
            local_only((host,))
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
