"""Python comparators of the benchmarks, run by tests/bench/*.bench.mjs with the interpreter of
target/bench-venv (set up by `cargo xtask bench`; pins in tests/bench/requirements.txt).

    python comparators.py ltv --bg <summary.csv> --gg <summary_with_transactions.csv> --rounds N
    python comparators.py staffing --calls N --rounds R
    python comparators.py vader --texts <file.json>


ltv and staffing print one JSON object: the time of every round in milliseconds (measured with
time.perf_counter around the work only: imports and reading the data are excluded) and the
results, so the caller can check that both sides computed the same thing. vader reads a JSON array of strings and prints VADER's
compound score of each (`SentimentIntensityAnalyzer().polarity_scores(text)["compound"]`, in
[-1, 1]) for the accuracy report (tests/bench/accuracy.bench.mjs).
"""

import argparse
import json
import time
import warnings


def ltv(args):
    warnings.filterwarnings("ignore")
    import lifetimes
    import pandas as pd
    from lifetimes import BetaGeoFitter, GammaGammaFitter

    bg = pd.read_csv(args.bg)
    gg = pd.read_csv(args.gg)
    gg = gg[gg["x"] > 0]
    rounds = []
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        bgf = BetaGeoFitter().fit(bg["frequency"], bg["recency"], bg["T"])
        ggf = GammaGammaFitter().fit(gg["x"], gg["zbar"])
        rounds.append((time.perf_counter() - t0) * 1000)
    return {
        "library": f"Lifetimes {lifetimes.__version__}",
        "rounds_ms": rounds,
        "bg_nbd": {k: float(v) for k, v in bgf.params_.items()},
        "gamma_gamma": {k: float(v) for k, v in ggf.params_.items()},
    }


def staffing(args):
    import pyworkforce
    from pyworkforce.queuing import ErlangC

    rounds = []
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        for _ in range(args.calls):
            # 2,000 calls in 30 minutes, AHT 3 minutes, 80 % answered within 20 s (units: minutes).
            r = ErlangC(transactions=2000, aht=3, asa=20 / 60, interval=30).required_positions(
                service_level=0.8, max_occupancy=1.0
            )
        rounds.append((time.perf_counter() - t0) * 1000)
    return {
        "library": f"pyworkforce {pyworkforce.__version__}",
        "calls": args.calls,
        "rounds_ms": rounds,
        "result": r,
    }


def vader(args):
    from importlib.metadata import version

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    with open(args.texts, encoding="utf-8") as f:
        texts = json.load(f)
    analyzer = SentimentIntensityAnalyzer()
    return {
        "library": f"vaderSentiment {version('vaderSentiment')}",
        "compound": [analyzer.polarity_scores(t)["compound"] for t in texts],
    }


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="what", required=True)
    a = sub.add_parser("ltv")
    a.add_argument("--bg", required=True)
    a.add_argument("--gg", required=True)
    a.add_argument("--rounds", type=int, default=5)
    b = sub.add_parser("staffing")
    b.add_argument("--calls", type=int, default=1000)
    b.add_argument("--rounds", type=int, default=5)
    c = sub.add_parser("vader")
    c.add_argument("--texts", required=True)
    args = p.parse_args()
    run = {"ltv": ltv, "staffing": staffing, "vader": vader}[args.what]
    print(json.dumps(run(args)))


if __name__ == "__main__":
    main()
