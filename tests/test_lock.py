"""The lock (requirements/*.txt) must keep up with pyproject.toml's ranges.

Every install a desk, `make` or CI makes comes from the lock with `--no-deps` for the
project itself, so a dependency added to pyproject.toml but not locked would be missing
from all of them; `make lock` refreshes the lock.
"""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", re.MULTILINE)
LOCKS = {"default": [], "dev": ["dev"], "semantic": ["semantic"]}


def locked(name: str) -> dict[str, Version]:
    text = (ROOT / "requirements" / f"{name}.txt").read_text(encoding="utf-8")
    return {canonicalize_name(package): Version(v) for package, v in PIN.findall(text)}


def stale(wanted: list[str], pins: dict[str, Version]) -> list[str]:
    problems = []
    for line in wanted:
        requirement = Requirement(line)
        if requirement.marker and not requirement.marker.evaluate():
            continue
        version = pins.get(canonicalize_name(requirement.name))
        if version is None:
            problems.append(f"{requirement.name} is not locked")
        elif not requirement.specifier.contains(version, prereleases=True):
            problems.append(f"{requirement.name}=={version} is outside {requirement.specifier}")
    return problems


@pytest.mark.parametrize("lock, extras", LOCKS.items())
def test_lock_pins_every_dependency_within_its_range(lock, extras):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + [
        line for extra in extras for line in project["optional-dependencies"][extra]
    ]
    problems = stale(wanted, locked(lock))
    assert not problems, f"requirements/{lock}.txt is out of date (`make lock`): {problems}"


@pytest.mark.parametrize("lock", ["dev", "semantic"])
def test_extras_locks_run_the_same_app_as_the_default_lock(lock):
    default, other = locked("default"), locked(lock)
    differ = {
        name: (str(v), str(other.get(name))) for name, v in default.items() if other.get(name) != v
    }
    assert not differ, f"requirements/{lock}.txt differs from default.txt: {differ}"


def test_a_missing_or_outgrown_pin_is_reported():
    pins = {"django": Version("5.2.20")}
    assert stale(["Django>=5.2,<5.3", "pysbd>=0.3.4"], pins) == ["pysbd is not locked"]
    assert stale(["Django>=6"], pins) == ["Django==5.2.20 is outside >=6"]
