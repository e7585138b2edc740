"""`--device` for the embedding stage: cpu runs, cuda without a GPU is one clear line."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from typer.testing import CliRunner

from parallax.align.embed import Encoder, check_device, shared_encoder
from parallax.cli.main import app
from parallax.errors import DeviceError
from parallax.options import CompareOptions

no_gpu = pytest.mark.skipif(torch.cuda.is_available(), reason="a CUDA GPU is present")


def test_the_cpu_encoder_embeds() -> None:
    vectors = Encoder(device="cpu").encode(["The council approved the bridge."])
    assert vectors.shape == (1, 384)
    assert np.isclose(np.linalg.norm(vectors[0]), 1.0, atol=1e-3)


@no_gpu
def test_cuda_without_a_gpu_is_refused_and_the_default_stays_on_cpu() -> None:
    with pytest.raises(DeviceError, match="sees no CUDA GPU here; use --device cpu"):
        shared_encoder("cuda")
    with pytest.raises(DeviceError, match="no CUDA GPU"):
        Encoder(device="cuda:0")
    assert shared_encoder().device == "cpu"
    with pytest.raises(DeviceError, match="unknown device 'tpu'"):
        check_device("tpu")


@no_gpu
def test_story_with_cuda_fails_in_one_line(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'corpus.db'}"
    result = CliRunner().invoke(app, ["story", "1", "--db", db, "--device", "cuda"])
    assert result.exit_code == 2
    [line] = result.output.strip().splitlines()
    assert line.startswith("error: device cuda asked for, but torch")


@no_gpu
def test_compare_with_cuda_fails_in_one_line_and_the_device_is_no_part_of_the_key(
        seed_dir: Path) -> None:
    result = CliRunner().invoke(app, ["compare", *map(str, sorted(seed_dir.glob("*.txt"))),
                                      "--device", "cuda", "-q"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"error: device cuda asked for, but torch {torch.__version__} sees no CUDA GPU here; "
        "use --device cpu [E019]"]
    assert CompareOptions(device="cuda").key() == CompareOptions().key()
