"""The one SQLAlchemy MetaData of Indblik's tables, with the naming convention Alembic's migrations follow
(data.schema holds the domains' tables, data.schema_access the users' and the audit log's)."""
import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)
