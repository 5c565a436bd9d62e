"""The three Aanbiedertypen of the ZAL release 3 (REG-AANBIEDERTYPE): data, written by the migration and put back by
``zorgen`` where a database lost them."""

TYPEN = [("ZA", "Zorgaanbieder"), ("BAZB", "Aanbieder zonder behandelrelatie"),
         ("APD", "Aanbieder in het persoonsdomein")]


def zorgen(Aanbiedertype=None) -> dict:
    """Make sure the three types exist, as the migration wrote them; a database emptied by a flush (such as a
    transactional test leaves) would otherwise have none for the list import to find. Writes only what is missing;
    returns the types by code."""
    if Aanbiedertype is None:
        from .models import Aanbiedertype  # the migration imports this module before the app's models exist
    return {code: Aanbiedertype.objects.get_or_create(code=code, defaults={"naam": naam})[0] for code, naam in TYPEN}
