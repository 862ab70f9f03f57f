"""Alembic environment: runs on the engine handed over by ``registry.kernel.db``."""

from alembic import context

from registry.kernel.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # plain `alembic` command line: build the engine from settings
    from registry.kernel.db import make_engine
    from registry.kernel.settings import load_config

    engine = make_engine(load_config().database_url)

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
