#!/usr/bin/env python3
"""PyTorch reference figures for CourseKit's CUDA benchmarks (run by bench/gpu-run.sh on a GPU machine).

    python3 bench/torch_reference.py gemm [--size 4096] [--reps 20]
    python3 bench/torch_reference.py mlp [--data DIR] [--epochs 1] [--batch-size 128] [--seed 42]

gemm  times C = A·B for float32 N×N matrices with cuBLAS, TF32 tensor cores switched off (so it is a true fp32 SGEMM,
      comparable with CourseKit's fp32 GEMM), with CUDA events over --reps products after a warm-up; prints
      "torch gemm n=N gflops=G (best …, median …)" where GFLOP/s = 2·N³ / seconds / 1e9 of the best product.
mlp   trains the lecture MLP (784 → Dense 300 relu → Dense 100 relu → Dense 10 softmax, Adam lr 1e-3, batch 128) on
      Fashion-MNIST held on the GPU (pixels / 255), and prints "torch mlp epoch_s=… test_acc=…". To train the same model
      as CourseKit's `mlp` bench, it uses Keras's initialisation (Glorot-uniform weights, zero biases) and Adam's
      ε = 1e-7; the softmax is folded into the cross-entropy loss, as Keras does for the gradient.

Data is read from the IDX files as the dataset ships them (gzip-compressed, standard file names), from --data, else
$COURSEKIT_DATA/fashion-mnist, else /usr/share/datasets/fashion-mnist. Nothing is ever downloaded.
"""
import argparse
import gzip
import os
import statistics
import struct
import sys
import time

import numpy as np
import torch


def gemm(args):
    torch.backends.cuda.matmul.allow_tf32 = False  # true fp32: no TF32 tensor-core rounding of the inputs
    torch.backends.cudnn.allow_tf32 = False
    n = args.size
    gen = torch.Generator(device="cuda").manual_seed(0)
    a = torch.rand(n, n, device="cuda", generator=gen)
    b = torch.rand(n, n, device="cuda", generator=gen)
    c = torch.empty(n, n, device="cuda")
    for _ in range(3):  # warm-up: cuBLAS handle, kernel selection, clocks up
        torch.matmul(a, b, out=c)
    torch.cuda.synchronize()

    times = []
    for _ in range(args.reps):
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        torch.matmul(a, b, out=c)
        end.record()
        end.synchronize()
        times.append(start.elapsed_time(end) / 1000.0)  # ms → s

    flops = 2.0 * n * n * n
    best, median = min(times), statistics.median(times)
    print(f"torch gemm n={n} gflops={flops / best / 1e9:.0f} (best {best * 1e3:.2f} ms, "
          f"median {median * 1e3:.2f} ms = {flops / median / 1e9:.0f} GFLOP/s, {args.reps} reps, tf32=off)")


