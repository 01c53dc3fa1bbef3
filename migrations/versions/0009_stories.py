"""stories: articles grouped by event, the story of each article, and the index of rare keys

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('story',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('title_by', sa.String(), nullable=True),
    sa.Column('merged_into', sa.Integer(), nullable=True),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['merged_into'], ['story.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('story', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_story_slug'), ['slug'], unique=True)

    op.create_table('story_article',
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('story_id', sa.Integer(), nullable=False),
    sa.Column('placed_by', sa.String(), nullable=True),
    sa.Column('features', sa.JSON(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['story_id'], ['story.id'], ),
    sa.PrimaryKeyConstraint('article_id')
    )
    with op.batch_alter_table('story_article', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_story_article_story_id'), ['story_id'], unique=False)

    op.create_table('story_key',
    sa.Column('key', sa.String(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('key', 'article_id')
    )
    with op.batch_alter_table('story_key', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_story_key_article_id'), ['article_id'], unique=False)


def downgrade() -> None:
    op.drop_table('story_key')
    op.drop_table('story_article')
    op.drop_table('story')
