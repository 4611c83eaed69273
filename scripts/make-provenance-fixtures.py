#!/usr/bin/python3
"""Generate the provenance fixtures under __tests__/fixtures/provenance/: model files that say what
they were trained on in their own metadata.

Run with Debian's interpreter after `apt-get install python3-onnx python3-h5py python3-numpy`.
safetensors and GGUF have no Debian package: they are written byte for byte from their specs
(huggingface/safetensors README "Format"; ggml-org/ggml docs/gguf.md). ONNX and HDF5 come from the
real libraries. Deterministic; every file is a few KB.
"""
import json
import os
import struct

import h5py
import numpy as np
import onnx

from spec_bytes import gguf_string, safetensors
from onnx import TensorProto, helper

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '__tests__', 'fixtures', 'provenance')
UKBB_URI = 's3://lab-bucket/ukbb/2023/visits.parquet'


def out(name):
    os.makedirs(OUT, exist_ok=True)
    return os.path.join(OUT, name)


def gguf_kv(key, value):
    """GGUF KV: key string, u32 type (8 string, 9 array, 4 uint32), value."""
    if isinstance(value, str):
        return gguf_string(key) + struct.pack('<I', 8) + gguf_string(value)
    if isinstance(value, int):
        return gguf_string(key) + struct.pack('<II', 4, value)
    items = b''.join(gguf_string(v) for v in value)
    return gguf_string(key) + struct.pack('<I', 9) + struct.pack('<IQ', 8, len(value)) + items


def gguf():
    """GGUF v3: magic, version, tensor count, KV count, KVs, one tensor info, aligned (32) data."""
    kvs = [('general.architecture', 'llama'),
           ('general.name', 'clinic-notes-7b'),
           ('general.datasets', ['ukbb', 'wikitext-103']),
           ('general.base_model.count', 1),
           ('general.base_model.0.name', 'Base 7B'),
           ('general.base_model.0.organization', 'Acme'),
           ('general.base_model.0.repo_url', 'https://huggingface.co/acme/base-7b')]
    body = b''.join(gguf_kv(k, v) for k, v in kvs)
    tensor = gguf_string('w') + struct.pack('<I', 1) + struct.pack('<Q', 4) + struct.pack('<I', 0) + struct.pack('<Q', 0)
    data = b'GGUF' + struct.pack('<IQQ', 3, 1, len(kvs)) + body + tensor
    data += b'\0' * (-len(data) % 32)
    return data + np.ones(4, '<f4').tobytes()


def onnx_model():
    """A one-node model (Identity) whose metadata_props (field 14) name its training data."""
    x = helper.make_tensor_value_info('x', TensorProto.FLOAT, [1, 3])
    y = helper.make_tensor_value_info('y', TensorProto.FLOAT, [1, 3])
    graph = helper.make_graph([helper.make_node('Identity', ['x'], ['y'])], 'g', [x], [y])
    model = helper.make_model(graph, producer_name='pytorch', producer_version='2.1', opset_imports=[helper.make_opsetid('', 13)])
    model.ir_version = 8
    helper.set_model_props(model, {'training_dataset': UKBB_URI, 'author': 'ml-team'})
    return model.SerializeToString()


def keras_h5(path):
    """Legacy Keras HDF5 layout: root string attributes (as bytes, as Keras 2 wrote them) plus one weight."""
    config = {'class_name': 'Sequential', 'config': {'name': 'risk', 'layers': []}}
    training = {'loss': 'mse', 'optimizer_config': {'class_name': 'Adam'}}
    with h5py.File(path, 'w') as f:
        f.attrs['keras_version'] = b'2.13.1'
        f.attrs['backend'] = b'tensorflow'
        f.attrs['model_config'] = json.dumps(config).encode()
        f.attrs['training_config'] = json.dumps(training).encode()
        f.attrs['training_datasets'] = b'ukbb'
        weights = f.create_group('model_weights')
        weights.attrs['layer_names'] = np.array([b'dense'])
        weights.create_dataset('dense/kernel', data=np.ones((3, 1), dtype='<f4'), track_times=False)


def main():
    with open(out('plain.safetensors'), 'wb') as f:
        f.write(safetensors({'format': 'pt'}))
    with open(out('trained.safetensors'), 'wb') as f:
        f.write(safetensors({'format': 'pt', 'training_data': UKBB_URI}))
    with open(out('trained.gguf'), 'wb') as f:
        f.write(gguf())
    with open(out('trained.onnx'), 'wb') as f:
        f.write(onnx_model())
    keras_h5(out('trained.h5'))


if __name__ == '__main__':
    main()
