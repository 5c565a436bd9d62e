from collections.abc import Callable
from typing import Generic, TypeVar

from django.core.exceptions import ValidationError
from pydantic import BaseModel

T = TypeVar("T")
MAX_PER_PAGINA = 100


class Pagina(BaseModel, Generic[T]):
    aantal: int
    pagina: int
    per_pagina: int
    resultaten: list[T]


def pagineer(qs, pagina: int, per_pagina: int, verrijk: Callable | None = None) -> dict:
    fouten = {}
    if pagina < 1:
        fouten["pagina"] = "De paginanummering begint bij 1."
    if not 1 <= per_pagina <= MAX_PER_PAGINA:
        fouten["per_pagina"] = f"Kies 1 tot en met {MAX_PER_PAGINA} resultaten per pagina."
    if fouten:
        raise ValidationError(fouten)
    aantal = qs.count()
    begin = (pagina - 1) * per_pagina
    deel = qs[begin:begin + per_pagina] if begin < aantal else []
    if verrijk:
        deel = verrijk(deel)
    return {"aantal": aantal, "pagina": pagina, "per_pagina": per_pagina, "resultaten": list(deel)}
