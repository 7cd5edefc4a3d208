"""Train the check-worthiness model that claims/text/checkworthiness.py applies at ingestion.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python bench/train_checkworthy.py            # the shared data's default paths

Data (each a JSON list of {"text", "label"}, label 1 = check-worthy, maybe with "group"):
ClaimBuster's debate sentences (--claimbuster), CheckThat! 2021 1A COVID tweets (--tweets,
with --tweets-dev kept back), CheckThat! 2020 Task 5 debates and speeches (--debates,
grouped by debate) and news sentences written for the desk (--news, in this repository,
with --news-test kept back). They differ in register and in how rare a check-worthy item
is (25%, 35%, 1%, 50%), so each data set's two classes are weighed to balance, and each
data set weighs --weights in total: none drowns the others, and the tweets and the news
teach their registers without the 42,776 debate sentences outvoting them.

Steps: (1) cross-validation (--folds): ClaimBuster and the news set in stratified folds,
the debates in folds of whole debates (a debate is never both trained on and scored), the
tweets' training file in every fold's training; a text of the scored fold is left out of
that fold's training, whichever data set holds it (ClaimBuster's sentences come from
debates). The out-of-fold probabilities give (2) the threshold, the best mean of the
desk decision's F1 on ClaimBuster (for a balanced prior: its test file is balanced) and
on the news set, and the figures: ClaimBuster F1, the news set's F1 and MAP, and the
debates' MAP per debate, averaged (all debates, and those ClaimBuster holds no sentence
of). (3) The shipped model is fitted on all training data (the tweets' dev file and the
news test file never), pruned to the --keep strongest features, refitted on them and
scored on the two kept-back files with the desk's own decision (assess), then written
with its figures and provenance to claims/text/data/checkworthy.json; (4) the written file,
read back by the runtime class, must score as scikit-learn does. --eval-only stops after
(2) and writes nothing.
"""

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The project root must be on the path first.
from claims.text.checkworthiness import (  # noqa: E402
    CHAR_NGRAMS,
    MODEL_FILE,
    CheckWorthinessModel,
    checkworthiness_features,
)
from claims.text.extraction import passes_filters, reports_speech  # noqa: E402

DATA = "../shared/data"
NEWS = ROOT / "bench" / "checkworthy"
SOURCES = {
    "claimbuster": "ClaimBuster two-class training set (Arslan et al., 2020) as published in "
    "the utaresearch/claimbuster-spotter repository (data/two_class/train.json), licensed "
    "GPL-3.0.",
    "tweets": "CLEF CheckThat! 2021 Task 1A English training tweets (Shaar et al., 2021): lab "
    "data for research use; the tweets belong to their authors.",
    "debates": "CLEF CheckThat! 2020 Task 5 training debates and speeches (Shaar et al., 2020), "
    'sshaar/clef2020-factchecking-task5: "free for general research use".',
    "news": "News sentences written for FactDesk in its developers' own words "
    "(bench/checkworthy/news_train.json), shipped with the project.",
}
THRESHOLDS = np.round(np.arange(0.05, 0.951, 0.01), 2)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claimbuster", default=f"{DATA}/claimbuster/train.json")
    parser.add_argument("--tweets", default=f"{DATA}/checkthat2021-1a/train.json")
    parser.add_argument("--tweets-dev", default=f"{DATA}/checkthat2021-1a/dev.json")
    parser.add_argument("--debates", default=f"{DATA}/checkthat2020-debates/train.json")
    parser.add_argument("--news", default=str(NEWS / "news_train.json"))
    parser.add_argument("--news-test", default=str(NEWS / "news_test.json"))
    parser.add_argument("--out", default=str(MODEL_FILE))
    parser.add_argument(
        "--weights",
        default="3,1,0.5,1",
        help="total weight of ClaimBuster, the tweets, the debates and the news (each class "
        "balanced)",
    )
    parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--min-df", type=int, default=2, help="features seen in fewer are dropped")
    parser.add_argument("--keep", type=int, default=60000, help="features kept after pruning")
    parser.add_argument("--folds", type=int, default=5, help="of the cross-validation")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--eval-only", action="store_true", help="cross-validate only")
    args = parser.parse_args(argv)
    args.weights = dict(zip(SOURCES, map(float, args.weights.split(",")), strict=True))
    return args


