"""chronist: raw news articles in, a chronicle an analyst can trust out."""

__version__ = "0.1.0"
