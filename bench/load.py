"""Load for the benchmarks: a server in a subprocess, sequential latencies, and throughput with
wrk (8 connections), or, where wrk is not installed, a Python client with the same concurrency."""

from __future__ import annotations

import math
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

CONNECTIONS = 8


@contextmanager
def serve(command: list[str]) -> Iterator[str]:
    """`python <command> --port P` running until the block ends; yields its base URL."""
    port = free_port()
    server = subprocess.Popen([sys.executable, *command, "--port", str(port)], env=os.environ.copy(),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base, server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def latencies(url: str, headers: dict[str, str], requests: int) -> tuple[float, float, float]:
    """p50, p95 and p99 in ms of sequential GETs (nearest rank), after one warm-up request."""
    times = []
    with httpx.Client(timeout=60, headers=headers) as client:
        client.get(url).raise_for_status()
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            response.raise_for_status()
    times.sort()
    return tuple(times[max(0, math.ceil(q * len(times)) - 1)] for q in (0.50, 0.95, 0.99))  # type: ignore[return-value]


def throughput(url: str, headers: dict[str, str], seconds: int) -> float:
    """Requests per second with CONNECTIONS connections for `seconds`; errors make it fail."""
    if shutil.which("wrk") is None:
        return _python_throughput(url, headers, seconds)
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", url]
    for name, value in headers.items():
        command[1:1] = ["-H", f"{name}: {value}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output or "Socket errors" in output:
        raise SystemExit(f"wrk saw errors on {url}:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]


def _python_throughput(url: str, headers: dict[str, str], seconds: int) -> float:
    print("wrk is not installed: throughput measured with a Python client (8 threads), which is slower", file=sys.stderr)
    done = [0] * CONNECTIONS
    deadline = time.perf_counter() + seconds

    def work(slot: int) -> None:
        with httpx.Client(timeout=60, headers=headers) as client:
            while time.perf_counter() < deadline:
                client.get(url).raise_for_status()
                done[slot] += 1

    threads = [threading.Thread(target=work, args=(slot,)) for slot in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / seconds


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(base: str, server: subprocess.Popen | None = None) -> None:
    """Until the server at `base` answers (any status)."""
    for _ in range(300):
        if server is not None and server.poll() is not None:
            raise SystemExit(f"the server stopped (exit {server.returncode})")
        try:
            httpx.get(base + "/", timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")