class Items:
    """Texts with labels, data set names and groups, and what the desk decides without fitting."""

    def __init__(self, rows: list[dict], source: str):
        self.texts = [str(r["text"]) for r in rows]
        self.labels = np.array([int(r["label"]) for r in rows])
        self.sources = [source] * len(rows)
        self.groups = [str(r.get("group") or source) for r in rows]

    def __len__(self):
        return len(self.texts)

    def extend(self, other: "Items") -> "Items":
        self.texts += other.texts
        self.labels = np.concatenate([self.labels, other.labels])
        self.sources += other.sources
        self.groups += other.groups
        return self

    def take(self, indices) -> "Items":
        part = Items([], "")
        part.texts = [self.texts[i] for i in indices]
        part.labels = self.labels[list(indices)]
        part.sources = [self.sources[i] for i in indices]
        part.groups = [self.groups[i] for i in indices]
        return part

    def prepare(self) -> "Items":
        self.docs = [checkworthiness_features(t) for t in self.texts]
        # The rest of the desk's decision, which needs no fitting (claims/text/extraction.py).
        self.kept = np.array([passes_filters(t) for t in self.texts])
        self.speech = np.array([reports_speech(t) for t in self.texts])
        return self

    def where(self, source: str) -> list[int]:
        return [i for i, s in enumerate(self.sources) if s == source]


def load(path: str, source: str) -> Items:
    return Items(json.loads(Path(path).read_text(encoding="utf-8")), source)


def sample_weights(items: Items, weights: dict[str, float]) -> np.ndarray:
    """Each data set's classes balanced, each data set weighing its share; mean weight 1."""
    result = np.zeros(len(items))
    sources = np.array(items.sources)
    for source, weight in weights.items():
        for label in (0, 1):
            chosen = (sources == source) & (items.labels == label)
            if chosen.any():
                result[chosen] = weight / 2 / chosen.sum()
    return result * len(items) / result.sum()


class Fitted:
    """A TF-IDF vectoriser and a logistic regression over the desk's own features."""

    def __init__(self, items: Items, args):
        weights = sample_weights(items, args.weights)
        if not weights.all():  # a data set weighing 0 is scored, never fitted on
            items = subset(items, np.flatnonzero(weights))
            weights = sample_weights(items, args.weights)
        docs, labels = items.docs, items.labels
        vectoriser = self._vectoriser(min_df=args.min_df)
        model = self._regression(args.C).fit(vectoriser.fit_transform(docs), labels, weights)
        if args.keep and len(model.coef_[0]) > args.keep:
            # Refit on the strongest features only, so the pruned model is exact at run
            # time (its norms and weights never involve a dropped feature).
            names = vectoriser.get_feature_names_out()
            strongest = np.argsort(-np.abs(model.coef_[0]))[: args.keep]
            vectoriser = self._vectoriser(vocabulary=sorted(names[strongest]))
            model = self._regression(args.C).fit(vectoriser.fit_transform(docs), labels, weights)
        self.vectoriser, self.model = vectoriser, model

    @staticmethod
    def _vectoriser(**options) -> TfidfVectorizer:
        # Documents come already turned into feature lists by checkworthiness_features.
        return TfidfVectorizer(
            analyzer=lambda features: features, lowercase=False, sublinear_tf=True, **options
        )

    @staticmethod
    def _regression(C: float) -> LogisticRegression:
        return LogisticRegression(C=C, max_iter=5000)

    def probabilities(self, items: Items) -> np.ndarray:
        return self.model.predict_proba(self.vectoriser.transform(items.docs))[:, 1]


# --- figures, as bench/quality.py computes them -----------------------------------------


def desk_scores(items: Items, probabilities: np.ndarray) -> np.ndarray:
    """The desk's score: the model's probability, 0 for what the filters refuse."""
    return np.where(items.kept, probabilities, 0.0)


def decisions(items: Items, probabilities: np.ndarray, threshold: float) -> np.ndarray:
    return items.kept & (items.speech | (probabilities >= threshold))


