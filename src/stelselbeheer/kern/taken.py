"""What a work overview is made of: a task (what waits, how many, the first few, a link to the filtered list) in a
block per area. The apps' ``werk.py`` modules fill them with few, aggregated queries; ``kern.werkoverzicht`` puts
together the blocks for a role."""

from dataclasses import dataclass, field

#: how many items a task shows under its count
EERSTE = 5


@dataclass
class Regel:
    """One item under a task: a participant, a case, a melding."""

    tekst: str
    url: str
    detail: str = ""


@dataclass
class Taak:
    titel: str
    aantal: int
    url: str
    regels: list[Regel] = field(default_factory=list)
    #: past a deadline or a service norm: the count is shown as urgent when it is not zero
    urgent: bool = False
    uitleg: str = ""


@dataclass
class Blok:
    titel: str
    taken: list[Taak]
    url: str = ""
    tekst: str = ""

    @property
    def aantal(self) -> int:
        return sum(t.aantal for t in self.taken)
