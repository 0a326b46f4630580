"""Alembic environment: one connection, either handed over by data.db.migrate or from the URL."""
from alembic import context
import sqlalchemy as sa

from data.config import database_url
from data.schema import metadata

config = context.config


def run_with(connection: sa.Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_with(connection)
else:
    engine = sa.create_engine(database_url())
    with engine.connect() as conn:
        run_with(conn)
        conn.commit()