def prf(labels, predicted, *, balanced: bool = False) -> tuple[float, float, float]:
    """Precision, recall, F1 of the positive class; balanced: both classes weigh the same."""
    positives, negatives = labels == 1, labels == 0
    weight = positives.sum() / max(negatives.sum(), 1) if balanced else 1.0
    tp = float((predicted & positives).sum())
    fp = float((predicted & negatives).sum()) * weight
    fn = float((~predicted & positives).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def average_precision(scores, labels) -> float | None:
    """Of one ranking, most check-worthy first (ties in the file's order, as the benchmark)."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    hits, total = 0, 0.0
    for rank, i in enumerate(order, 1):
        if labels[i]:
            hits += 1
            total += hits / rank
    return total / hits if hits else None


def mean_average_precision(items: Items, scores: np.ndarray) -> float:
    by_group = defaultdict(list)
    for i, group in enumerate(items.groups):
        by_group[group].append(i)
    found = [average_precision(scores[g], items.labels[g]) for g in by_group.values()]
    found = [ap for ap in found if ap is not None]
    return sum(found) / len(found) if found else 0.0


def best_threshold(items: Items, probabilities: np.ndarray) -> float:
    """The threshold with the best mean F1 of the desk's decision on ClaimBuster (for a
    balanced prior) and on the news set: the debates' sentences and the news the desk
    reads, weighed alike (the tweets are ranked, and their posts are kept whole)."""
    parts = []
    for source in ("claimbuster", "news"):
        chosen = items.where(source)
        if chosen:
            parts.append((subset(items, chosen), probabilities[chosen], source == "claimbuster"))
    f1s = [
        np.mean([prf(p.labels, decisions(p, probs, t), balanced=b)[2] for p, probs, b in parts])
        for t in THRESHOLDS
    ]
    return float(THRESHOLDS[int(np.argmax(f1s))])


def subset(items: Items, indices) -> Items:
    part = items.take(indices)
    part.docs = [items.docs[i] for i in indices]
    part.kept, part.speech = items.kept[list(indices)], items.speech[list(indices)]
    return part


def figures(part: Items, probabilities: np.ndarray, threshold: float, source: str) -> dict:
    predicted = decisions(part, probabilities, threshold)
    balanced = source == "claimbuster"
    precision, recall, f1 = prf(part.labels, predicted, balanced=balanced)
    result = {"precision": precision, "recall": recall, "f1": f1}
    result["map"] = mean_average_precision(part, desk_scores(part, probabilities))
    result["flagged"] = float(predicted.mean())
    return {k: round(float(v), 4) for k, v in result.items()}


# --- cross-validation -------------------------------------------------------------------


def _plain(text: str) -> str:
    return " ".join(text.lower().split())


def fold_of(items: Items, folds: int, seed: int) -> np.ndarray:
    """Each item's fold: ClaimBuster and the news by label, the debates whole; -1 (always
    trained on) for the tweets, whose dev file is what is kept back of them."""
    rng = random.Random(seed)
    fold = np.full(len(items), -1)
    for source in ("claimbuster", "news"):
        for label in (0, 1):
            members = [i for i in items.where(source) if items.labels[i] == label]
            rng.shuffle(members)
            for n, i in enumerate(members):
                fold[i] = n % folds
    debates = sorted({items.groups[i] for i in items.where("debates")})
    rng.shuffle(debates)
    of_debate = {group: n % folds for n, group in enumerate(debates)}
    for i in items.where("debates"):
        fold[i] = of_debate[items.groups[i]]
    return fold


def cross_validated(items: Items, args) -> np.ndarray:
    """Out-of-fold probabilities (NaN for what is always trained on)."""
    fold = fold_of(items, args.folds, args.seed)
    probabilities = np.full(len(items), np.nan)
    plain = [_plain(t) for t in items.texts]
    for f in range(args.folds):
        scored = np.flatnonzero(fold == f)
        # A sentence of the scored fold never trains it, through another data set either.
        seen = {plain[i] for i in scored}
        train = [i for i in np.flatnonzero(fold != f) if plain[i] not in seen]
        fitted = Fitted(subset(items, train), args)
        probabilities[scored] = fitted.probabilities(subset(items, scored))
        print(
            f"fold {f + 1}/{args.folds}: {len(train)} trained on, {len(scored)} scored", flush=True
        )
    return probabilities


def debates_claimbuster_lacks(items: Items) -> set[str]:
    """The debates that share fewer than 5 sentences (of more than five words) with ClaimBuster."""
    known = {_plain(items.texts[i]) for i in items.where("claimbuster")}
    shared = defaultdict(int)
    for i in items.where("debates"):
        text = items.texts[i]
        shared[items.groups[i]] += len(text.split()) > 5 and _plain(text) in known
    return {group for group, count in shared.items() if count < 5}


def evaluate(items: Items, args) -> dict:
    started = time.perf_counter()
    probabilities = cross_validated(items, args)
    threshold = best_threshold(items, probabilities)
    result = {"threshold": threshold, "folds": args.folds}
    for source in ("claimbuster", "news", "debates"):
        chosen = items.where(source)
        if chosen:
            result[source] = figures(
                subset(items, chosen), probabilities[chosen], threshold, source
            )
    unseen = debates_claimbuster_lacks(items)
    chosen = [i for i in items.where("debates") if items.groups[i] in unseen]
    if chosen:
        part = subset(items, chosen)
        result[f"debates_claimbuster_lacks ({len(unseen)})"] = figures(
            part, probabilities[chosen], threshold, "debates"
        )
    for name, figure in result.items():
        print(f"cross-validated, {name}: {figure}", flush=True)
    print(f"cross-validated in {time.perf_counter() - started:.0f} s")
    return result


def training_items(args) -> Items:
    items = load(args.claimbuster, "claimbuster").extend(load(args.tweets, "tweets"))
    items.extend(load(args.debates, "debates")).extend(load(args.news, "news"))
    return items.prepare()


# --- the shipped model ------------------------------------------------------------------


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


def check_runtime_agrees(path: Path, fitted: Fitted, items: Items, threshold: float) -> None:
    """The committed file, read by the runtime class, decides as scikit-learn does."""
    runtime = CheckWorthinessModel.from_file(path)
    ours = np.array([runtime.probability(t) for t in items.texts])
    theirs = fitted.probabilities(items)
    gap = float(np.max(np.abs(ours - theirs)))
    disagreements = int(((ours >= threshold) != (theirs >= threshold)).sum())
    print(f"runtime check: largest probability gap {gap:.5f}, {disagreements} decisions differ")
    if gap > 0.01 or disagreements > len(items) // 1000:
        sys.exit("the written model does not reproduce scikit-learn's decisions")


def _command(argv) -> str:
    """The options this run was given, but where it wrote to (a path of this machine)."""
    given = list(argv if argv is not None else sys.argv[1:])
    if "--out" in given:
        del given[given.index("--out") : given.index("--out") + 2]
    return " ".join(a for a in given if not a.startswith("--out="))


def main(argv=None) -> None:
    args = parse_args(argv)
    options = {"C": args.C, "min_df": args.min_df, "keep": args.keep, "weights": args.weights}
    print(f"options {options}")
    items = training_items(args)
    cross = evaluate(items, args)
    if args.eval_only:
        return
    threshold = cross["threshold"]
    fitted = Fitted(items, args)
    kept_back = {}
    for name, path in (("tweets_dev", args.tweets_dev), ("news_test", args.news_test)):
        part = load(path, name).prepare()
        kept_back[name] = figures(part, fitted.probabilities(part), threshold, name)
        print(f"kept back, {name}: {kept_back[name]}")
    metadata = {
        "what": "Check-worthiness model of claims/text/checkworthiness.py: logistic regression "
        "over sublinear, L2-normalised TF-IDF of checkworthiness_features.",
        "training_data": " ".join(SOURCES.values()) + " These weights are derived from that data.",
        "training_command": "python bench/train_checkworthy.py " + _command(argv),
        "options": {**options, "char_ngrams": [CHAR_NGRAMS.start, CHAR_NGRAMS.stop - 1]},
        "items": {s: len(items.where(s)) for s in SOURCES},
        "cross_validated": cross,
        "kept_back": kept_back,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    data = export(fitted, threshold, metadata)
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB, {len(data['features'])} features)")
    check_runtime_agrees(out, fitted, items, threshold)


if __name__ == "__main__":
    main()
