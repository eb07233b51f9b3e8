"""The machine's suggestion of themes: TF-IDF, co-occurrence smoothing and non-negative matrix
factorisation (NMF), run offline with scikit-learn; the pipeline and its parameters are set out
in ``docs/themes.md``.

1. **Vectors.** Each excerpt becomes a TF-IDF vector over English words and two-word phrases
   (English stop words removed, sublinear term frequency, L2 norm; a term must occur in at least
   two excerpts, and in at most half of them once there are 20 or more; at most
   ``max_terms`` terms, the most frequent).
2. **Smoothing.** Excerpts are short, so two excerpts on one theme often share no word. Each
   vector is spread over the terms that co-occur with its own: with ``C`` the terms' cosine
   similarity across excerpts (no self-similarity, rows L2-normed), ``S = X C C`` (two steps,
   each row L2-normed), and the matrix factorised is ``X + smoothing * S``, rows L2-normed.
3. **Factorising.** NMF splits that matrix into ``k`` components (deterministic NNDSVDa start,
   coordinate descent, the injected seed passed on). ``k`` is the caller's, or chosen by
   :func:`choose_k`: the ``k`` from ``min_themes`` to ``max_themes`` whose components' top ten
   terms are most coherent (mean NPMI of their pairs over the excerpts), on a seeded sample of
   at most ``choose_sample`` excerpts.
4. **Assigning.** Each excerpt goes to its dominant component, its membership weight the share
   of its weight on that component; an excerpt whose dominant share is below ``min_share``, or
   with no known term, goes to ``unthemed`` rather than being forced into a theme.
5. **Naming.** Each theme is labelled from its distinctive terms (in the *unsmoothed* TF-IDF
   of its excerpts: :mod:`publicbenefit.core.themes.labels`) and given a stable id from its
   strongest excerpts (:func:`~publicbenefit.core.themes.model.theme_id`).
"""

import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sklearn.decomposition import NMF  # type: ignore[import-untyped]
from sklearn.exceptions import ConvergenceWarning  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
from sklearn.preprocessing import normalize  # type: ignore[import-untyped]

from publicbenefit.core.themes.errors import ThemeSettingsError
from publicbenefit.core.themes.excerpts import Excerpt, check_excerpts
from publicbenefit.core.themes.labels import describe, label_for
from publicbenefit.core.themes.model import (
    ANCHORS,
    Member,
    Themes,
    make_theme,
    strongest,
    theme_id,
)

Matrix = NDArray[np.float32]

_COHERENCE_TERMS = 10
_CHOOSE_ITER = 60
_WORDS = r"(?u)\b[a-zA-Z][a-zA-Z]+\b"  # words of two letters or more, no numbers


@dataclass(frozen=True)
class ThemeSettings:
    """The pipeline's parameters (see the module's docstring).

    ``themes`` fixes the number of themes ``k``; ``None`` lets :func:`choose_k` pick it from
    ``min_themes`` to ``max_themes`` (and at most one theme per ten excerpts), on at most
    ``choose_sample`` excerpts. ``min_share`` is the least share of an excerpt's weight its
    dominant theme must hold for the excerpt to be themed. ``seed`` is passed to NMF and picks
    the sample for choosing ``k``.
    """

    themes: int | None = None
    min_themes: int = 5
    max_themes: int = 16
    min_share: float = 0.2
    smoothing: float = 3.0
    max_terms: int = 5000
    seed: int = 0
    max_iter: int = 400
    choose_sample: int = 500
    top_terms: int = 8

    def __post_init__(self) -> None:
        if self.themes is not None and self.themes < 1:
            raise ThemeSettingsError(f"The number of themes must be at least 1, not {self.themes}")
        if not 1 <= self.min_themes <= self.max_themes:
            raise ThemeSettingsError(
                f"The range of themes {self.min_themes} to {self.max_themes} is empty"
            )
        if not 0.0 <= self.min_share <= 1.0:
            raise ThemeSettingsError(f"min_share must be from 0 to 1, not {self.min_share}")
        if self.smoothing < 0 or self.max_terms < 1 or self.max_iter < 1:
            raise ThemeSettingsError(
                "smoothing must be 0 or more, and max_terms and max_iter 1 or more"
            )


