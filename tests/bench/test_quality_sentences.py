"""bench/quality.py sentences on a small {text, sentences} file written by the test."""

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ITEMS = [
    {
        "text": "Gen. Kim arrived on Nov. 3. He left.",
        "sentences": ["Gen. Kim arrived on Nov. 3.", "He left."],
    },
    {"text": "Talks resume\nBoth sides came.", "sentences": ["Talks resume", " Both sides came. "]},
    {"text": "One. Two.", "sentences": ["One. Two."]},  # labelled otherwise: not exact
]


@pytest.fixture(scope="module")
def quality():
    spec = importlib.util.spec_from_file_location("quality", ROOT / "bench" / "quality.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "sentences.json"
    path.write_text(json.dumps(ITEMS), encoding="utf-8")
    return str(path)


def test_sentences_counts_texts_whose_whole_list_matches(quality, data, capsys):
    assert quality.main(["sentences", "--data", data]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == "sentences exact 2/3"


def test_sentences_fails_below_its_floor(quality, data, capsys):
    assert quality.main(["sentences", "--data", data, "--min-exact", "2"]) == 0
    assert quality.main(["sentences", "--data", data, "--min-exact", "3"]) == 1
    assert "below the floor" in capsys.readouterr().err


def test_the_news_set_is_well_formed():
    items = json.loads((ROOT / "bench" / "sentences" / "news.json").read_text(encoding="utf-8"))
    assert len(items) >= 30
    for item in items:
        # The labelled sentences are the text itself, cut: nothing added or left out.
        assert "".join("".join(item["sentences"]).split()) == "".join(item["text"].split())
