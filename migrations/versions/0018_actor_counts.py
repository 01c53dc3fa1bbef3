"""actor counts: each actor's mentions and articles per language, kept as mentions change
(app.services.actor_counts), so the actors list and an actor's page never count all mentions;
an index of mentions by actor and article, so those counts and an actor's latest articles are
read from the index alone

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-04
"""
from alembic import op
import sqlalchemy as sa


revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None

# The counts of every actor as its mentions stand (the statement actor_counts runs for some actors).
FILL = ("INSERT INTO actor_stats (actor_id, language, mention_count, article_count) "
        "SELECT mention.actor_id, article.language, count(*), count(DISTINCT mention.article_id) "
        "FROM mention JOIN article ON article.id = mention.article_id GROUP BY mention.actor_id, article.language")


def upgrade() -> None:
    op.create_table('actor_stats',
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(), nullable=False),
    sa.Column('mention_count', sa.Integer(), nullable=False),
    sa.Column('article_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actor.id'], ),
    sa.PrimaryKeyConstraint('actor_id', 'language')
    )
    # Plain index statements: both databases take them without rebuilding the mention table.
    op.create_index('ix_mention_actor_article', 'mention', ['actor_id', 'article_id'], unique=False)
    op.drop_index('ix_mention_actor_id', table_name='mention')
    op.execute(FILL)


def downgrade() -> None:
    op.create_index('ix_mention_actor_id', 'mention', ['actor_id'], unique=False)
    op.drop_index('ix_mention_actor_article', table_name='mention')
    op.drop_table('actor_stats')
