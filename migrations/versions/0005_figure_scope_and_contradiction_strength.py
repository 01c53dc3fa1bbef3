"""figure unit, source and approximation; contradiction strength and score

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.add_column(sa.Column('approximate', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column('unit', sa.String(), nullable=True))
        batch_op.add_column(sa.Column('source', sa.String(), nullable=True))
    with op.batch_alter_table('contradiction', schema=None) as batch_op:
        batch_op.add_column(sa.Column('strength', sa.String(), nullable=False,
                                      server_default='soft'))
        batch_op.add_column(sa.Column('score', sa.Float(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('contradiction', schema=None) as batch_op:
        batch_op.drop_column('score')
        batch_op.drop_column('strength')
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.drop_column('source')
        batch_op.drop_column('unit')
        batch_op.drop_column('approximate')
