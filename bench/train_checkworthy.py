"""Train the check-worthiness model that claims/extraction.py applies at ingestion.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python bench/train_checkworthy.py --data ../shared/data/claimbuster/train.json

Data: a ClaimBuster-format JSON list of {"sentence_id", "label", "text"} (label 1 =
check-worthy). The shared file is 25% positive while the test file the desk is judged on is
balanced, so the model is fitted with balanced class weights and every figure is computed
for a balanced prior: negatives weigh n_pos / n_neg, and each held-out fold is also scored
on random balanced resamples (all its positives, as many of its negatives).

Steps: (1) nested cross-validation of the ingestion's whole decision (claims/extraction.py:
the cheap filters, then reported speech or the model): in each outer fold the threshold is
chosen by an inner cross-validation on the training part only, then the held-out part is
scored;
(2) the final threshold is the best one on the pooled outer out-of-fold probabilities;
(3) the model is fitted on the whole file, pruned to the --keep strongest features, refitted
on them, and written with its figures and provenance to claims/data/checkworthy.json;
(4) the written file, read back by the runtime class, must score the training sentences
as scikit-learn does. --cv-only stops after (1) and writes nothing.
"""

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction import (  # noqa: E402  (the project root must be on the path first)
    CHAR_NGRAMS,
    MODEL_FILE,
    CheckWorthinessModel,
    checkworthiness_features,
    passes_filters,
    reports_speech,
)

SOURCE = (
    "ClaimBuster two-class training set (Arslan et al., 2020) as published in the "
    "utaresearch/claimbuster-spotter repository (data/two_class/train.json), licensed "
    "GPL-3.0. These weights are derived from that data."
)
THRESHOLDS = np.round(np.arange(0.05, 0.951, 0.01), 2)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="../shared/data/claimbuster/train.json")
    parser.add_argument("--out", default=str(MODEL_FILE))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--inner-folds", type=int, default=3)
    parser.add_argument("--resamples", type=int, default=50, help="balanced draws per fold")
    parser.add_argument("--C", type=float, default=3.0, help="inverse regularisation strength")
    parser.add_argument("--min-df", type=int, default=2, help="features seen in fewer are dropped")
    parser.add_argument("--keep", type=int, default=40000, help="features kept after pruning")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cv-only", action="store_true", help="report the CV figures only")
    args = parser.parse_args(argv)
    if args.folds < 2 or args.inner_folds < 2:
        parser.error("--folds and --inner-folds must be at least 2")
    return args


def load(path: str) -> tuple[list[str], np.ndarray]:
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    return [r["text"] for r in rows], np.array([int(r["label"]) for r in rows])


class Fitted:
    """A TF-IDF vectoriser and a logistic regression over the desk's own features."""

    def __init__(self, docs: list[list[str]], labels: np.ndarray, *, C: float, min_df: int, keep):
        vectoriser = self._vectoriser(min_df=min_df)
        model = self._regression(C).fit(vectoriser.fit_transform(docs), labels)
        if keep and len(model.coef_[0]) > keep:
            # Refit on the strongest features only, so the pruned model is exact at run
            # time (its norms and weights never involve a dropped feature).
            names = vectoriser.get_feature_names_out()
            strongest = np.argsort(-np.abs(model.coef_[0]))[:keep]
            vectoriser = self._vectoriser(vocabulary=sorted(names[strongest]))
            model = self._regression(C).fit(vectoriser.fit_transform(docs), labels)
        self.vectoriser, self.model = vectoriser, model

    @staticmethod
    def _vectoriser(**options) -> TfidfVectorizer:
        # Documents come already turned into feature lists by checkworthiness_features.
        return TfidfVectorizer(
            analyzer=lambda features: features, lowercase=False, sublinear_tf=True, **options
        )

    @staticmethod
    def _regression(C: float) -> LogisticRegression:
        return LogisticRegression(C=C, class_weight="balanced", max_iter=5000)

    def probabilities(self, docs: list[list[str]]) -> np.ndarray:
        return self.model.predict_proba(self.vectoriser.transform(docs))[:, 1]


def balanced_prf(labels: np.ndarray, predicted: np.ndarray) -> tuple[float, float, float]:
    """Precision, recall, F1 of the positive class with both classes weighing the same."""
    positives, negatives = labels == 1, labels == 0
    weight = positives.sum() / max(negatives.sum(), 1)
    tp = float((predicted & positives).sum())
    fp = float((predicted & negatives).sum()) * weight
    fn = float((~predicted & positives).sum())
    return _prf(tp, fp, fn)


def _prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def best_threshold(labels, probabilities, kept, speech) -> float:
    """The threshold with the best balanced F1 of the whole decision."""
    scores = [balanced_prf(labels, kept & (speech | (probabilities >= t)))[2] for t in THRESHOLDS]
    return float(THRESHOLDS[int(np.argmax(scores))])


def resampled_f1(labels, predicted, draws: int, rng: random.Random) -> list[float]:
    """F1 on balanced resamples: every positive and as many negatives drawn at random."""
    positives = [i for i, y in enumerate(labels) if y == 1]
    negatives = [i for i, y in enumerate(labels) if y == 0]
    results = []
    for _ in range(draws):
        sample = positives + rng.sample(negatives, min(len(positives), len(negatives)))
        tp = sum(1 for i in sample if predicted[i] and labels[i] == 1)
        fp = sum(1 for i in sample if predicted[i] and labels[i] == 0)
        fn = sum(1 for i in sample if not predicted[i] and labels[i] == 1)
        results.append(_prf(tp, fp, fn)[2])
    return results


