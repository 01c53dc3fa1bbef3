"""outlets: news outlets with their names, domains, country, state-media flag and notes

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('outlet',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('aliases', sa.JSON(), nullable=False),
    sa.Column('domains', sa.JSON(), nullable=False),
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('state_media', sa.Boolean(), nullable=False),
    sa.Column('state_media_note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('ownership', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('seed_key', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('edited', sa.JSON(), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('outlet', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outlet_slug'), ['slug'], unique=True)
        batch_op.create_index(batch_op.f('ix_outlet_seed_key'), ['seed_key'], unique=True)


def downgrade() -> None:
    op.drop_table('outlet')