@dataclass(frozen=True)
class Vectors:
    """The excerpts' TF-IDF (sparse), the smoothed matrix the NMF reads (dense) and the terms."""

    tfidf: Any
    smoothed: Matrix
    terms: tuple[str, ...]


def vectorise(texts: list[str], settings: ThemeSettings) -> Vectors | None:
    """Steps 1 and 2: the TF-IDF and the smoothed matrix, or ``None`` when no term survives."""
    many = len(texts) >= 20
    vectoriser = TfidfVectorizer(
        stop_words="english",
        ngram_range=(1, 2),
        sublinear_tf=True,
        norm="l2",
        min_df=2 if many else 1,
        max_df=0.5 if many else 1.0,
        max_features=settings.max_terms,
        token_pattern=_WORDS,
        dtype=np.float32,
    )
    try:
        tfidf = vectoriser.fit_transform(texts)
    except ValueError:  # an empty vocabulary: only stop words, numbers or nothing
        return None
    terms = tuple(str(term) for term in vectoriser.get_feature_names_out())
    dense = np.asarray(tfidf.toarray(), dtype=np.float32)
    if settings.smoothing > 0:
        by_term = normalize(tfidf.T.tocsr())
        similarity = np.asarray((by_term @ by_term.T).toarray(), dtype=np.float32)
        np.fill_diagonal(similarity, 0.0)
        similarity = normalize(similarity)
        spread = normalize(tfidf @ similarity)
        spread = normalize(spread @ similarity)
        dense = normalize(dense + np.float32(settings.smoothing) * spread)
    return Vectors(tfidf, np.asarray(dense, dtype=np.float32), terms)


def factorise(matrix: Matrix, k: int, *, seed: int, max_iter: int) -> tuple[Matrix, Matrix]:
    """NMF of the matrix into ``k`` components: the excerpts' weights W and the terms' H."""
    model = NMF(
        n_components=k,
        init="nndsvda",
        solver="cd",
        random_state=seed,
        max_iter=max_iter,
        tol=1e-4,
    )
    with warnings.catch_warnings():  # stopping at max_iter is accepted, not news
        warnings.simplefilter("ignore", ConvergenceWarning)
        weights = np.asarray(model.fit_transform(matrix), dtype=np.float32)
    return weights, np.asarray(model.components_, dtype=np.float32)


def coherence(components: Matrix, present: Matrix) -> float:
    """The mean NPMI of the pairs among each component's top ten terms, counting excerpts
    (rows of the 0/1 matrix ``present``) in which both occur; a pair never seen together
    scores -1."""
    rows = present.shape[0]
    frequency = present.sum(axis=0) / rows
    scores: list[float] = []
    for component in components:
        top = np.argsort(-component, kind="stable")[:_COHERENCE_TERMS]
        together = (present[:, top].T @ present[:, top]) / rows
        for first in range(len(top)):
            for second in range(first + 1, len(top)):
                joint = float(together[first, second])
                if joint <= 0.0:
                    scores.append(-1.0)
                elif joint >= 1.0:
                    scores.append(1.0)
                else:
                    expected = float(frequency[top[first]] * frequency[top[second]])
                    scores.append(float(np.log(joint / expected) / -np.log(joint)))
    return float(np.mean(scores)) if scores else -1.0


