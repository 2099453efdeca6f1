"""PyTorch peer for `./dev bench`: the same digit U-Net as
crates/diffusion/src/unet.rs (3x3 convolution pairs at 28, 14 and 7 pixels
with 16, 32 and 64 channels, average pooling down, nearest upsampling with
skip concatenation up, the step's sine code and the digit's row added to
every channel, tanh GELU), trained on batches of 128 with the noise's
squared error and AdamW, one CPU thread, random images. Prints
`bench native-train-unet-digits-pytorch <images/s> images/s`."""
import math
import time

import torch
from torch import nn
from torch.nn import functional as F

torch.set_num_threads(1)
torch.manual_seed(1)
FREQ, E, BATCH = 16, 64, 128


def gelu(x):
    return F.gelu(x, approximate="tanh")


class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.a = nn.Conv2d(cin, cout, 3, padding=1)
        self.b = nn.Conv2d(cout, cout, 3, padding=1)
        self.inject = nn.Linear(E, cout)

    def forward(self, x, code):
        h = gelu(self.a(x) + self.inject(code)[:, :, None, None])
        return gelu(self.b(h))


class UNet(nn.Module):
    def __init__(self, c=(16, 32, 64)):
        super().__init__()
        self.time1, self.time2 = nn.Linear(2 * FREQ, E), nn.Linear(E, E)
        self.digit = nn.Embedding(11, E)
        self.down1, self.down2 = Block(1, c[0]), Block(c[0], c[1])
        self.middle = Block(c[1], c[2])
        self.dec2, self.dec1 = Block(c[2] + c[1], c[1]), Block(c[1] + c[0], c[0])
        self.out = nn.Conv2d(c[0], 1, 3, padding=1)
        self.freqs = torch.exp(-math.log(10000.0) * torch.arange(FREQ) / FREQ)

    def forward(self, x, t, y):
        a = t[:, None].float() * self.freqs[None]
        code = torch.cat([a.sin(), a.cos()], 1)
        code = gelu(self.time2(gelu(self.time1(code))) + self.digit(y))
        h1 = self.down1(x, code)
        h2 = self.down2(F.avg_pool2d(h1, 2), code)
        h = self.middle(F.avg_pool2d(h2, 2), code)
        h = self.dec2(torch.cat([F.interpolate(h, scale_factor=2), h2], 1), code)
        h = self.dec1(torch.cat([F.interpolate(h, scale_factor=2), h1], 1), code)
        return self.out(h)


def main():
    net = UNet()
    opt = torch.optim.AdamW(net.parameters(), lr=2e-3, betas=(0.9, 0.99), weight_decay=0.0)
    betas = torch.linspace(1e-4, 0.02, 1000)
    alpha_bar = torch.cumprod(1 - betas, 0)
    images = torch.rand(1000, 1, 28, 28) * 2 - 1
    labels = torch.arange(1000) % 10

    def step():
        pick = torch.randint(0, 1000, (BATCH,))
        x0, y = images[pick], labels[pick]
        t = torch.randint(0, 1000, (BATCH,))
        eps = torch.randn_like(x0)
        a = alpha_bar[t][:, None, None, None]
        x = a.sqrt() * x0 + (1 - a).sqrt() * eps
        loss = F.mse_loss(net(x, t, y), eps)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()

    for _ in range(2):
        step()
    steps = 8
    start = time.perf_counter()
    for _ in range(steps):
        step()
    rate = steps * BATCH / (time.perf_counter() - start)
    print(f"bench native-train-unet-digits-pytorch {rate:.0f} images/s")


if __name__ == "__main__":
    main()
