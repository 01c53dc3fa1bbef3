"""claim matches: pairs of claims of one story's articles that report one statement or figure

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('claim_match',
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('other_id', sa.Integer(), nullable=False),
    sa.Column('how', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['other_id'], ['claim.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('claim_id', 'other_id')
    )
    op.create_index(op.f('ix_claim_match_other_id'), 'claim_match', ['other_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_claim_match_other_id'), table_name='claim_match')
    op.drop_table('claim_match')
