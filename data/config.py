"""Settings read from the environment (or Streamlit secrets at the app edge).

INDBLIK_DATABASE_URL      SQLAlchemy URL; default: the embedded SQLite file data/indblik.db
INDBLIK_MIN_N             suppression threshold (default 5, never below 3): a group of fewer is hidden
INDBLIK_MIN_N_TRIVSEL     the threshold for the wellbeing survey (default 6, never below INDBLIK_MIN_N):
                          the ministry publishes no trivsel result from 5 or fewer pupils
                          (uddannelsesstatistik.dk, "Diskretionering"; docs/privacy.md)
INDBLIK_COUNT_DATE        count date of a school year as MM-DD (default 09-05, as FLIS)
INDBLIK_CACHE_TTL         seconds a query result is cached at the page edge (default 600)
INDBLIK_EXTRACTION_DATE   the data's extraction date as YYYY-MM-DD (default: the newest date in the
                          data); no school year is counted whose count date lies after it
INDBLIK_AUDIT_DAYS        days the audit log keeps a row (default 365, at least 1)
INDBLIK_ACCESS_CONTACT    whom a logged-in user without a role is told to ask (default: "Indblik-administratoren
                          i din kommune"); name a person or a mailbox
INDBLIK_APP_ROLE          when set, the login must carry this app role (Entra ID's `roles` claim) to get in
INDBLIK_IMPORT_MAX_MB     the largest file an import accepts, in MB (default 200); a larger one is refused
INDBLIK_ALLOW_LOCAL_MODE  "ja" lets the local demo mode (no [auth] in secrets: anyone picks any role) start on
                          a database with real data; otherwise it refuses (never in production)
"""
from __future__ import annotations

import datetime
import functools
import os
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
DEFAULT_SQLITE_PATH = DATA_DIR / "indblik.db"
DEFAULT_URL = f"sqlite:///{DEFAULT_SQLITE_PATH}"
MIN_N_FLOOR = 3


@dataclass(frozen=True)
class Settings:
    min_n: int = 5
    min_n_trivsel: int = 6
    count_date: tuple[int, int] = (9, 5)
    cache_ttl: int = 600
    extraction_date: datetime.date | None = None
    audit_days: int = 365
    access_contact: str = "Indblik-administratoren i din kommune"
    app_role: str | None = None
    allow_local_mode: bool = False
    import_max_mb: int = 200
    pg_random_page_cost: float | None = 1.1  # PostgreSQL's planner, Indblik's own sessions (data.db); None: the server's


class SettingsError(ValueError):
    """A setting has a value Indblik cannot use; the message is Danish and names the setting."""


def _threshold(env: dict[str, str], name: str, default: str) -> int:
    """A suppression threshold setting: a whole number, never below MIN_N_FLOOR."""
    raw = env.get(name, default)
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} skal være et helt tal, men er '{raw}'.") from None
    if value < MIN_N_FLOOR:
        raise SettingsError(f"{name} er {value}, men grænsen for diskretionering må aldrig være under {MIN_N_FLOOR}.")
    return value


def _parse(env: dict[str, str]) -> Settings:
    min_n = _threshold(env, "INDBLIK_MIN_N", "5")
    min_n_trivsel = _threshold(env, "INDBLIK_MIN_N_TRIVSEL", "6")
    raw_date = env.get("INDBLIK_COUNT_DATE", "09-05")
    try:
        month, day = (int(x) for x in raw_date.split("-"))
        datetime.date(2001, month, day)
    except ValueError:
        raise SettingsError(f"INDBLIK_COUNT_DATE skal skrives MM-DD (fx 09-05), men er '{raw_date}'.") from None
    raw_extraction = env.get("INDBLIK_EXTRACTION_DATE") or None
    try:
        extraction = datetime.date.fromisoformat(raw_extraction) if raw_extraction else None
    except ValueError:
        raise SettingsError("INDBLIK_EXTRACTION_DATE skal skrives ÅÅÅÅ-MM-DD (fx 2026-01-15), "
                            f"men er '{raw_extraction}'.") from None
    raw_days = env.get("INDBLIK_AUDIT_DAYS", "365")
    if not raw_days.isdigit() or int(raw_days) < 1:
        raise SettingsError(f"INDBLIK_AUDIT_DAYS skal være et helt antal dage (mindst 1), men er '{raw_days}'.")
    allow = env.get("INDBLIK_ALLOW_LOCAL_MODE", "").strip().lower()
    if allow not in ("", "ja", "nej"):
        raise SettingsError(f"INDBLIK_ALLOW_LOCAL_MODE skal være 'ja' eller 'nej', men er '{allow}'.")
    raw_mb = env.get("INDBLIK_IMPORT_MAX_MB", "200")
    if not raw_mb.isdigit() or int(raw_mb) < 1:
        raise SettingsError(f"INDBLIK_IMPORT_MAX_MB skal være et helt antal MB (mindst 1), men er '{raw_mb}'.")
    raw_cost = env.get("INDBLIK_PG_RANDOM_PAGE_COST", "1.1").strip()
    try:
        cost = float(raw_cost.replace(",", ".")) if raw_cost else None
    except ValueError:
        cost = -1.0
    if cost is not None and not 0 < cost <= 100:
        raise SettingsError(f"INDBLIK_PG_RANDOM_PAGE_COST skal være et tal over 0 (fx 1.1) eller tom, men er '{raw_cost}'.")
    return Settings(min_n=min_n, min_n_trivsel=max(min_n, min_n_trivsel), count_date=(month, day), cache_ttl=int(env.get("INDBLIK_CACHE_TTL", "600")),
                    extraction_date=extraction, audit_days=int(raw_days),
                    access_contact=env.get("INDBLIK_ACCESS_CONTACT") or Settings.access_contact,
                    app_role=env.get("INDBLIK_APP_ROLE") or None, allow_local_mode=allow == "ja",
                    import_max_mb=int(raw_mb), pg_random_page_cost=cost)


def threshold(s: Settings, domain: str = "") -> int:
    """The suppression threshold of a domain: the wellbeing survey ('trivsel') has its own, at least
    the general one; every other domain the general one."""
    return max(s.min_n, s.min_n_trivsel) if domain == "trivsel" else s.min_n


@functools.cache
def settings() -> Settings:
    return _parse(dict(os.environ))


def database_url(secrets_url: str | None = None) -> str:
    """The database URL: INDBLIK_DATABASE_URL, else [connections.sql] url in secrets, else SQLite."""
    return os.environ.get("INDBLIK_DATABASE_URL") or secrets_url or DEFAULT_URL
