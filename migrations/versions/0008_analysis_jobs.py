"""analysis jobs: ingest and uploads queue each article's analysis, workers take them

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('analysis_job',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('error', sa.String(), nullable=True),
    sa.Column('worker', sa.String(), nullable=True),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('started', sa.DateTime(), nullable=True),
    sa.Column('heartbeat', sa.DateTime(), nullable=True),
    sa.Column('lease_expires', sa.DateTime(), nullable=True),
    sa.Column('finished', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('analysis_job', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_analysis_job_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_analysis_job_created'), ['created'], unique=False)
        batch_op.create_index(batch_op.f('ix_analysis_job_lease_expires'), ['lease_expires'], unique=False)
        batch_op.create_index(batch_op.f('ix_analysis_job_state'), ['state'], unique=False)


def downgrade() -> None:
    op.drop_table('analysis_job')
