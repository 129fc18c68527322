"""Alembic environment: always run by ``store.migrate`` on a connection it hands over.

Migrations are plain DDL written out by hand, so this file imports none of the models.
"""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=None,
    render_as_batch=connection.dialect.name == "sqlite",
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
