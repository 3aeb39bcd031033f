"""Forms of the reserves area: they validate; the services in reserves.services save."""