def choose_k(texts: list[str], settings: ThemeSettings) -> int:
    """The number of themes when the caller gives none: a seeded sample of at most
    ``choose_sample`` of the texts is vectorised on its own (steps 1 and 2), each ``k`` in range
    is factorised (60 iterations) and scored by :func:`coherence`; the most coherent ``k`` wins
    (the smaller on a tie). The range is ``min_themes`` to ``max_themes``, and at most one theme
    per ten excerpts of the sample."""
    if len(texts) > settings.choose_sample:
        generator = np.random.default_rng(settings.seed)
        picked = np.sort(generator.choice(len(texts), settings.choose_sample, replace=False))
        texts = [texts[index] for index in picked]
    vectors = vectorise(texts, settings)
    if vectors is None:
        return 1
    rows, columns = (int(size) for size in vectors.smoothed.shape)
    top = max(1, min(settings.max_themes, rows // 10, columns))
    low = min(settings.min_themes, top)
    if low == top:
        return top
    present = np.asarray((vectors.tfidf > 0).toarray(), dtype=np.float32)
    best_k, best_score = low, -2.0
    for k in range(low, top + 1):
        _, components = factorise(vectors.smoothed, k, seed=settings.seed, max_iter=_CHOOSE_ITER)
        score = coherence(components, present)
        if score > best_score + 1e-9:
            best_k, best_score = k, score
    return best_k


def _distinctive(vectors: Vectors, rows: NDArray[np.intp], count: int) -> tuple[str, ...]:
    """The theme's terms by their mean TF-IDF in its excerpts times their share of all the
    excerpts carrying them: frequent in the theme and rare outside it."""
    inside = np.asarray(vectors.tfidf[rows].sum(axis=0)).ravel()
    overall = np.asarray(vectors.tfidf.sum(axis=0)).ravel()
    scores = (
        inside
        / len(rows)
        * np.divide(inside, overall, out=np.zeros_like(inside), where=overall > 0)
    )
    order = np.argsort(-scores, kind="stable")[:count]
    return tuple(vectors.terms[index] for index in order if scores[index] > 0)


def extract_themes(excerpts: Iterable[Excerpt], settings: ThemeSettings | None = None) -> Themes:
    """The machine's suggestion of themes over the excerpts (see the module's docstring); the
    same excerpts and settings give the same themes, whatever the excerpts' order."""
    settings = settings or ThemeSettings()
    items = tuple(sorted(check_excerpts(excerpts), key=lambda excerpt: excerpt.id))
    method = (
        "TF-IDF (English, 1-2 words, sublinear) + co-occurrence smoothing "
        f"{settings.smoothing} + NMF (NNDSVDa, seed {settings.seed}); "
        f"min_share {settings.min_share}"
    )
    texts = [excerpt.text for excerpt in items]
    vectors = vectorise(texts, settings) if items else None
    if vectors is None:
        return Themes(items, (), tuple(excerpt.id for excerpt in items), method + "; no terms")
    k = settings.themes if settings.themes is not None else choose_k(texts, settings)
    k = max(1, min(k, *(int(size) for size in vectors.smoothed.shape)))
    weights, _ = factorise(vectors.smoothed, k, seed=settings.seed, max_iter=settings.max_iter)
    totals = weights.sum(axis=1)
    dominant = weights.argmax(axis=1)
    shares = np.divide(weights.max(axis=1), totals, out=np.zeros_like(totals), where=totals > 0)
    no_terms = np.asarray(vectors.tfidf.getnnz(axis=1) == 0)
    themed = (totals > 0) & (shares >= settings.min_share) & ~no_terms
    by_id = {excerpt.id: excerpt for excerpt in items}
    themes = []
    for component in range(k):
        rows = np.flatnonzero(themed & (dominant == component))
        if rows.size == 0:
            continue
        members = [Member(items[row].id, round(float(shares[row]), 6)) for row in rows]
        anchors = strongest(members, ANCHORS)
        terms = _distinctive(vectors, rows, settings.top_terms)
        found = [by_id[member.excerpt_id] for member in members]
        themes.append(
            make_theme(
                theme_id_=theme_id(anchors),
                label=label_for(terms),
                description=describe(
                    terms,
                    excerpts=len(members),
                    sources=len({excerpt.source_id for excerpt in found}),
                    events=len({excerpt.event_id for excerpt in found}),
                ),
                terms=terms,
                members=members,
                excerpts=by_id,
                anchors=anchors,
            )
        )
    themes.sort(key=lambda theme: (-len(theme.members), theme.id))
    unthemed = tuple(items[row].id for row in np.flatnonzero(~themed))
    return Themes(items, tuple(themes), unthemed, method + f"; k {k}")
