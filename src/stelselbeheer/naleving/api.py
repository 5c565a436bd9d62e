import datetime as dt

from ninja import Router, Schema

from stelselbeheer.api.auth import Recht
from stelselbeheer.api.paginering import Pagina, pagineer
from stelselbeheer.kern.rollen import Actie

from .models import Constatering

router = Router(tags=["naleving"])


class ConstateringUit(Schema):
    id: int
    deelnemer_id: int
    bron: str
    verplichting: str
    omstandigheden: str
    datum: dt.date
    kwalificatie_id: int | None


@router.get("/constateringen", response=Pagina[ConstateringUit], summary="Constateringen (stap 1 van naleving)",
            auth=Recht(Actie.NALEVING_LEZEN))
def constateringen(request, deelnemer: int | None = None, pagina: int = 1, per_pagina: int = 25):
    qs = Constatering.objects.all()
    return pagineer(qs.filter(deelnemer_id=deelnemer) if deelnemer else qs, pagina, per_pagina)
