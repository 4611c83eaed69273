#!/usr/bin/python3
"""Fixtures for model formats that have no loader here: TensorFlow checkpoints outside a SavedModel,
Flax msgpack, Java serialization (Weka), R serialization, MXNet, Caffe, Darknet and OpenVINO IR.

Real where Debian packages the writer:
  apt-get install python3-msgpack weka default-jdk-headless r-base-core
(msgpack encodes Flax's tree exactly as flax.serialization does; javac + weka.jar write the Weka
models; Rscript writes the R objects). TensorFlow, MXNet, Caffe, Darknet and OpenVINO are not
packaged: those files are written byte for byte from their published layouts (spec_bytes.py and
below). Run with Debian's interpreter (`/usr/bin/python3`); every output is a few KB.
"""
import os
import struct
import subprocess
import sys
import tempfile

import numpy as np

from spec_bytes import masked_crc32c, pb_field, tensor_bundle, varint

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', '__tests__', 'fixtures', 'models')
SOURCES = os.path.join(HERE, 'fixtures-src')
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


# ---------------------------------------------------------------- Flax msgpack
def flax_ndarray(arr):
    """flax.serialization._msgpack_ext_pack: ExtType(1, packb((shape, dtype name, C-order bytes)))."""
    import msgpack
    return msgpack.ExtType(1, msgpack.packb((arr.shape, arr.dtype.name, arr.tobytes('C')), use_bin_type=True))


def flax_bytes(tree):
    """flax.serialization.to_bytes: msgpack of the state dict, arrays as ext type 1."""
    import msgpack
    return msgpack.packb(tree, default=flax_ndarray, strict_types=True)


def make_flax():
    import msgpack
    dense = {'Dense_0': {'bias': floats(4), 'kernel': floats(3, 4)}, 'Dense_1': {'bias': floats(2), 'kernel': floats(4, 2)}}
    write('flax/flax_model.msgpack', flax_bytes({'classifier': dense}))  # transformers' save_pretrained layout
    state = {'step': 100, 'params': {'params': dense}, 'opt_state': {'0': {'count': np.int32(100)}}}
    write('flax/checkpoint_100', flax_bytes(state))  # flax.training.checkpoints.save_checkpoint of a TrainState
    write('clean/settings.msgpack', msgpack.packb({'params': {'lr': 0.1, 'epochs': 3}, 'tags': ['a', 'b']}))


# ---------------------------------------------------------------- Java (Weka) and R
def make_weka():
    os.makedirs(os.path.join(OUT, 'java'), exist_ok=True)
    jar = '/usr/share/java/weka.jar'
    with tempfile.TemporaryDirectory() as classes:
        subprocess.run(['javac', '-nowarn', '-cp', jar, '-d', classes, os.path.join(SOURCES, 'MakeWekaModels.java')],
                       check=True)
        subprocess.run(['java', '-cp', f'{jar}:{classes}', 'MakeWekaModels', OUT], check=True)


def make_r():
    os.makedirs(os.path.join(OUT, 'r'), exist_ok=True)
    subprocess.run(['Rscript', os.path.join(SOURCES, 'make-r-objects.R'), OUT], check=True)


# ---------------------------------------------------------------- MXNet, Caffe, Darknet, OpenVINO
def mxnet_params(arrays):
    """NDArray::Save of a list: u64 magic 0x112, u64 reserved, the arrays (V2 magic, storage type,
    ndim + int64 dims, context, type flag, data), then the names (u64 count, u64 length + bytes)."""
    out = struct.pack('<QQQ', 0x112, 0, len(arrays))
    for arr in arrays.values():
        out += struct.pack('<Iii', 0xF993FAC9, 0, arr.ndim) + struct.pack(f'<{arr.ndim}q', *arr.shape)
        out += struct.pack('<iii', 1, 0, 0) + arr.tobytes()  # cpu(0), float32
    out += struct.pack('<Q', len(arrays))
    for name in arrays:
        out += struct.pack('<Q', len(name)) + name.encode()
    return out


def caffe_blob(arr):
    """BlobProto: shape (7, BlobShape with packed int64 dims), data (5, packed floats)."""
    dims = b''.join(varint(d) for d in arr.shape)
    return pb_field(7, pb_field(1, dims)) + pb_field(5, arr.tobytes())