def read_idx(path):
    """One IDX file (gzip-compressed or not) as a numpy array of its stated shape."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    zero, dtype_code, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype_code != 0x08:
        raise ValueError(f"{path}: not an IDX file of unsigned bytes")
    shape = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    array = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim)
    if array.size != int(np.prod(shape)):
        raise ValueError(f"{path}: {array.size} values for shape {shape}")
    return array.reshape(shape)


def find_data_dir(explicit):
    candidates = [explicit] if explicit else []
    if os.environ.get("COURSEKIT_DATA"):
        candidates.append(os.path.join(os.environ["COURSEKIT_DATA"], "fashion-mnist"))
    candidates.append("/usr/share/datasets/fashion-mnist")
    for folder in candidates:
        if folder and os.path.exists(os.path.join(folder, "train-images-idx3-ubyte.gz")):
            return folder
    sys.exit("Fashion-MNIST not found (looked in: " + ", ".join(c for c in candidates if c) + "); nothing is downloaded")


def load_split(folder, prefix, device):
    images = read_idx(os.path.join(folder, f"{prefix}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(folder, f"{prefix}-labels-idx1-ubyte.gz"))
    x = torch.from_numpy(images.reshape(len(images), -1).astype(np.float32) / 255.0).to(device)
    y = torch.from_numpy(labels.astype(np.int64)).to(device)
    return x, y


def lecture_mlp():
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 300), torch.nn.ReLU(),
        torch.nn.Linear(300, 100), torch.nn.ReLU(),
        torch.nn.Linear(100, 10))  # softmax: inside the loss
    for layer in model:
        if isinstance(layer, torch.nn.Linear):  # Keras's defaults, as CourseKit uses
            torch.nn.init.xavier_uniform_(layer.weight)
            torch.nn.init.zeros_(layer.bias)
    return model.cuda()


def train_epoch(model, optimizer, x, y, batch_size, generator):
    loss_fn = torch.nn.CrossEntropyLoss()
    order = torch.randperm(len(x), device=x.device, generator=generator)
    for first in range(0, len(x), batch_size):
        batch = order[first:first + batch_size]
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x[batch]), y[batch])
        loss.backward()
        optimizer.step()
    return loss


def mlp(args):
    torch.backends.cuda.matmul.allow_tf32 = False
    folder = find_data_dir(args.data)
    x_train, y_train = load_split(folder, "train", "cuda")
    x_test, y_test = load_split(folder, "t10k", "cuda")

    # Warm-up on a throwaway model, so the timed epochs do not include cuBLAS start-up and the first kernel launches.
    torch.manual_seed(args.seed + 1)
    scratch = lecture_mlp()
    scratch_opt = torch.optim.Adam(scratch.parameters(), lr=1e-3, eps=1e-7)
    train_epoch(scratch, scratch_opt, x_train[:20 * args.batch_size], y_train[:20 * args.batch_size], args.batch_size,
                torch.Generator(device="cuda").manual_seed(args.seed))
    torch.cuda.synchronize()

    torch.manual_seed(args.seed)
    model = lecture_mlp()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    generator = torch.Generator(device="cuda").manual_seed(args.seed)
    epoch_times = []
    for _ in range(args.epochs):
        torch.cuda.synchronize()
        start = time.perf_counter()
        train_epoch(model, optimizer, x_train, y_train, args.batch_size, generator)
        torch.cuda.synchronize()
        epoch_times.append(time.perf_counter() - start)

    model.eval()
    with torch.no_grad():
        predicted = torch.cat([model(x_test[i:i + 1000]).argmax(dim=1) for i in range(0, len(x_test), 1000)])
        accuracy = (predicted == y_test).float().mean().item()
    print(f"torch mlp epoch_s={statistics.mean(epoch_times):.3f} test_acc={accuracy:.4f} "
          f"(dataset=fashion-mnist epochs={args.epochs} batch={args.batch_size} seed={args.seed} "
          f"epochs_s={','.join(f'{t:.3f}' for t in epoch_times)} peak_gpu_mb={torch.cuda.max_memory_allocated() / 2**20:.0f})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    g = commands.add_parser("gemm", help="fp32 SGEMM N×N×N, TF32 off")
    g.add_argument("--size", type=int, default=4096)
    g.add_argument("--reps", type=int, default=20)
    m = commands.add_parser("mlp", help="the lecture MLP on Fashion-MNIST")
    m.add_argument("--data", help="folder with the Fashion-MNIST .gz files")
    m.add_argument("--epochs", type=int, default=1)
    m.add_argument("--batch-size", type=int, default=128)
    m.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    if not torch.cuda.is_available():
        sys.exit("torch_reference.py: PyTorch sees no CUDA device")
    print(f"torch {torch.__version__} (CUDA {torch.version.cuda}) on {torch.cuda.get_device_name(0)}")
    {"gemm": gemm, "mlp": mlp}[args.command](args)


if __name__ == "__main__":
    main()
