"""The points office without a screen: persistence, rules and exports.

Nothing in this package imports Textual; the terminal app and the CLI in `tui`
call these functions, and the tests call them directly.
"""
