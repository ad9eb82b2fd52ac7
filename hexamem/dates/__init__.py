"""Dates people use ("last Tuesday", "the 15th", "3 weeks old", "first Friday of February"),
found in text and resolved against the moment they were said.

One grammar serves both sides: writers date what happened, and questions
become time windows. Arithmetic is dateutil's (`relativedelta`, weekdays, Easter).
"""

from hexamem.dates.formats import day_text, mention_text, span_text
from hexamem.dates.mentions import DateMention, Tense, find_dates

__all__ = ["DateMention", "Tense", "day_text", "find_dates", "mention_text", "span_text"]
