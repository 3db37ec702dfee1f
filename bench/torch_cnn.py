#!/usr/bin/env python3
"""The CNN workload of CourseKit's `cnn` bench in PyTorch (CPU), for a side-by-side comparison on the same machine.

    python3 bench/torch_cnn.py [--threads N] [--epochs 1] [--batch-size 128] [--seed 42] [--data DIR] [--layers]

Fashion-MNIST 60,000 (pixels / 255), batch 128, Adam lr 1e-3 (ε = 1e-7, as Keras), Conv2D(32, 3×3, relu) → MaxPool 2×2 →
Conv2D(64, 3×3, relu) → MaxPool 2×2 → Flatten → Dense(128, relu) → Dense(10, softmax folded into the loss), with Keras's
initialisation (Glorot-uniform weights, zero biases). A warm-up Fit of 40 batches on a throwaway model, then the timed
epochs; then the 10,000 test images are predicted at batch 1000. Prints the keys CourseKit's bench prints:

    cnn epoch_s=… test_acc=… peak_mb_training=… peak_mb_predict=… predict_s=… resident_mb_before_predict=…

peak_mb_* is the process's peak resident memory (VmHWM); before predicting it is reset to the current resident size
(writing 5 to /proc/self/clear_refs), so peak_mb_predict is the peak of the predict phase alone. --threads N sets both
torch.set_num_threads(N) and OPENBLAS_NUM_THREADS=N (Debian's PyTorch multiplies through OpenBLAS, whose thread pool
torch.set_num_threads does not reach; the variable must be set before torch is loaded, so this script sets it first).
--layers also prints each layer's forward and backward milliseconds on one batch (medians of 15 runs), as the C# bench.
"""
import argparse
import os
import statistics
import sys
import time

WARMUP_BATCHES = 40
PREDICT_BATCH = 1000
REPEATS = 15


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, help="cores for PyTorch and OpenBLAS (default: their own defaults)")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--data", help="folder with the Fashion-MNIST .gz files")
    parser.add_argument("--layers", action="store_true", help="per-layer forward/backward milliseconds")
    return parser.parse_args()


ARGS = parse_args()
if ARGS.threads:  # before torch (and its OpenBLAS) is loaded
    os.environ["OPENBLAS_NUM_THREADS"] = os.environ["OMP_NUM_THREADS"] = str(ARGS.threads)

import torch  # noqa: E402
from torch import nn  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_reference import find_data_dir, load_split, train_epoch  # noqa: E402


def network():
    """The seven layers of the Keras model, each a Sequential so that the per-layer times line up with CourseKit's."""
    model = nn.Sequential(
        nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU()),
        nn.Sequential(nn.MaxPool2d(2)),
        nn.Sequential(nn.Conv2d(32, 64, 3), nn.ReLU()),
        nn.Sequential(nn.MaxPool2d(2)),
        nn.Sequential(nn.Flatten()),
        nn.Sequential(nn.Linear(5 * 5 * 64, 128), nn.ReLU()),
        nn.Sequential(nn.Linear(128, 10)))  # softmax: inside the loss, as Keras does for the gradient
    for module in model.modules():
        if isinstance(module, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(module.weight)
            nn.init.zeros_(module.bias)
    return model


def adam(model):
    return torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)


def peak_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def reset_peak():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def layer_times(model, batch):
    total_forward = total_backward = 0.0
    x = batch
    for index, layer in enumerate(model):
        layer_input = x.detach().requires_grad_(True)
        gradient = torch.rand_like(layer(layer_input)) * 2 - 1
        forward, backward = [], []
        for repeat in range(REPEATS + 2):
            layer_input.grad = None
            start = time.perf_counter()
            y = layer(layer_input)
            middle = time.perf_counter()
            y.backward(gradient)
            end = time.perf_counter()
            if repeat >= 2:
                forward.append((middle - start) * 1e3)
                backward.append((end - middle) * 1e3)
        f, b = statistics.median(forward), statistics.median(backward)
        total_forward, total_backward = total_forward + f, total_backward + b
        print(f"layer name={index}:{layer[0].__class__.__name__} forward_ms={f:.2f} backward_ms={b:.2f}")
        with torch.no_grad():
            x = layer(x)
    print(f"layers forward_ms={total_forward:.2f} backward_ms={total_backward:.2f} batch={len(batch)}")


def main():
    if ARGS.threads:
        torch.set_num_threads(ARGS.threads)
    folder = find_data_dir(ARGS.data)
    x_train, y_train = load_split(folder, "train", "cpu")
    x_test, y_test = load_split(folder, "t10k", "cpu")
    x_train, x_test = x_train.view(-1, 1, 28, 28), x_test.view(-1, 1, 28, 28)
    generator = torch.Generator().manual_seed(ARGS.seed)

    torch.manual_seed(ARGS.seed + 1)
    scratch = network()
    warmup = min(WARMUP_BATCHES * ARGS.batch_size, len(x_train))
    train_epoch(scratch, adam(scratch), x_train[:warmup], y_train[:warmup], ARGS.batch_size, generator)

    torch.manual_seed(ARGS.seed)
    model = network()
    optimizer = adam(model)
    epoch_times = []
    for _ in range(ARGS.epochs):
        start = time.perf_counter()
        train_epoch(model, optimizer, x_train, y_train, ARGS.batch_size, generator)
        epoch_times.append(time.perf_counter() - start)
    training_peak = peak_mb()

    separate = reset_peak()
    resident_before = peak_mb()
    model.eval()
    start = time.perf_counter()
    with torch.no_grad():
        predicted = torch.cat([model(x_test[i:i + PREDICT_BATCH]).softmax(dim=1) for i in range(0, len(x_test), PREDICT_BATCH)])
    predict_seconds = time.perf_counter() - start
    predict_peak = peak_mb()
    accuracy = (predicted.argmax(dim=1) == y_test).float().mean().item()

    print(f"cnn epoch_s={statistics.mean(epoch_times):.2f} test_acc={accuracy:.4f} peak_mb_training={training_peak} "
          f"peak_mb_predict={predict_peak} predict_s={predict_seconds:.2f} "
          f"resident_mb_before_predict={resident_before if separate else 'n/a'} dataset=fashion-mnist "
          f"epochs={ARGS.epochs} batch_size={ARGS.batch_size} seed={ARGS.seed} threads={torch.get_num_threads()} "
          f"openblas_threads={os.environ.get('OPENBLAS_NUM_THREADS', 'default')} warmup_images={warmup}")
    print(f"torch {torch.__version__}, {torch.get_num_threads()} intra-op threads")
    if ARGS.layers:
        model.train()
        layer_times(model, x_train[:ARGS.batch_size])


if __name__ == "__main__":
    main()
