# Fixtures of the Python module's tests (CTest runs them with PYTHONPATH=build/python and
# DCLOAD_EXE, DCLOAD_SOURCE_DIR, DCLOAD_EPW_DIR set; see tests/CMakeLists.txt).
import json
import os
import pathlib
import subprocess

import pytest

import dcload

ROOT = pathlib.Path(os.environ.get("DCLOAD_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def exe():
    path = os.environ.get("DCLOAD_EXE")
    if not path or not os.path.exists(path):
        pytest.skip("DCLOAD_EXE (the dcload command) is not set")
    return path


@pytest.fixture(scope="session")
def cli(exe):
    """Run the dcload command; returns (exit code, stdout, stderr)."""

    def call(*args, cwd=ROOT):
        p = subprocess.run([exe, *map(str, args)], cwd=cwd, capture_output=True, text=True)
        return p.returncode, p.stdout, p.stderr

    return call


@pytest.fixture(scope="session")
def cli_json(cli):
    def call(*args):
        rc, out, err = cli(*args)
        assert rc in (0, 1), err
        return json.loads(out)

    return call


@pytest.fixture(scope="session")
def ulsan_site(root):
    return dcload.load_site(root / "configs" / "ulsan.toml")


@pytest.fixture(scope="session")
def ulsan(ulsan_site):
    return dcload.run(ulsan_site)


@pytest.fixture(scope="session")
def epw_dir():
    d = os.environ.get("DCLOAD_EPW_DIR", "")
    if not d or not (pathlib.Path(d) / "KOR_Ulsan.epw").exists():
        pytest.skip("DCLOAD_EPW_DIR with KOR_Ulsan.epw not set (real typical years)")
    return pathlib.Path(d)
