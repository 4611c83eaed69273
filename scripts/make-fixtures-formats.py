#!/usr/bin/python3
"""Fixtures for model formats that have no loader here: TensorFlow checkpoints outside a SavedModel.

TensorFlow is not packaged: the bundle is written byte for byte from its published layout
(spec_bytes.py). Run with Debian's interpreter (`/usr/bin/python3`); every output is a few KB.
"""
import os
import struct
import sys

import numpy as np

from spec_bytes import masked_crc32c, pb_field, tensor_bundle, varint

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', '__tests__', 'fixtures', 'models')
RNG = np.random.default_rng(11)


def write(name, data):
    path = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        f.write(data)


def floats(*shape):
    return RNG.normal(size=shape).astype('<f4')


# ---------------------------------------------------------------- TensorFlow checkpoint
def make_tf_checkpoint():
    """tf.train.Checkpoint(model=...).save('training/ckpt'): object graph, two variables, the save counter."""
    kernel, bias = floats(4, 2), floats(2)
    graph = pb_field(1, pb_field(1, pb_field(1, 1) + pb_field(2, 'model')))  # TrackableObjectGraph, abridged
    index, data = tensor_bundle([
        ('_CHECKPOINTABLE_OBJECT_GRAPH', 7, [], string_tensor(graph)),
        ('model/dense/bias/.ATTRIBUTES/VARIABLE_VALUE', 1, [2], bias.tobytes()),
        ('model/dense/kernel/.ATTRIBUTES/VARIABLE_VALUE', 1, [4, 2], kernel.tobytes()),
        ('save_counter/.ATTRIBUTES/VARIABLE_VALUE', 9, [], struct.pack('<q', 1)),
    ])
    write('tf/ckpt-1.index', index)
    write('tf/ckpt-1.data-00000-of-00001', data)


def string_tensor(value):
    """A scalar DT_STRING in a bundle's data file: the varint length, its masked CRC32C, the bytes."""
    length = varint(len(value))
    return length + struct.pack('<I', masked_crc32c(length)) + value


def main():
    make_tf_checkpoint()
    print('fixtures written to', os.path.normpath(OUT), file=sys.stderr)


if __name__ == '__main__':
    main()
