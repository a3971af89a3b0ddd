"""One error hierarchy for the whole toolkit, with an exit code per class.

Errors carry a message *code* and parameters; the text is looked up in ``generator.messages`` in
the user's language at display time, so the same error can be shown in Vietnamese or English.
Imports nothing else from the package.
"""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from typing import Any


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a value came from: a file and line (forms) or a sheet cell (spreadsheets)."""

    file: str
    line: int | None = None
    column: int | None = None
    sheet: str | None = None
    cell: str | None = None
    block: bool = False  # a YAML block scalar (``|``/``>``) whose content starts on ``line``

    def __str__(self) -> str:
        if self.sheet is not None:
            where = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
            return f"{self.file} {where}" if self.file else where
        if self.line is not None:
            return f"{self.file}:{self.line}"
        return self.file


@dataclass(frozen=True)
class Issue:
    """One problem found in the input: where, which field, the bad value, and why."""

    code: str
    field: str = ""
    origin: Origin | None = None
    value: Any = None
    params: dict[str, Any] = dc_field(default_factory=dict)
    severity: str = "error"  # "error" | "warning"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class VanbanError(Exception):
    """Base of every error the toolkit raises on purpose. ``cli.py`` maps ``exit_code``."""

    exit_code = 1
    code = "error"

    def __init__(self, code: str | None = None, **params: Any) -> None:
        self.code = code or self.code
        self.params = params
        super().__init__(f"{self.code}: {params}")

    def __reduce__(self):
        """Pickled whole — code, params, issues — so that an error raised in a worker process
        reaches the main process as it was raised (``Exception`` pickles only its args)."""
        return _restore, (type(self), self.args, self.__dict__)


def _restore(cls: type, args: tuple, state: dict) -> VanbanError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class InputError(VanbanError):
    """A form, profile or sheet cannot be read (missing file, YAML syntax, wrong shape)."""

    exit_code = 3
    code = "input_error"


class ValidationFailed(VanbanError):
    """The input was read but its values break the rules. Carries every issue found."""

    exit_code = 4
    code = "validation_failed"

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__(self.code, count=len([i for i in issues if i.is_error]))


class TemplateError(VanbanError):
    """A template is missing, broken, or does not match its kind's context."""

    exit_code = 5
    code = "template_error"


class RenderError(VanbanError):
    """Rendering the document failed."""

    exit_code = 6
    code = "render_error"


class OutputError(VanbanError):
    """The output cannot be written (exists without --force, permission, disk)."""

    exit_code = 7
    code = "output_error"


class PdfError(VanbanError):
    """PDF conversion failed or LibreOffice is missing."""

    exit_code = 8
    code = "pdf_error"


class RegisterError(VanbanError):
    """The outgoing-document register (sổ văn bản đi) refuses or cannot record a number."""

    exit_code = 9
    code = "register_error"

    def __reduce__(self):  # keep code and params when sent between processes
        return (_rebuild_error, (type(self), self.code, self.params))


def _rebuild_error(cls: type[VanbanError], code: str, params: dict[str, Any]) -> VanbanError:
    return cls(code, **params)


EXIT_CODES = {
    cls.__name__: cls.exit_code
    for cls in (InputError, ValidationFailed, TemplateError, RenderError, OutputError, PdfError,
                RegisterError)
}
