"""Offline by design: the full journey runs with every socket creation made to fail."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import ROOT

GUARD = textwrap.dedent("""
    import socket, sys
    attempts = []

    def refuse(name):
        def blocked(*args, **kwargs):
            attempts.append(name)
            raise OSError(f"network disabled in this test ({name})")
        return blocked

    class NoSocket(socket.socket):
        # asyncio (used by the signing library) wakes its own loop through a local AF_UNIX
        # socket pair: that is not network. Every Internet socket is refused.
        def __init__(self, family=-1, *args, **kwargs):
            if family != socket.AF_UNIX:
                attempts.append(f"socket.socket(family={family})")
                raise OSError("network disabled in this test (socket.socket)")
            super().__init__(family, *args, **kwargs)

    socket.socket = NoSocket
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "fromfd"):
        setattr(socket, name, refuse(name))
""")

JOURNEY = GUARD + textwrap.dedent("""
    import tempfile
    from pathlib import Path
    from benchmarks.journey import run_journey
    from wizard.cli import main as vigie

    with tempfile.TemporaryDirectory() as tmp:
        result = run_journey(Path(tmp), Path(tmp) / "plan.pdf")
        code = vigie(["--data-dir", tmp, "verify", str(Path(tmp) / "plan.pdf")])
    print("RESULT", result["ok"], result["signatures"], code, len(attempts), attempts)
""")


def test_full_journey_never_opens_a_socket():
    proc = subprocess.run([sys.executable, "-c", JOURNEY], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    line = [x for x in proc.stdout.splitlines() if x.startswith("RESULT")][-1]
    # verify exits 3: intact, but the fresh personal identity is not in the trust list.
    assert line == "RESULT True 1 3 0 []", line


def test_guard_really_blocks():
    """The guard itself works: a connection attempt is recorded and fails."""
    code = GUARD + textwrap.dedent("""
        for attempt in (lambda: socket.create_connection(("127.0.0.1", 9)),
                        lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM),
                        lambda: socket.getaddrinfo("example.org", 443)):
            try:
                attempt()
            except OSError:
                pass
        print(attempts)
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "['create_connection', 'socket.socket(family=2)', 'getaddrinfo']"
