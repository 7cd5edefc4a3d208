"""The layers of docs/architecture.md hold: `lint-imports` checks pyproject.toml's contracts.

`make test` runs it before the suite; this test makes a broken contract a failing test
too, and shows the checker does catch an import that crosses a layer.
"""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(*args: str, cwd: Path = ROOT, path: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_DEBUG": "1"}
    if path:
        env["PYTHONPATH"] = path
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_every_layer_contract_is_kept():
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    names = [contract["name"] for contract in contracts["contracts"]]
    assert len(names) >= 3
    result = lint_imports()
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    for name in names:
        assert f"{name} KEPT" in result.stdout


def test_an_import_across_a_layer_breaks_a_contract(tmp_path):
    # The same kind of contract on a throwaway package: pure text code importing a model.
    package = tmp_path / "probe"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text("")
    (package / "text.py").write_text("from probe import models\n")
    (tmp_path / "contracts.toml").write_text(
        "[tool.importlinter]\nroot_package = 'probe'\n\n"
        "[[tool.importlinter.contracts]]\nname = 'text imports no model'\n"
        "type = 'forbidden'\nsource_modules = ['probe.text']\n"
        "forbidden_modules = ['probe.models']\n"
    )
    result = lint_imports("--config", "contracts.toml", cwd=tmp_path, path=str(tmp_path))
    assert result.returncode == 1
    assert "text imports no model BROKEN" in result.stdout
    assert "probe.text -> probe.models" in result.stdout
