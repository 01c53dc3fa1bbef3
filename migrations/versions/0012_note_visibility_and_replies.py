"""notes: visibility (team or private to its author) and replies (a reply is a note with reply_to)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('annotation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('visibility', sa.String(), nullable=False, server_default='team'))
        batch_op.add_column(sa.Column('reply_to', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_annotation_visibility'), ['visibility'], unique=False)
        batch_op.create_index(batch_op.f('ix_annotation_reply_to'), ['reply_to'], unique=False)
        batch_op.create_foreign_key('fk_annotation_reply_to', 'annotation', ['reply_to'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('annotation', schema=None) as batch_op:
        batch_op.drop_constraint('fk_annotation_reply_to', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_annotation_reply_to'))
        batch_op.drop_index(batch_op.f('ix_annotation_visibility'))
        batch_op.drop_column('reply_to')
        batch_op.drop_column('visibility')
