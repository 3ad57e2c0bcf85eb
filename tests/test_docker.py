"""The container image, built and run for real (issue 14 part 1).

Builds the `Dockerfile` (its Python packages from a wheelhouse made here, so no registry is
needed), runs the image the way `compose.yaml` does (read-only root, no capabilities, no new
privileges, volumes) against the local Bot API stand-in, waits for Docker's own healthcheck to
say healthy, talks to the bot, and stops it with SIGTERM: it must exit by itself (code 0), not
be killed.

Needs a Docker daemon and the base image `debian:bookworm-slim` (no registry is reachable here:
`deploy/make-base-image.sh` makes it from Debian's packages). Without them the test is skipped,
and says why.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.crypto import generate_data_key
from bot.standin import BotAPIStandIn
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parent.parent
BASE_IMAGE = "debian:bookworm-slim"
EXTRA = ("wheel", "setuptools>=68")  # what building the project itself needs
pytestmark = pytest.mark.timeout(900)


def _unusable() -> str | None:
    if shutil.which("docker") is None:
        return "the docker command is not installed"
    try:
        info = subprocess.run(["docker", "info"], capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return "no Docker daemon answered `docker info`"
    if info.returncode != 0:
        return "no Docker daemon is reachable (start dockerd to run this test)"
    found = subprocess.run(["docker", "image", "inspect", BASE_IMAGE], capture_output=True)
    if found.returncode != 0:
        return f"the base image {BASE_IMAGE} is absent (make it: sh deploy/make-base-image.sh)"
    return None


@pytest.fixture(scope="module")
def image(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    reason = _unusable()
    if reason:
        pytest.skip(reason)
    wheels = tmp_path_factory.mktemp("wheelhouse")
    subprocess.run(
        [sys.executable, *"-m pip download -q -d".split(), str(wheels), str(ROOT), *EXTRA],
        check=True,
        capture_output=True,
        timeout=600,
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=wheels,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    tag = f"peer-support-bot:test-{uuid.uuid4().hex[:8]}"
    try:
        started = time.perf_counter()
        subprocess.run(
            [
                *f"docker build -q --network host -t {tag} --build-arg PIP_NO_INDEX=1".split(),
                *("--build-arg", f"PIP_FIND_LINKS=http://127.0.0.1:{port}/", str(ROOT)),
            ],
            check=True,
            timeout=900,
            env={**os.environ, "DOCKER_BUILDKIT": "0"},  # the builder every daemon has
            capture_output=True,
        )
        size = subprocess.run(
            ["docker", "image", "inspect", "-f", "{{.Size}}", tag],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        print(f"image built in {time.perf_counter() - started:.0f} s, {int(size) / 1e6:.0f} MB")
    finally:
        server.terminate()
        server.wait()
    yield tag
    subprocess.run(["docker", "image", "rm", "-f", tag], capture_output=True)


async def _docker(*args: str, check: bool = True) -> str:
    process = await asyncio.create_subprocess_exec(
        "docker", *args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    out, _ = await process.communicate()
    text = out.decode()
    if check and process.returncode != 0:
        raise AssertionError(f"docker {' '.join(args)} failed: {text}")
    return text.strip()


async def test_the_image_runs_healthy_answers_and_stops_cleanly(image: str) -> None:
    standin = BotAPIStandIn(token="424242:container-test")
    await standin.start()
    name = f"bot-test-{uuid.uuid4().hex[:8]}"
    health = free_port()
    try:
        started = time.perf_counter()
        await _docker(
            "run", "-d", "--name", name, "--network", "host",
            "--read-only", "--tmpfs", "/tmp", "--cap-drop", "ALL",
            "--security-opt", "no-new-privileges:true",
            "-e", f"TELEGRAM_BOT_TOKEN={standin.token}",
            "-e", f"TELEGRAM_API_BASE_URL={standin.base_url}",
            "-e", f"DATA_KEYS={generate_data_key()}",
            "-e", f"HEALTH_LISTEN=127.0.0.1:{health}",
            image,
        )  # fmt: skip
        await standin.wait_for(lambda c: True, timeout=60)
        print(f"first Bot API call {time.perf_counter() - started:.2f} s after docker run")
        # Docker's own healthcheck (the image's HEALTHCHECK) decides, every 5 s
        status = ""
        async with asyncio.timeout(90):
            while status != "healthy":
                status = await _docker("inspect", "-f", "{{.State.Health.Status}}", name)
                assert status in {"starting", "healthy"}, await _docker("logs", name)
                if status != "healthy":
                    await asyncio.sleep(0.25)  # polling another process: nothing to await
        print(f"healthy {time.perf_counter() - started:.1f} s after docker run")

        visitor = standin.user(first_name="Lina", username="lina_private", language_code="ar")
        await visitor.send("/start")
        await standin.wait_for(
            lambda c: c.method == "sendMessage" and c.chat_id == visitor.id,
            timeout=30,
        )
        await standin.wait_delivered(timeout=30)

        assert await _docker("exec", name, "id", "-u") == "10001"
        refused = await _docker("exec", name, "touch", "/opt/bot/x", check=False)
        assert "Read-only file system" in refused

        await _docker("stop", "-t", "25", name)
        code = await _docker("inspect", "-f", "{{.State.ExitCode}}", name)
        logs = await _docker("logs", name)
        assert code == "0", logs  # it stopped by itself on SIGTERM, it was not killed
        for secret in (str(visitor.id), "Lina", "lina_private", standin.token):
            assert secret not in logs
    finally:
        with contextlib.suppress(AssertionError):
            await _docker("rm", "-f", "-v", name, check=False)
        await standin.stop()