def caffemodel():
    """NetParameter: name (1), then layers (100: LayerParameter name 1, type 2, bottom 3, top 4, blobs 7)."""
    data = pb_field(1, 'data') + pb_field(2, 'Input') + pb_field(4, 'data')
    fc = pb_field(1, 'fc1') + pb_field(2, 'InnerProduct') + pb_field(3, 'data') + pb_field(4, 'fc1')
    fc += pb_field(7, caffe_blob(floats(2, 4))) + pb_field(7, caffe_blob(floats(2)))
    prob = pb_field(1, 'prob') + pb_field(2, 'Softmax') + pb_field(3, 'fc1') + pb_field(4, 'prob')
    return pb_field(1, 'risk_net') + b''.join(pb_field(100, layer) for layer in (data, fc, prob))


def caffemodel_v1():
    """The legacy NetParameter most of the Caffe Model Zoo uses: `layers` (2) of V1LayerParameter
    (name 4, type 5 an enum: 4 CONVOLUTION, 14 INNER_PRODUCT, blobs 6), then input (3) and input_dim (4)."""
    conv = pb_field(4, 'conv1') + pb_field(5, 4) + pb_field(6, caffe_blob(floats(2, 1, 3, 3))) + pb_field(6, caffe_blob(floats(2)))
    fc = pb_field(4, 'fc8') + pb_field(5, 14) + pb_field(6, caffe_blob(floats(2, 2)))
    dims = b''.join(pb_field(4, d) for d in (1, 1, 3, 3))
    return pb_field(1, 'CaffeNet') + pb_field(2, conv) + pb_field(2, fc) + pb_field(3, 'data') + dims


def darknet_weights():
    """darknet save_weights: i32 major 0, minor 2, revision 5, u64 images seen, then float32 weights."""
    return struct.pack('<iiiQ', 0, 2, 5, 64000) + floats(16 + 16 * 3 * 3 * 3).tobytes()


OPENVINO_XML = '''<?xml version="1.0"?>
<net name="risk_model" version="11">
\t<layers>
\t\t<layer id="0" name="x" type="Parameter" version="opset1">
\t\t\t<data shape="1,4" element_type="f32" />
\t\t\t<output><port id="0" precision="FP32" names="x"><dim>1</dim><dim>4</dim></port></output>
\t\t</layer>
\t\t<layer id="1" name="fc.weight" type="Const" version="opset1">
\t\t\t<data element_type="f32" shape="2,4" offset="0" size="32" />
\t\t\t<output><port id="0" precision="FP32"><dim>2</dim><dim>4</dim></port></output>
\t\t</layer>
\t\t<layer id="2" name="fc" type="MatMul" version="opset1">
\t\t\t<data transpose_a="false" transpose_b="true" />
\t\t\t<input><port id="0"><dim>1</dim><dim>4</dim></port><port id="1"><dim>2</dim><dim>4</dim></port></input>
\t\t\t<output><port id="2" precision="FP32"><dim>1</dim><dim>2</dim></port></output>
\t\t</layer>
\t\t<layer id="3" name="y" type="Result" version="opset1">
\t\t\t<input><port id="0"><dim>1</dim><dim>2</dim></port></input>
\t\t</layer>
\t</layers>
\t<edges>
\t\t<edge from-layer="0" from-port="0" to-layer="2" to-port="0" />
\t\t<edge from-layer="1" from-port="0" to-layer="2" to-port="1" />
\t\t<edge from-layer="2" from-port="2" to-layer="3" to-port="0" />
\t</edges>
\t<rt_info><framework><item name="framework" value="onnx" /></framework></rt_info>
</net>
'''


def make_spec_formats():
    write('mxnet/model-0000.params', mxnet_params({'arg:fc1_weight': floats(2, 4), 'arg:fc1_bias': floats(2)}))
    write('caffe/risk.caffemodel', caffemodel())
    write('darknet/tiny.weights', darknet_weights())
    write('openvino/model.xml', OPENVINO_XML.encode())
    write('openvino/model.bin', floats(2, 4).tobytes())
    write('caffe/v1_layers.caffemodel', caffemodel_v1())


if __name__ == '__main__':
    for make in (make_tf_checkpoint, make_flax, make_weka, make_r, make_spec_formats):
        make()
    print('fixtures written to', os.path.normpath(OUT), file=sys.stderr)
