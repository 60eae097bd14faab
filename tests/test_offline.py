"""The offline guarantee (DESIGN.md, principle 1): no code path opens a network connection.

Two layers of proof. In-process, ``tests/conftest.py`` disables Internet sockets for the whole
session, so every GUI flow in the suite runs without a network. Here, the real command runs in a
subprocess under ``strace``, which sees every socket the process — Python, Qt, fontconfig,
anything — creates or connects: there must be no Internet socket at all (no DNS, no HTTP, no
update check, no network-information plugin).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.network_guard import NetworkAccessError, network_disabled

INTERNET = re.compile(r"\b(AF_INET6?|PF_INET6?)\b")


def _strace_sockets(
    args: list[str], tmp_path: Path
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    log = tmp_path / "strace.log"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PATHPLANNER_DATA_DIR=str(tmp_path / "data"))
    result = subprocess.run(
        [
            "strace",
            "-f",
            "-qq",
            "-e",
            "trace=socket,connect,sendto,sendmsg",
            "-o",
            str(log),
            sys.executable,
            "-m",
            "pathplanner",
            *args,
        ],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=600,
    )
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines() if log.exists() else []
    return result, [line for line in lines if INTERNET.search(line)]


def _strace_works(tmp_path: Path) -> bool:
    if shutil.which("strace") is None:
        return False
    probe = subprocess.run(
        ["strace", "-qq", "-e", "trace=getpid", "-o", str(tmp_path / "probe.log"), "true"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


@pytest.mark.parametrize(
    "args",
    [
        ["--smoke-test"],
        ["--demo", "--screenshot", "SHOT"],
    ],
    ids=["smoke-test", "demo-screenshot"],
)
def test_app_opens_no_internet_socket(args: list[str], tmp_path: Path) -> None:
    if not _strace_works(tmp_path):
        pytest.skip("strace is not available or not permitted here (./run-tests installs it)")
    args = [str(tmp_path / "shot.png") if a == "SHOT" else a for a in args]
    result, internet = _strace_sockets(args, tmp_path)
    assert result.returncode == 0, result.stderr
    assert internet == [], "network activity:\n" + "\n".join(internet[:20])


def test_guard_catches_a_connection_attempt() -> None:
    """The in-process guard is real: a connection or a DNS lookup fails and is recorded."""
    attempts: list[str] = []
    with network_disabled(attempts):
        with pytest.raises(NetworkAccessError):
            socket.create_connection(("192.0.2.1", 80), timeout=0.1)
        with pytest.raises(NetworkAccessError):
            socket.getaddrinfo("example.com", 443)
        with (
            socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
            pytest.raises(NetworkAccessError),
        ):
            sock.connect(("192.0.2.1", 80))
    assert len(attempts) == 3


def test_session_guard_is_active(_no_network: list[str]) -> None:
    with pytest.raises(NetworkAccessError):
        socket.getaddrinfo("example.com", 80)
    _no_network.clear()
