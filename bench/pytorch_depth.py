"""PyTorch peer for `./dev bench`: the same four networks as
crates/depth's Race at the page's defaults (plain and residual, 8 and 20
weight layers, width 32: a 784->32 layer, blocks of layer norm, linear,
ReLU, linear, then layer norm and 32->10), each trained a step in turn on
batches of 64 with softmax cross-entropy and SGD with momentum 0.9, one
CPU thread, random images. Prints
`bench native-train-resnet-depth-pytorch <rounds/s> rounds/s`."""
import time

import torch
from torch import nn
from torch.nn import functional as F

torch.set_num_threads(1)
torch.manual_seed(1)
WIDTH, BATCH = 32, 64


class Block(nn.Module):
    def __init__(self, residual):
        super().__init__()
        self.residual = residual
        self.norm = nn.LayerNorm(WIDTH)
        self.a, self.b = nn.Linear(WIDTH, WIDTH), nn.Linear(WIDTH, WIDTH)

    def forward(self, x):
        f = self.b(F.relu(self.a(self.norm(x))))
        return x + f if self.residual else f


def network(layers, residual):
    blocks = [Block(residual) for _ in range((layers - 2) // 2)]
    return nn.Sequential(nn.Linear(784, WIDTH), *blocks, nn.LayerNorm(WIDTH), nn.Linear(WIDTH, 10))


def main():
    nets = [network(layers, residual) for residual in (False, True) for layers in (8, 20)]
    opts = [torch.optim.SGD(n.parameters(), lr=0.01, momentum=0.9) for n in nets]
    images, labels = torch.rand(2000, 784), torch.arange(2000) % 10

    def round_(i):
        lo = (i * BATCH) % (2000 - BATCH)
        x, y = images[lo:lo + BATCH], labels[lo:lo + BATCH]
        for net, opt in zip(nets, opts):
            opt.zero_grad(set_to_none=True)
            F.cross_entropy(net(x), y).backward()
            opt.step()

    for i in range(20):
        round_(i)
    rounds = 300
    start = time.perf_counter()
    for i in range(rounds):
        round_(i)
    rate = rounds / (time.perf_counter() - start)
    print(f"bench native-train-resnet-depth-pytorch {rate:.1f} rounds/s")


if __name__ == "__main__":
    main()
