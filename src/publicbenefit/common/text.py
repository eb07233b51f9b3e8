"""Small text rules shared by every app."""


def one_line(text: str) -> str:
    """``text`` with every run of white space (line breaks included) made one space, and the
    ends trimmed: safe for an email subject or a heading."""
    return " ".join(text.split())
