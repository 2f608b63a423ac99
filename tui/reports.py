"""Plain text that both the command line and the screens show."""

from tui.i18n import explain, t


def preview_lines(preview) -> list[str]:
    """The preview in the clerk's words, as the CLI prints it too."""
    lines = [t("cli.import.summary", path=preview.path, header_row=preview.header_row,
               good=preview.good_count, bad=preview.bad_count)]
    if preview.new_groups:
        lines.append(t("cli.import.new_groups", groups=t("word.list").join(preview.new_groups)))
    if preview.ignored_columns:
        lines.append(t("cli.import.ignored_columns", columns=t("word.list").join(preview.ignored_columns)))
    for problem in preview.problems:
        column = t(f"field.{problem.column}") if problem.column else ""
        lines.append(t("cli.import.problem", row=problem.row, column=column,
                       problem=explain(problem)))
    return lines
