"""story counts: each story's number of articles and latest publication date, kept up to date,
so the list of stories is ordered without reading every article

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('story', schema=None) as batch_op:
        batch_op.add_column(sa.Column('article_count', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('last_published', sa.String(), nullable=True))
        batch_op.create_index(batch_op.f('ix_story_last_published'), ['last_published'], unique=False)
    op.execute("UPDATE story SET article_count = (SELECT count(*) FROM story_article WHERE story_article.story_id = story.id), "
               "last_published = (SELECT max(article.published) FROM story_article JOIN article ON article.id = story_article.article_id "
               "WHERE story_article.story_id = story.id)")


def downgrade() -> None:
    with op.batch_alter_table('story', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_story_last_published'))
        batch_op.drop_column('last_published')
        batch_op.drop_column('article_count')
