"""The book's shipped character GPT as an ONNX graph, for the onnxruntime-web
peer in `./dev bench` (bench/page.html). Built with the `onnx` package's
helpers from the weights file itself, without PyTorch.

The graph is one generation step with a KV cache, the same work the page's
`gpt::Session::feed` does: inputs `token` and `position` (int64, one each)
and each layer's cached keys and values (`past_k<l>`, `past_v<l>`: heads ×
positions so far × head width); outputs the next character's `logits` and
the caches one position longer. Pre-norm blocks, causal attention over the
cache, a tanh-GELU MLP 4x wide, the character table reused as the output
layer (crates/gpt/src/lib.rs).

Usage: python bench/export_gpt_onnx.py assets/weights/gpt-shakespeare.safetensors out.onnx
(needs `pip install onnx==1.23.2 numpy`; ./dev bench does it)
"""
import json
import math
import struct
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def read_safetensors(path):
    """Tensors (float32, or bytes for the vocabulary) and the metadata."""
    blob = open(path, "rb").read()
    (size,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8 : 8 + size])
    data = blob[8 + size :]
    meta = header.pop("__metadata__", {})
    out = {}
    for name, t in header.items():
        a, b = t["data_offsets"]
        raw = data[a:b]
        out[name] = raw if t["dtype"] == "U8" else np.frombuffer(raw, "<f2").astype(np.float32)
    return out, meta


def main(src, dst):
    w, meta = read_safetensors(src)
    fields = dict(f.split("=") for f in meta["format"].split(";")[1:])
    ctx, d, layers, heads = (int(fields[k]) for k in ("ctx", "dim", "layers", "heads"))
    vocab = len(w["vocab.utf8"].decode("utf-8"))
    hd = d // heads
    inits, nodes = [], []

    def const(name, array):
        inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def node(op, inputs, outputs=None, **attrs):
        outputs = outputs or [f"{op.lower()}{len(nodes)}"]
        nodes.append(helper.make_node(op, inputs, outputs, **attrs))
        return outputs[0] if len(outputs) == 1 else outputs

    def dense(x, name, rows, cols):
        weight = const(name + ".weight", w[name + ".weight"].reshape(rows, cols))
        bias = const(name + ".bias", w[name + ".bias"])
        return node("Gemm", [x, weight, bias], transB=1)

    def norm(x, name):
        g, b = const(name + ".gain", w[name + ".gain"]), const(name + ".bias", w[name + ".bias"])
        return node("LayerNormalization", [x, g, b], axis=-1, epsilon=1e-5)

    chars = const("chars", w["chars"].reshape(vocab, d))
    positions = const("positions", w["positions"].reshape(ctx, d))
    x = node("Add", [node("Gather", [chars, "token"]), node("Gather", [positions, "position"])])
    split = const("split", np.array([d, d, d], np.int64))
    to_heads = const("to_heads", np.array([1, heads, hd], np.int64))
    to_row = const("to_row", np.array([1, d], np.int64))
    scale = const("scale", np.array(1 / math.sqrt(hd), np.float32))
    half, one = const("half", np.array(0.5, np.float32)), const("one", np.array(1.0, np.float32))
    cubic = const("cubic", np.array(0.044715, np.float32))
    root = const("root", np.array(math.sqrt(2 / math.pi), np.float32))
    inputs = [
        helper.make_tensor_value_info("token", TensorProto.INT64, [1]),
        helper.make_tensor_value_info("position", TensorProto.INT64, [1]),
    ]
    outputs = [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, vocab])]
    for l in range(layers):
        p = f"block{l}."
        q, k, v = node("Split", [dense(norm(x, p + "norm1"), p + "attention.qkv", 3 * d, d), split],
                       [f"q{l}", f"k{l}", f"v{l}"], axis=1)
        # One row each → heads × 1 × head width.
        q, k, v = (node("Transpose", [node("Reshape", [t, to_heads])], perm=[1, 0, 2]) for t in (q, k, v))
        keys = node("Concat", [f"past_k{l}", k], [f"present_k{l}"], axis=1)
        values = node("Concat", [f"past_v{l}", v], [f"present_v{l}"], axis=1)
        scores = node("Mul", [node("MatMul", [q, node("Transpose", [keys], perm=[0, 2, 1])]), scale])
        mixed = node("MatMul", [node("Softmax", [scores], axis=-1), values])
        mixed = node("Reshape", [node("Transpose", [mixed], perm=[1, 0, 2]), to_row])
        x = node("Add", [x, dense(mixed, p + "attention.proj", d, d)])
        u = dense(norm(x, p + "norm2"), p + "mlp.up", 4 * d, d)
        inner = node("Mul", [node("Add", [u, node("Mul", [node("Mul", [node("Mul", [u, u]), u]), cubic])]), root])
        gelu = node("Mul", [node("Mul", [u, half]), node("Add", [node("Tanh", [inner]), one])])
        x = node("Add", [x, dense(gelu, p + "mlp.down", d, 4 * d)])
        for kind in ("k", "v"):
            inputs.append(helper.make_tensor_value_info(f"past_{kind}{l}", TensorProto.FLOAT, [heads, "past", hd]))
            outputs.append(helper.make_tensor_value_info(f"present_{kind}{l}", TensorProto.FLOAT, [heads, "next", hd]))
    node("Gemm", [norm(x, "final_norm"), chars], ["logits"], transB=1)
    graph = helper.make_graph(nodes, "gpt_step", inputs, outputs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="how-ai-got-strong")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, dst)
    print(f"{dst}: {layers} layers, width {d}, {heads} heads, context {ctx}, {vocab} characters")


if __name__ == "__main__":
    main(*sys.argv[1:3])
