#!/usr/bin/env python3
"""Fixtures from libraries Debian does not package: LightGBM and safetensors.

Run in a venv: `python3 -m venv /tmp/fx && /tmp/fx/bin/pip install lightgbm safetensors numpy`
(on the build machine the wheels sit in /opt/pypi/files: add `--no-index --find-links /opt/pypi/files`),
then `/tmp/fx/bin/python scripts/make-fixtures-pip.py`.
"""
import json
import os
import struct

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '__tests__', 'fixtures', 'models')


def out(name):
    path = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def make_lightgbm():
    import lightgbm
    rng = np.random.default_rng(5)
    x = rng.normal(size=(200, 4))
    y = (x[:, 0] + x[:, 1] > 0).astype(int)
    data = lightgbm.Dataset(x, label=y, feature_name=['age', 'bmi', 'ldl', 'hba1c'], params={'verbose': -1})
    booster = lightgbm.train({'objective': 'binary', 'num_leaves': 4, 'verbose': -1}, data, num_boost_round=3)
    booster.save_model(out('tabular/lightgbm.txt'))
    lightgbm.Dataset(x, label=y, params={'verbose': -1}).save_binary(out('tabular/lightgbm_dataset.bin'))


def make_safetensors():
    from safetensors.numpy import load, save
    raw = save({'weight': np.ones((2, 3), dtype=np.float32)}, metadata={'training_datasets': 'clinic/visits'})
    n = struct.unpack_from('<Q', raw, 0)[0]
    header = json.loads(raw[8:8 + n])
    pretty = json.dumps(header, indent='\t', separators=(' ,\r', ' : ')).encode()
    pretty += b' ' * ((8 - len(pretty) % 8) % 8)
    spaced = struct.pack('<Q', len(pretty)) + pretty + raw[8 + n:]
    assert load(spaced)['weight'].shape == (2, 3)  # the reference loader takes any JSON whitespace
    with open(out('tolerant/whitespace.safetensors'), 'wb') as f:
        f.write(spaced)


if __name__ == '__main__':
    make_lightgbm()
    make_safetensors()
