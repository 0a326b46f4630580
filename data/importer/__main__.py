"""Command line for scheduled loads (the Data page's import, without the page):

    python -m data.importer trivsel besvarelser_2025.csv --af it@kommune.dk
    python -m data.importer placeringer udtraek.xlsx --dry-run

Exit 0 and a one-line Danish summary on success; exit 2 and the Danish list of problems (at most 50
lines) on stderr when the file is refused — then nothing is written. Options: --database-url URL
(default INDBLIK_DATABASE_URL, else the embedded SQLite file), --dry-run (check and count, write
nothing), --af LOGIN (who loads it; default: the operating-system user).
"""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from data import db
from data.config import SettingsError, database_url, settings
from data.importer import KINDS, ImportRefused, load

MAX_LINES = 50


def _parser() -> argparse.ArgumentParser:
    kinds = "\n".join(f"  {k.name:<14} {k.title_da}" for k in KINDS.values())
    p = argparse.ArgumentParser(prog="python -m data.importer", formatter_class=argparse.RawDescriptionHelpFormatter,
                                description="Indlæs en fil (CSV eller XLSX) i Indblik. Formaterne står i docs/import.md.",
                                epilog=f"Slags fil:\n{kinds}")
    p.add_argument("kind", metavar="SLAGS", choices=list(KINDS), help="hvad filen indeholder (se listen nedenfor)")
    p.add_argument("file", metavar="FIL", help="stien til filen (CSV eller XLSX)")
    p.add_argument("--database-url", default=None, help="SQLAlchemy-URL (standard: INDBLIK_DATABASE_URL / data/indblik.db)")
    p.add_argument("--dry-run", action="store_true", help="kontrollér og tæl, men skriv intet")
    p.add_argument("--af", default=None, help="hvem indlæsningen foretages af (standard: styresystemets bruger)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    path = Path(args.file)
    try:
        limit = settings().import_max_mb
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if not path.is_file():
        print(f"{args.file}: filen findes ikke.", file=sys.stderr)
        return 2
    if path.stat().st_size > limit * 1024 * 1024:  # refuse before reading it into memory
        print(f"{path.name}: Filen er {path.stat().st_size / 1024 / 1024:.0f} MB; grænsen er {limit} MB "
              "(INDBLIK_IMPORT_MAX_MB).", file=sys.stderr)
        return 2
    url = args.database_url or database_url()
    engine = db.get_engine(url)
    status = db.check(engine)
    if not status.ok and status.state is not db.State.NO_DATA:
        headline, todo = db.message_da(status, url)
        print(f"{headline} {todo}", file=sys.stderr)
        return 1
    try:
        plan = load(engine, args.kind, path.name, path.read_bytes(), actor=args.af or getpass.getuser(),
                    dry_run=args.dry_run)
    except ImportRefused as exc:
        problems = exc.plan.problems
        print(f"Filen er afvist; intet er skrevet ({len(problems)} fejl):", file=sys.stderr)
        for p in problems[:MAX_LINES]:
            print(p.text(), file=sys.stderr)
        if len(problems) > MAX_LINES:
            print(f"og {len(problems) - MAX_LINES} fejl mere", file=sys.stderr)
        return 2
    for w in plan.warnings:
        print(f"Bemærk: {w}", file=sys.stderr)
    print(plan.summary(written=not args.dry_run))
    return 0


if __name__ == "__main__":
    sys.exit(main())
