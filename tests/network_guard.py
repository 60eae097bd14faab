"""Fails any attempt to reach the network from inside the test process.

Installed for the whole test session by ``tests/conftest.py``: every test, the GUI flows
included, runs with Internet sockets disabled. Local AF_UNIX sockets (used by Qt and by
``socket.socketpair``) stay allowed. Subprocesses are checked separately with strace in
``tests/test_offline.py``.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

INTERNET_FAMILIES = {socket.AF_INET, socket.AF_INET6}


class NetworkAccessError(RuntimeError):
    """Raised when code under test tries to open a network connection."""


@contextmanager
def network_disabled(attempts: list[str]) -> Iterator[None]:
    """Patch the socket module so Internet connections and name lookups fail (and are recorded)."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_sendto = socket.socket.sendto
    saved: dict[str, Callable[..., Any]] = {
        name: getattr(socket, name)
        for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "create_connection")
    }

    def refuse(what: str) -> None:
        attempts.append(what)
        raise NetworkAccessError(f"network access attempted during a test: {what}")

    def connect(self: socket.socket, address: Any) -> None:
        if self.family in INTERNET_FAMILIES:
            refuse(f"connect {address!r}")
        real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        if self.family in INTERNET_FAMILIES:
            refuse(f"connect_ex {address!r}")
        return real_connect_ex(self, address)

    def sendto(self: socket.socket, *args: Any) -> int:
        if self.family in INTERNET_FAMILIES:
            refuse(f"sendto {args[-1]!r}")
        return real_sendto(self, *args)  # type: ignore[call-overload, no-any-return]

    def lookup(name: str) -> Callable[..., Any]:
        def blocked(*args: Any, **kwargs: Any) -> Any:
            refuse(f"{name}{args!r}")

        return blocked

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.socket.sendto = sendto  # type: ignore[method-assign, assignment]
    for name in saved:
        setattr(socket, name, lookup(name))
    try:
        yield
    finally:
        socket.socket.connect = real_connect  # type: ignore[method-assign]
        socket.socket.connect_ex = real_connect_ex  # type: ignore[method-assign]
        socket.socket.sendto = real_sendto  # type: ignore[method-assign]
        for name, func in saved.items():
            setattr(socket, name, func)
