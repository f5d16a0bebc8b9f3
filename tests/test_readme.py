"""Every command the README shows works: its shell and Python blocks run, in the README's
order, in a folder holding a copy of the bundled data (the set-up commands, pip and pytest,
are what CI and a fresh clone run; here the installed kg stands in for them)."""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from conftest import REPO

BLOCK = re.compile(r"^```(sh|python)\n(.*?)^```", re.MULTILINE | re.DOTALL)
SET_UP = re.compile(r"^(python3 -m venv|\. \.venv/bin/activate|pip install|pytest|sudo )")
SERVE = re.compile(r"^kg serve (.*) &$")


def readme_blocks() -> list[tuple[str, str]]:
    return BLOCK.findall((REPO / "README.md").read_text(encoding="utf-8"))


def shell_script(block: str) -> tuple[str, list[str]]:
    """The block as a script of its kg commands, and the arguments of a 'kg serve ... &' in it
    (started by the test, which waits for it to answer)."""
    commands, served = [], []
    for line in block.replace("\\\n", " ").splitlines():
        steps = [step.strip() for step in line.split(" && ")]
        kept = [step for step in steps if not SET_UP.match(step)]
        if not kept:
            continue
        serve = SERVE.match(kept[0])
        if serve:
            served = serve.group(1).split()
            continue
        commands.append(" && ".join(kept))
    return "set -euo pipefail\n" + "\n".join(commands) + "\n", served


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def workdir(tmp_path):
    """A folder like a clone's: data/, and the inputs the README's examples name."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    shutil.copytree(REPO / "tests" / "data" / "admin_units", tmp_path / "tests" / "data" / "admin_units")
    shutil.copy(REPO / "tests" / "data" / "html" / "fundus_VnExpress_2025_10_22.html", tmp_path / "saved-page.html")
    with zipfile.ZipFile(tmp_path / "crawl.zip", "w") as archive:
        archive.writestr("one.txt", "Hội nghị tổng kết\n\nSáng 20/12, Đại tá Nguyễn Văn Bình, Giám đốc Công an "
                                    "tỉnh Nam Định chủ trì hội nghị tổng kết.\n")
    (tmp_path / "export.jsonl").write_text(
        '{"body": "Sáng 21/12, Thiếu tướng Trần Đức Khánh dự hội nghị tại Hà Nội.", "date": "2023-12-21"}\n',
        encoding="utf-8")
    return tmp_path


def test_the_readme_commands_run(workdir):
    bin_folder = str(Path(sys.executable).parent)
    environment = {**{k: v for k, v in os.environ.items() if k != "KG_DEBUG"},
                   "PATH": bin_folder + os.pathsep + os.environ["PATH"]}
    port = str(free_port())
    server = None
    ran = 0
    try:
        for kind, block in readme_blocks():
            block = block.replace("7878", port)
            if server is not None and port not in block:
                server.terminate()  # the server holds the store: stopped before anything writes there
                server.wait(timeout=30)
                server = None
            if kind == "python":
                run = subprocess.run([sys.executable, "-c", block], cwd=workdir, env=environment,
                                     capture_output=True, text=True, timeout=300)
                assert run.returncode == 0, f"{block}\n{run.stderr}"
                ran += 1
                continue
            script, served = shell_script(block)
            if served:
                server = subprocess.Popen(["kg", "serve", *served, "--port", port], cwd=workdir, env=environment,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                _wait_for(f"http://127.0.0.1:{port}/")
            run = subprocess.run(["bash", "-c", script], cwd=workdir, env=environment, capture_output=True,
                                 text=True, timeout=600)
            assert run.returncode == 0, f"{script}\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}"
            ran += script.count("\n") - 1
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    assert ran >= 20
    assert (workdir / "people.png").read_bytes().startswith(b"\x89PNG")


def _wait_for(url: str) -> None:
    for _ in range(150):
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"kg serve did not answer at {url}")
