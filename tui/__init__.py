"""byline's terminal app and command line. Imports ``extract``, never the reverse."""
