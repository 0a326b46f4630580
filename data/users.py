"""Command line for the users and their roles (the same as the Data page's "Brugere og roller"):

    python -m data.users list
    python -m data.users add anna@kommune.dk --rolle leder --kommune 169 --institution 280012 [--navn "Anna Berg"]
    python -m data.users add chef@kommune.dk --rolle forvaltning --kommune 169
    python -m data.users add it@kommune.dk --rolle admin
    python -m data.users remove anna@kommune.dk
    python -m data.users log [--antal 50]

`add` adds a user or changes one (found by its login); every change is signed with --af (default: the
operating-system user). A refused change writes nothing and exits with code 2 and a Danish message.
Options: --database-url URL (default INDBLIK_DATABASE_URL, else the embedded SQLite file).
"""
from __future__ import annotations

import argparse
import getpass
import sys

from data import db
from data.config import database_url
from data import access
from data.schema_access import ROLES


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m data.users", description="Brugere og roller i Indblik.")
    p.add_argument("--database-url", default=None, help="SQLAlchemy-URL (standard: INDBLIK_DATABASE_URL / data/indblik.db)")
    p.add_argument("--af", default=None, help="hvem ændringen foretages af (standard: styresystemets bruger)")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="vis alle brugere med rolle og omfang")
    add = sub.add_parser("add", help="tilføj en bruger eller ret rolle og omfang")
    add.add_argument("login", help="e-mailadresse eller subject fra login-udbyderen")
    add.add_argument("--rolle", required=True, choices=ROLES)
    add.add_argument("--kommune", type=int, default=None, help="kommunekode (udelades: alle kommuner; kun admin og forvaltning)")
    add.add_argument("--institution", action="append", default=[],
                     help="en leders egen institution: institutionsnummer (6 cifre) eller id; kan gentages")
    add.add_argument("--navn", default=None)
    rm = sub.add_parser("remove", help="fjern en brugers adgang")
    rm.add_argument("login")
    log = sub.add_parser("log", help="vis de nyeste rækker i adgangsloggen")
    log.add_argument("--antal", type=int, default=50)
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    url = args.database_url or database_url()
    engine = db.get_engine(url)
    status = db.check(engine)
    if not status.ok:
        headline, todo = db.message_da(status, url)
        print(f"{headline} {todo}", file=sys.stderr)
        return 1
    by = args.af or getpass.getuser()
    try:
        with engine.begin() as conn:
            if args.command == "list":
                _print(access.users(conn).drop(columns=["municipality_kode", "n_institutions"]))
            elif args.command == "log":
                _print(access.audit_log(conn, args.antal))
            elif args.command == "add":
                own = access.institutions(conn, args.institution)
                user = access.User(args.login, args.rolle, args.kommune, own, args.navn)
                access.save(conn, user, by)
                print(f"Gemt: {access.label(conn, user.role, user.municipality_kode, own)} ({access.key(args.login)}).")
            else:
                access.remove(conn, args.login, by)
                print(f"Fjernet: {args.login.strip().lower()} har ikke længere adgang.")
    except access.AccessError as exc:
        print(f"Intet ændret: {exc}", file=sys.stderr)
        return 2
    return 0


def _print(df) -> None:
    print("(ingen)" if df.empty else df.to_string(index=False))


if __name__ == "__main__":
    sys.exit(main())
