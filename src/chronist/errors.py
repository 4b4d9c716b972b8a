"""Errors that name the input they concern, so a batch can report them in one line and go on."""

from __future__ import annotations


class ChronistError(Exception):
    """Base class of chronist's own errors."""


class InputError(ChronistError):
    """An input (a file, a JSON line, a WARC record) that cannot be read; the batch goes on."""

    def __init__(self, input_name: str, reason: str) -> None:
        super().__init__(f"{input_name}: {reason}")
        self.input_name = input_name
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Errors cross process boundaries (a worker pool, a cluster): rebuild from both fields.
        return (InputError, (self.input_name, self.reason))

    def line(self) -> str:
        """The one-line message shown on stderr."""
        return f"error: {self.input_name}: {self.reason}"
