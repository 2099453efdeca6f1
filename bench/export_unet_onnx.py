"""The book's shipped digit U-Net as an ONNX graph, for the onnxruntime-web
peer in `./dev bench` (bench/page.html). Built with the `onnx` package's
helpers from the weights file itself, without PyTorch.

One call of the network, the same work as `diffusion::unet::UNet::forward`
(crates/diffusion/src/unet.rs): inputs `x` (images × 1 × 28 × 28, float),
`t` (the step of each image, float) and `digit` (int64, 10 = no digit);
output `noise`, the shape of `x`. 3 × 3 convolution pairs at 28, 14 and 7
pixels, average pooling down, nearest upsampling with skip concatenation
up, the step's sine code and the digit's row added to every channel,
tanh GELU.

Usage: python bench/export_unet_onnx.py assets/weights/unet-digits.safetensors out.onnx
(needs `pip install onnx==1.23.2 numpy`; ./dev bench does it)
"""
import math
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from export_gpt_onnx import read_safetensors

FREQ = 16


def main(src, dst):
    w, meta = read_safetensors(src)
    fields = dict(f.split("=") for f in meta["format"].split(";")[1:])
    c0, c1, c2 = (int(c) for c in fields["channels"].split(","))
    e = int(fields["embed"])
    inits, nodes = [], []

    def const(name, array):
        inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def node(op, inputs, **attrs):
        out = f"{op.lower()}{len(nodes)}"
        nodes.append(helper.make_node(op, inputs, [out], **attrs))
        return out

    half, one = const("half", np.array(0.5, np.float32)), const("one", np.array(1.0, np.float32))
    cubic = const("cubic", np.array(0.044715, np.float32))
    root = const("root", np.array(math.sqrt(2 / math.pi), np.float32))

    def gelu(u):
        inner = node("Mul", [node("Add", [u, node("Mul", [node("Mul", [node("Mul", [u, u]), u]), cubic])]), root])
        return node("Mul", [node("Mul", [u, half]), node("Add", [node("Tanh", [inner]), one])])

    def dense(x, name, rows, cols):
        weight = const(name + ".weight", w[name + ".weight"].reshape(rows, cols))
        return node("Gemm", [x, weight, const(name + ".bias", w[name + ".bias"])], transB=1)

    def conv(x, name, cin, cout):
        weight = const(name + ".weight", w[name + ".weight"].reshape(cout, cin, 3, 3))
        return node("Conv", [x, weight, const(name + ".bias", w[name + ".bias"])], pads=[1, 1, 1, 1])

    to_planes = const("to_planes", np.array([0, -1, 1, 1], np.int64))

    def block(x, name, cin, cout, code):
        shift = node("Reshape", [dense(code, name + ".inject", cout, e), to_planes])
        h = gelu(node("Add", [conv(x, name + ".a", cin, cout), shift]))
        return gelu(conv(h, name + ".b", cout, cout))

    freqs = np.exp(-math.log(10000.0) * np.arange(FREQ) / FREQ).astype(np.float32)
    angle = node("Mul", [node("Unsqueeze", ["t", const("axis1", np.array([1], np.int64))]),
                         const("freqs", freqs[None, :])])
    code = node("Concat", [node("Sin", [angle]), node("Cos", [angle])], axis=1)
    code = dense(gelu(dense(code, "time1", e, 2 * FREQ)), "time2", e, e)
    table = const("digit.table", w["digit.table"].reshape(11, e))
    code = gelu(node("Add", [code, node("Gather", [table, "digit"])]))

    pool = dict(kernel_shape=[2, 2], strides=[2, 2])
    up = const("up", np.array([1, 1, 2, 2], np.float32))
    h1 = block("x", "down1", 1, c0, code)
    h2 = block(node("AveragePool", [h1], **pool), "down2", c0, c1, code)
    h = block(node("AveragePool", [h2], **pool), "middle", c1, c2, code)
    h = node("Resize", [h, "", up], mode="nearest")
    h = block(node("Concat", [h, h2], axis=1), "dec2", c2 + c1, c1, code)
    h = node("Resize", [h, "", up], mode="nearest")
    h = block(node("Concat", [h, h1], axis=1), "dec1", c1 + c0, c0, code)
    out = conv(h, "out", c0, 1)
    nodes.append(helper.make_node("Identity", [out], ["noise"]))
    inputs = [
        helper.make_tensor_value_info("x", TensorProto.FLOAT, ["n", 1, 28, 28]),
        helper.make_tensor_value_info("t", TensorProto.FLOAT, ["n"]),
        helper.make_tensor_value_info("digit", TensorProto.INT64, ["n"]),
    ]
    outputs = [helper.make_tensor_value_info("noise", TensorProto.FLOAT, ["n", 1, 28, 28])]
    graph = helper.make_graph(nodes, "unet_digits", inputs, outputs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="how-ai-got-strong")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, dst)
    print(f"{dst}: U-Net {c0}, {c1}, {c2} channels, code {e}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
