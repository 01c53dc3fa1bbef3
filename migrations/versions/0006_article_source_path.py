"""article source path: an article's identity is where its file was read from, not its bare name

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_path', sa.String(), nullable=True))
        batch_op.create_index(batch_op.f('ix_article_source_path'), ['source_path'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_article_source_path'))
        batch_op.drop_column('source_path')
