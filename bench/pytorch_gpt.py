"""PyTorch peer for `./dev bench`: the same character GPT as crates/gpt
(pre-norm blocks, causal multi-head attention, a GELU MLP 4x wide, learned
positions, the character table reused as the output layer), width 128,
4 layers x 4 heads, AdamW (betas 0.9/0.99, decay 0.1 on matrices), gradient
clipping at 1, one CPU thread, random characters. Attention uses PyTorch's
fused scaled_dot_product_attention. Prints
`bench native-train-gpt-<shape>-pytorch <tokens/s> tokens/s` for the two
shapes of crates/gpt/src/bin/bench.rs."""
import time

import torch
from torch import nn
from torch.nn import functional as F

torch.set_num_threads(1)
torch.manual_seed(1)
VOCAB, DIM, LAYERS, HEADS = 65, 128, 4, 4
SHAPES = [("native-train-gpt-shakespeare", 128, 16), ("native-train-gpt-nanogpt-cpu", 64, 12)]


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm1, self.norm2 = nn.LayerNorm(DIM), nn.LayerNorm(DIM)
        self.qkv, self.proj = nn.Linear(DIM, 3 * DIM), nn.Linear(DIM, DIM)
        self.up, self.down = nn.Linear(DIM, 4 * DIM), nn.Linear(4 * DIM, DIM)

    def forward(self, x):
        n, t, d = x.shape
        q, k, v = self.qkv(self.norm1(x)).split(d, dim=2)
        q, k, v = (z.view(n, t, HEADS, d // HEADS).transpose(1, 2) for z in (q, k, v))
        a = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        x = x + self.proj(a.transpose(1, 2).reshape(n, t, d))
        return x + self.down(F.gelu(self.up(self.norm2(x)), approximate="tanh"))


class Gpt(nn.Module):
    def __init__(self, ctx):
        super().__init__()
        self.chars, self.positions = nn.Embedding(VOCAB, DIM), nn.Embedding(ctx, DIM)
        self.blocks = nn.ModuleList(Block() for _ in range(LAYERS))
        self.norm = nn.LayerNorm(DIM)

    def forward(self, idx):
        x = self.chars(idx) + self.positions(torch.arange(idx.shape[1]))
        for b in self.blocks:
            x = b(x)
        return self.norm(x) @ self.chars.weight.T


for name, ctx, batch in SHAPES:
    model = Gpt(ctx)
    decay = [p for p in model.parameters() if p.dim() >= 2]
    flat = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1},
                             {"params": flat, "weight_decay": 0.0}], lr=3e-3, betas=(0.9, 0.99))
    data = torch.randint(0, VOCAB, (200_000,))

    def step():
        starts = torch.randint(0, len(data) - ctx - 1, (batch,))
        x = torch.stack([data[s:s + ctx] for s in starts])
        y = torch.stack([data[s + 1:s + ctx + 1] for s in starts])
        loss = F.cross_entropy(model(x).view(-1, VOCAB), y.view(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()

    for _ in range(5):
        step()
    steps = 40
    start = time.perf_counter()
    for _ in range(steps):
        step()
    print(f"bench {name}-pytorch {steps * batch * ctx / (time.perf_counter() - start):.0f} tokens/s")
