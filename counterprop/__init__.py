"""Helper package of the Counter-Propaganda Analytics course.

Tested plumbing that the lessons import, never the lesson's thinking:

- ``data``: load any course table by name, validated against ``data/datapackage.json``;
- ``text``: Arabic text tools (normalisation views, digits, sentences, numbers);
- ``models``: the what-if models, pure numpy;
- ``style``: one call that sets the course's chart theme;
- ``checks``: friendly feedback for the exercises;
- ``environment``: checks that the course environment is complete.

Each lesson teaches a technique inline first; later lessons import the helper that the
earlier lesson derived.
"""

__version__ = "0.1.0"