def out_of_fold(docs, labels, folds: int, seed: int, options: dict) -> np.ndarray:
    probabilities = np.zeros(len(labels))
    splitter = StratifiedKFold(folds, shuffle=True, random_state=seed)
    for train, held_out in splitter.split(np.zeros(len(labels)), labels):
        fitted = Fitted([docs[i] for i in train], labels[train], **options)
        probabilities[held_out] = fitted.probabilities([docs[i] for i in held_out])
    return probabilities


def cross_validate(docs, labels, kept, speech, args, options: dict) -> tuple[dict, np.ndarray]:
    """Nested CV of the ingestion's decision: filters, then the model at a threshold that
    each outer fold chooses from its own training part alone."""
    rng = random.Random(args.seed)
    pooled = np.zeros(len(labels))
    folds = []
    splitter = StratifiedKFold(args.folds, shuffle=True, random_state=args.seed)
    for number, (train, held_out) in enumerate(splitter.split(np.zeros(len(labels)), labels)):
        train_docs = [docs[i] for i in train]
        inner = out_of_fold(train_docs, labels[train], args.inner_folds, args.seed, options)
        threshold = best_threshold(labels[train], inner, kept[train], speech[train])
        fitted = Fitted(train_docs, labels[train], **options)
        probabilities = fitted.probabilities([docs[i] for i in held_out])
        pooled[held_out] = probabilities
        predicted = kept[held_out] & (speech[held_out] | (probabilities >= threshold))
        precision, recall, f1 = balanced_prf(labels[held_out], predicted)
        draws = resampled_f1(list(labels[held_out]), list(predicted), args.resamples, rng)
        folds.append(
            {
                "threshold": threshold,
                "precision": precision,
                "recall": recall,
                "f1": f1,
                "resampled_f1": statistics.mean(draws),
            }
        )
        print(
            f"fold {number + 1}: threshold {threshold:.2f}  precision {precision:.3f}  "
            f"recall {recall:.3f}  F1 {f1:.3f}  (balanced resamples {statistics.mean(draws):.3f})",
            flush=True,
        )
    summary = {
        key: round(statistics.mean(f[key] for f in folds), 4)
        for key in ("precision", "recall", "f1", "resampled_f1")
    }
    summary["f1_sd"] = round(statistics.stdev(f["f1"] for f in folds), 4)
    return summary, pooled


def export(fitted: Fitted, threshold: float, metadata: dict) -> dict:
    names = list(fitted.vectoriser.get_feature_names_out())
    return {
        "about": metadata,
        "features": names,
        "idf": [round(float(v), 4) for v in fitted.vectoriser.idf_],
        "weights": [round(float(v), 4) for v in fitted.model.coef_[0]],
        "intercept": round(float(fitted.model.intercept_[0]), 6),
        "threshold": threshold,
    }


def check_runtime_agrees(path: Path, fitted: Fitted, texts, docs, threshold: float) -> None:
    """The committed file, read by the runtime class, decides as scikit-learn does."""
    runtime = CheckWorthinessModel.from_file(path)
    ours = np.array([runtime.probability(t) for t in texts])
    theirs = fitted.probabilities(docs)
    gap = float(np.max(np.abs(ours - theirs)))
    disagreements = int(((ours >= threshold) != (theirs >= threshold)).sum())
    print(f"runtime check: largest probability gap {gap:.5f}, {disagreements} decisions differ")
    if gap > 0.01 or disagreements > len(texts) // 1000:
        sys.exit("the written model does not reproduce scikit-learn's decisions")


def main(argv=None) -> None:
    args = parse_args(argv)
    texts, labels = load(args.data)
    docs = [checkworthiness_features(t) for t in texts]
    # The rest of the ingestion's decision, which needs no fitting (claims/extraction.py).
    kept = np.array([passes_filters(t) for t in texts])
    speech = np.array([reports_speech(t) for t in texts])
    options = {"C": args.C, "min_df": args.min_df, "keep": args.keep}
    print(f"{len(texts)} sentences, {int(labels.sum())} check-worthy; options {options}")
    started = time.perf_counter()
    cv, pooled = cross_validate(docs, labels, kept, speech, args, options)
    print(
        f"nested {args.folds}-fold CV, balanced prior: precision {cv['precision']:.3f} "
        f"recall {cv['recall']:.3f} F1 {cv['f1']:.3f} (sd {cv['f1_sd']:.3f}; balanced "
        f"resamples {cv['resampled_f1']:.3f}) in {time.perf_counter() - started:.0f} s"
    )
    if args.cv_only:
        return
    threshold = best_threshold(labels, pooled, kept, speech)
    fitted = Fitted(docs, labels, **options)
    predicted = kept & (speech | (fitted.probabilities(docs) >= threshold))
    figures = balanced_prf(labels, predicted)
    names = ("precision", "recall", "f1")
    in_sample = {k: round(float(v), 4) for k, v in zip(names, figures, strict=True)}
    print(f"threshold {threshold:.2f}; in-sample on the training file (balanced): {in_sample}")
    metadata = {
        "what": "Check-worthiness model of claims/extraction.py: logistic regression over "
        "sublinear, L2-normalised TF-IDF of checkworthiness_features.",
        "training_data": SOURCE,
        "training_command": "python bench/train_checkworthy.py --data "
        "../shared/data/claimbuster/train.json",
        "options": {**options, "char_ngrams": [CHAR_NGRAMS.start, CHAR_NGRAMS.stop - 1]},
        "sentences": len(texts),
        "cv_balanced": {**cv, "folds": args.folds},
        "in_sample_balanced": in_sample,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    data = export(fitted, threshold, metadata)
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB, {len(data['features'])} features)")
    check_runtime_agrees(out, fitted, texts, docs, threshold)


if __name__ == "__main__":
    main()
