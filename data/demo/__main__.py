"""Command line: ``python -m data.demo [--database-url URL] [--scale X] [--seed N]``."""
from __future__ import annotations

import argparse
import sys
import time

from data.demo import DEFAULT_SEED


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data.demo", description="Fyld en tom database med syntetiske demodata.")
    parser.add_argument("--database-url", default=None, help="SQLAlchemy-URL (standard: INDBLIK_DATABASE_URL / data/indblik.db)")
    parser.add_argument("--scale", type=float, default=1.0, help="størrelse i forhold til de fem kommuners årgange")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    from data.db import create_demo, get_engine

    engine = get_engine(args.database_url)
    started = time.perf_counter()
    counts = create_demo(engine, scale=args.scale, seed=args.seed)
    seconds = time.perf_counter() - started
    width = max(len(k) for k in counts)
    for name, n in counts.items():
        print(f"{name:<{width}}  {n:>10,}".replace(",", "."))
    print(f"Syntetiske demodata oprettet på {seconds:.1f} s (seed {args.seed}, skala {args.scale}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
