"""The error a write raises when what the user entered cannot be saved."""


class InputError(ValueError):
    """A write refused because of what the user entered; the message is Danish and names the field and
    the value, and nothing was written."""
