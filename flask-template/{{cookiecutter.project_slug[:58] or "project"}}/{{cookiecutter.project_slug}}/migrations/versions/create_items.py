"""Create the items table.

Revision ID: create_items
{%- if cookiecutter.use_auth %}
Revises: create_users
{%- else %}
Revises:
{%- endif %}
"""

import sqlalchemy as sa
from alembic import op

revision = "create_items"
{%- if cookiecutter.use_auth %}
down_revision: str | None = "create_users"
{%- else %}
down_revision: str | None = None
{%- endif %}
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.String(length=10000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_items")),
    )


def downgrade() -> None:
    op.drop_table("items")
