"""The shared store with the security scenery and a login for each person (PostgreSQL)."""

from __future__ import annotations

import psycopg
import pytest

from store.accounts import create_login
from store.engine import open_store
from tests.conftest import PG_URL
from tests.security import PASSWORD, build_world

LOGIN_KEYS = ("chair", "secretary", "member_mat", "member_thuong", "commune", "admin")


@pytest.fixture
def shared(pg_schema, clock):
    store = open_store(pg_schema.migrated().location(), clock=clock)
    world = build_world(store)
    try:
        with store.uow() as uow:
            for key in LOGIN_KEYS:
                world.logins[key] = create_login(uow, getattr(world, key), PASSWORD, admin=key == "admin").role_name
            uow.commit()
        yield store, world, pg_schema.name
    finally:
        store.close()
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            for role in world.logins.values():
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')
