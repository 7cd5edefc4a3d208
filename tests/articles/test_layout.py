"""articles knows nothing of claims: the ingestion pipeline (claims.pipeline) joins the two.

Only the desk's entry points (admin, API, management commands, templatetags) may reach
into claims; the domain modules that read, clean, date and store articles may not.
"""

import ast
from pathlib import Path

import articles

ENTRY_POINTS = {"admin.py", "api.py"}
ROOT = Path(articles.__file__).parent


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def test_articles_domain_modules_do_not_import_claims():
    domain = [p for p in ROOT.glob("*.py") if p.name not in ENTRY_POINTS]
    assert domain
    offenders = {
        p.name: sorted(m for m in _imports(p) if m.split(".")[0] == "claims") for p in domain
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_the_layout_check_sees_an_import_of_claims(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("from claims.pipeline import ingest_article\nimport claims.models\n")
    assert _imports(module) == {"claims.pipeline", "claims.models"}
