"""The MiniLM encoder as an ONNX graph run by onnxruntime: the same forward pass as the numpy
one in :mod:`chronist.events.encoder`, about three times faster on a 2-core CPU.

Why this is written here: the pinned model package ships safetensors weights, not an ONNX
file, and the usual exporters (``torch.onnx``, ``optimum``) need PyTorch, which chronist does
not install. A six-layer BERT is a short graph, so :func:`bert_graph` writes it with
``onnx.helper`` from the weights in memory (the events adapter already merged): embeddings,
six post-norm layers with 12-head attention and tanh-form GELU, the last layer's token states
as the output. Nothing is written to disk and no weights ship with chronist.

onnxruntime fuses the layer norms, the GELU and the attention arithmetic that numpy runs one
array at a time, and its matrix products use the machine's vector units; its states equal the
numpy pass's within float rounding (``tests/test_event_classifier.py`` checks 1e-4).
"""

from __future__ import annotations

import ctypes
import math
from typing import Any

import numpy as np

#: Threads of each onnxruntime session (None: onnxruntime's default, one per core). Worker
#: processes set their share of the cores through :func:`set_threads` before loading models.
_THREADS: int | None = None


def set_threads(threads: int | None) -> None:
    """Threads for the sessions this process creates from now on (a worker's share of the
    cores); with a number, idle threads also stop spinning, so workers do not steal each
    other's cores."""
    global _THREADS
    _THREADS = threads


def available() -> bool:
    """Whether onnx and onnxruntime are installed."""
    try:
        import onnx  # noqa: F401
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def bert_graph(w: dict[str, np.ndarray], layers: int, heads: int) -> Any:
    """An ``onnx.ModelProto`` of the encoder with weights ``w`` (names as in the model's
    safetensors file, without the ``bert.`` prefix). Inputs: ``ids`` (int64, batch × tokens),
    ``positions`` (int64, tokens: 0…n-1), ``mask`` (float32, batch × tokens: 1 for a token, 0
    for padding); output ``states`` (float32, batch × tokens × hidden)."""
    from onnx import TensorProto, helper, numpy_helper

    hidden = w["embeddings.word_embeddings.weight"].shape[1]
    size = hidden // heads
    initializers: list[Any] = []
    nodes: list[Any] = []

    def const(name: str, value: Any) -> str:
        initializers.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def op(kind: str, inputs: list[str], output: str, **attributes: Any) -> str:
        nodes.append(helper.make_node(kind, inputs, [output], **attributes))
        return output

    def norm(x: str, prefix: str, out: str) -> str:
        weight = const(out + ".w", w[prefix + ".weight"])
        bias = const(out + ".b", w[prefix + ".bias"])
        return op("LayerNormalization", [x, weight, bias], out, epsilon=1e-12, axis=-1)

    x = op("Gather", [const("word", w["embeddings.word_embeddings.weight"]), "ids"], "emb.word")
    position = op(
        "Gather", [const("pos", w["embeddings.position_embeddings.weight"]), "positions"], "emb.pos"
    )
    x = op("Add", [x, position], "emb.sum")
    x = op("Add", [x, const("type", w["embeddings.token_type_embeddings.weight"][0])], "emb.all")
    x = norm(x, "embeddings.LayerNorm", "emb.norm")
    # padding adds -1e9 to the attention scores of its columns
    padding = op("Sub", [const("one", np.float32(1.0)), "mask"], "pad")
    padding = op("Mul", [padding, const("minus", np.float32(-1e9))], "pad.scaled")
    bias = op("Unsqueeze", [padding, const("axes", np.array([1, 2], dtype=np.int64))], "pad.bias")
    to_heads = const("to_heads", np.array([0, 0, heads, size], dtype=np.int64))
    to_hidden = const("to_hidden", np.array([0, 0, hidden], dtype=np.int64))
    scale = const("scale", np.float32(1.0 / math.sqrt(size)))
    for n in range(layers):
        p = f"encoder.layer.{n}."
        tag = f"l{n}."

        def dense(v: str, name: str, out: str, p: str = p) -> str:
            weight = const(out + ".w", np.ascontiguousarray(w[p + name + ".weight"].T))
            product = op("MatMul", [v, weight], out + ".mm")
            return op("Add", [product, const(out + ".b", w[p + name + ".bias"])], out)

        def split(v: str, perm: list[int], out: str) -> str:
            return op("Transpose", [op("Reshape", [v, to_heads], out + ".r")], out, perm=perm)

        q = split(dense(x, "attention.self.query", tag + "q"), [0, 2, 1, 3], tag + "qh")
        k = split(dense(x, "attention.self.key", tag + "k"), [0, 2, 3, 1], tag + "kh")
        v = split(dense(x, "attention.self.value", tag + "v"), [0, 2, 1, 3], tag + "vh")
        scores = op("Mul", [op("MatMul", [q, k], tag + "qk"), scale], tag + "qk.scaled")
        scores = op("Softmax", [op("Add", [scores, bias], tag + "qk.masked")], tag + "p", axis=-1)
        context = op("Transpose", [op("MatMul", [scores, v], tag + "c")], tag + "ct",
                     perm=[0, 2, 1, 3])  # fmt: skip
        context = op("Reshape", [context, to_hidden], tag + "cr")
        attended = dense(context, "attention.output.dense", tag + "o")
        x = norm(op("Add", [x, attended], tag + "r1"), p + "attention.output.LayerNorm", tag + "x1")
        inner = op("Gelu", [dense(x, "intermediate.dense", tag + "i")], tag + "g",
                   approximate="tanh")  # fmt: skip
        out = dense(inner, "output.dense", tag + "f")
        x = norm(op("Add", [x, out], tag + "r2"), p + "output.LayerNorm", tag + "x2")
    op("Identity", [x], "states")
    graph = helper.make_graph(
        nodes,
        "all-MiniLM-L6-v2",
        [
            helper.make_tensor_value_info("ids", TensorProto.INT64, ["batch", "tokens"]),
            helper.make_tensor_value_info("positions", TensorProto.INT64, ["tokens"]),
            helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["batch", "tokens"]),
        ],
        [helper.make_tensor_value_info("states", TensorProto.FLOAT, ["batch", "tokens", hidden])],
        initializers,
    )
    # opset 20: the first with a GELU operator that has the tanh form
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20)])


def session(model: Any) -> Any:
    """An onnxruntime CPU session of ``model`` with this process's thread setting."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.log_severity_level = 3  # warnings about unused initialisers are no news
    options.inter_op_num_threads = 1
    # no arena or precomputed memory pattern: they keep the largest batch's buffers for good
    # (about 300 MB more per process after one batch of long sentences)
    options.enable_cpu_mem_arena = False
    options.enable_mem_pattern = False
    if _THREADS is not None:
        options.intra_op_num_threads = max(1, _THREADS)
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(
        model.SerializeToString(), options, providers=["CPUExecutionProvider"]
    )


def release_freed_memory() -> None:
    """Hand the C heap's freed pages back to the system (glibc's ``malloc_trim``): building a
    session leaves about 200 MB of freed copies of the weights in the heap otherwise."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: the pages are reused, only not returned
        pass
