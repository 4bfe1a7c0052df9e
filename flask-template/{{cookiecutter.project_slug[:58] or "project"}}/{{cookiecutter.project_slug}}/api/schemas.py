"""How items read and write as JSON; the limits it states are the ones the API enforces."""

from marshmallow import Schema, fields, validate

from .models import DESCRIPTION_MAX_LENGTH, NAME_MAX_LENGTH

# Text every database can store: no NUL character, which PostgreSQL refuses. A pattern, so that
# the OpenAPI document states it too. (Lone surrogates never get this far: see blueprint.py.)
STORABLE_TEXT = validate.Regexp(r"^[^\x00]*$", error="Must not hold NUL characters.")


class ItemSchema(Schema):
    id = fields.Integer(dump_only=True)
    name = fields.String(
        required=True, validate=[validate.Length(min=1, max=NAME_MAX_LENGTH), STORABLE_TEXT]
    )
    description = fields.String(
        load_default="", validate=[validate.Length(max=DESCRIPTION_MAX_LENGTH), STORABLE_TEXT]
    )
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)
