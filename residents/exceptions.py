class ResidentError(Exception):
    """A resident account cannot be created or changed as asked; the message says why."""


class EmailAlreadyUsed(ResidentError):
    pass


class PageAlreadyHasAccount(ResidentError):
    pass
