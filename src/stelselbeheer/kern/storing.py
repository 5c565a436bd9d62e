"""What every entrance answers while the database cannot be reached: one Retry-After for the pages, the API, the
health endpoints and the lists (kern.views, lijsten.serveren, lijsten.snelpad)."""

#: seconds a client is asked to wait before trying again when the database cannot be reached
OPNIEUW_NA = 30
