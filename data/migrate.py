"""`python -m data.migrate [--database-url URL]`: bring the schema to the newest version."""
import argparse

from data.config import database_url
from data.db import check, get_engine, migrate

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    engine = get_engine(args.database_url or database_url())
    migrate(engine)
    print(f"Skema opdateret: {check(engine).revision}")
