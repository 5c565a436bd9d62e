"""The error body every operation documents: RFC 9457 problem details with the fields that were refused, one schema
for the whole API (``api.openapi`` puts it in the document's components as ``Probleem``)."""

from ninja import Schema


class FoutUit(Schema):
    field: str
    reason: str
    code: str


class Probleem(Schema):
    """RFC 9457 problem details (media type application/problem+json)."""

    type: str
    title: str
    status: int
    detail: str | None = None
    errors: list[FoutUit] | None = None


#: the error statuses an operation with login documents (401 without login, 403 without the right, 404 unknown key,
#: 422 refused input)
FOUTEN = {401: Probleem, 403: Probleem, 404: Probleem, 422: Probleem}
