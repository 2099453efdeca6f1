"""PyTorch peer for `./dev bench`: the same LeNet-5 (ReLU, max pooling,
61,706 parameters), batch 32, Adam 0.001, one CPU thread, synthetic input.
Prints `bench native-train-lenet5-pytorch <images/s> images/s`."""
import sys
import time

import torch
from torch import nn

torch.set_num_threads(1)
torch.manual_seed(1)
model = nn.Sequential(
    nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
    nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
assert sum(p.numel() for p in model.parameters()) == 61706
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()
x = torch.rand(32, 1, 28, 28)
y = torch.arange(32) % 10


def step():
    opt.zero_grad()
    loss_fn(model(x), y).backward()
    opt.step()


for _ in range(20):
    step()
batches = int(sys.argv[1]) if len(sys.argv) > 1 else 600
start = time.perf_counter()
for _ in range(batches):
    step()
print(f"bench native-train-lenet5-pytorch {batches * 32 / (time.perf_counter() - start):.0f} images/s")
with torch.no_grad():
    model(x)
    start = time.perf_counter()
    for _ in range(1000):
        model(x)
    print(f"bench native-infer-lenet5-pytorch {32000 / (time.perf_counter() - start):.0f} images/s")
