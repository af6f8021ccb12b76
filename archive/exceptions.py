class ArchiveError(Exception):
    """Something staff asked of the archive that cannot be done; ``message`` says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
