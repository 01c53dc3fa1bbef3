"""actor wikidata: an actor's Wikidata item id (Q…), from the registry or set by an analyst

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('actor', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wikidata', sqlmodel.sql.sqltypes.AutoString(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('actor', schema=None) as batch_op:
        batch_op.drop_column('wikidata')
