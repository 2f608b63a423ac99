"""The clerk's side of jifen: the command line and the Textual app."""
