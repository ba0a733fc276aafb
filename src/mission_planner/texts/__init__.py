"""What the consultant and the client read, from templates: one catalogue per language.

Each language is a folder of Jinja2 templates (``templates/fr``, ``templates/en``); adding a
language is adding a folder. Templates read plain tables and figures, never solver objects.
Dates, numbers and money are formatted by Babel in the language's locale
("vendredi 8 janvier 2027", "1 250 €"). No sentence is assembled in code.
"""

from mission_planner.texts.render import LANGUAGES, check_language, render

__all__ = ["LANGUAGES", "check_language", "render"]
