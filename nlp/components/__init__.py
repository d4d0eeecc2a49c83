"""spaCy pipeline components of Casebase and the Doc extensions they share.

Every component is a plain function ``doc -> doc`` registered with
:func:`component`: it names the ``doc._`` attributes the component writes
(``assigns``) and reads (``requires``), so that ``nlp.analyze_pipes()`` can
check the order set in ``nlp/pipeline.cfg``, and it registers those
attributes as Doc extensions.  The components read and write them as
``doc._.<name>``, or, where one function reads several, through one
``underscore = doc._`` and ``underscore.get(name)``: every ``doc._`` builds an
``Underscore`` object, and ``get`` skips the failed ordinary attribute
lookup that ``doc._.<name>`` goes through first (each costs about a
microsecond, against some 300 for a whole extraction).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens.underscore import Underscore

Component = Callable[[Doc], Doc]


def ensure_extension(name: str) -> None:
    """Register ``Doc._.<name>`` (default None) once per process (idempotent)."""
    if not Doc.has_extension(name):
        Doc.set_extension(name, default=None)


def component(name: str, assigns: Iterable[str], requires: Iterable[str] = ()) -> Callable[[Component], Component]:
    """Register the decorated function as the spaCy component ``name``.

    ``assigns`` and ``requires`` are extension names (``citations`` for
    ``doc._.citations``); the assigned ones are registered as extensions.
    """
    assigns, requires = tuple(assigns), tuple(requires)

    def register(function: Component) -> Component:
        for extension in assigns:
            ensure_extension(extension)
        Language.component(name, assigns=[f"doc._.{a}" for a in assigns],
                           requires=[f"doc._.{r}" for r in requires], func=function)
        return function

    return register


def raw_text(doc: Doc, underscore: Underscore) -> str:
    """The caller's original text (the Doc holds the folded text, same offsets)."""
    raw = underscore.get("raw")
    return raw if raw is not None else folded_text(doc, underscore)


def folded_text(doc: Doc, underscore: Underscore) -> str:
    """The Doc's text (``underscore`` is ``doc._``), cached: ``Doc.text`` joins the tokens on every access."""
    folded = underscore.get("folded")
    if folded is None:
        folded = underscore.folded = doc.text
    return folded


for _name in ("raw", "folded", "decided_on", "name_candidates"):
    # Set before the components run: by nlp.pipeline.analyse and by the tokenizer (name_candidates).
    ensure_extension(_name)
