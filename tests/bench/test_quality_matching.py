"""bench/quality.py matching on a tiny CheckThat!-format split written for this test."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TINY = Path(__file__).resolve().parent / "checkthat_tiny"


@pytest.fixture(scope="module")
def quality():
    spec = importlib.util.spec_from_file_location("quality", ROOT / "bench" / "quality.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(quality, capsys, *extra):
    status = quality.main(
        [
            "matching",
            "--claims",
            str(TINY / "claims.tsv"),
            "--queries",
            str(TINY / "queries.tsv"),
            "--qrels",
            str(TINY / "qrels"),
            *extra,
        ]
    )
    return status, capsys.readouterr()


def test_matching_prints_its_figures_on_the_last_line(quality, capsys):
    status, printed = _run(quality, capsys)
    last = printed.out.strip().splitlines()[-1].split()
    figures = dict(zip(last[::2], map(float, last[1::2]), strict=True))
    assert status == 0
    assert figures["MAP@5"] == figures["P@1"] == figures["R@5"] == 1.0
    assert set(figures) == {
        "MAP@5",
        "P@1",
        "R@5",
        "gold-accepted",
        "wrong-accepted",
        "threshold",
        "gold-joined",
        "wrong-proposed",
    }
    assert 0 <= figures["wrong-accepted"] < figures["gold-accepted"] <= 1


def test_matching_fails_below_its_floor(quality, capsys):
    status, printed = _run(quality, capsys, "--min-map5", "1.01")
    assert status == 1
    assert "MAP@5 1.000 < 1.01" in printed.err


def test_matching_fails_above_its_wrong_join_ceiling(quality, capsys):
    status, printed = _run(quality, capsys, "--min-gold-accepted", "0.3")
    assert status == 0
    status, printed = _run(quality, capsys, "--max-wrong-accepted", "-0.01")
    assert status == 1
    assert "wrong-accepted 0.000 > -0.01" in printed.err


def test_matching_prints_the_stress_set_above_its_line(quality, capsys, tmp_path):
    stress = tmp_path / "stress.json"
    # A near miss of the straws claim (another city, another year), and a news sentence
    # restating the shark claim.
    stress.write_text(
        '{"near_misses": [{"query": "12", "of": "1", "claim": "The city of Shelbyville '
        'banned plastic straws in all restaurants in 2021."}],'
        ' "sentences": [{"claim": "0", "text": "The photograph shows a shark swimming down a '
        'flooded highway after the hurricane, the post says."}]}',
        encoding="utf-8",
    )
    status, printed = _run(quality, capsys, "--stress", str(stress))
    lines = printed.out.strip().splitlines()
    assert status == 0
    assert lines[-2].startswith("stress: near-miss tweets wrong-accepted ")
    assert "/1; sentences gold-accepted 1/1 wrong-accepted " in lines[-2]
    assert lines[-1].startswith("MAP@5 ")


def test_average_precision_is_the_official_one(quality):
    assert quality.average_precision(["a", "g"], {"g"}) == 0.5
    assert quality.average_precision(["g", "x", "h"], {"g", "h"}) == pytest.approx((1 + 2 / 3) / 2)
    # A relevant claim ranked below 5 counts for nothing, but still counts as relevant.
    assert quality.average_precision(["a", "b", "c", "d", "e", "g"], {"g"}) == 0.0
    assert quality.average_precision(["g"], {"g", "h"}) == 0.5


def test_qrels_naming_unknown_queries_are_refused(quality, capsys, tmp_path):
    qrels = tmp_path / "qrels"
    qrels.write_text("99\t0\t0\t1\n", encoding="utf-8")
    status = quality.main(
        [
            "matching",
            "--claims",
            str(TINY / "claims.tsv"),
            "--queries",
            str(TINY / "queries.tsv"),
            "--qrels",
            str(qrels),
        ]
    )
    assert status == 2
    assert "queries not in" in capsys.readouterr().err


def test_matching_prints_the_bands_and_unmatched_sentences_above_its_line(
    quality, capsys, tmp_path
):
    unmatched = tmp_path / "debate.json"
    unmatched.write_text(
        '[{"text": "A photograph shows a shark swimming on a flooded highway.", "label": 1},'
        ' {"text": "Thank you all for coming tonight.", "label": 0}]',
        encoding="utf-8",
    )
    status, printed = _run(quality, capsys, "--unmatched", str(unmatched))
    lines = printed.out.strip().splitlines()
    assert status == 0
    assert lines[-3].startswith("bands: gold joined ")
    # Only the check-worthy sentence is matched; the collection holds its claim.
    assert lines[-2] == "unmatched: 1 sentences, joined outright 1.000, proposed 0.000"
    assert lines[-1].startswith("MAP@5 ")
