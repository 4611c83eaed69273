#!/usr/bin/python3
"""Fixtures for issues #9 and #10: streams that fail to decode, loader-tolerant variants, new formats.

Run with Debian's interpreter (`/usr/bin/python3`, which has numpy, sklearn, xgboost, torch, h5py,
onnx, zstandard, lz4, py7zr). LightGBM, CatBoost and skops are not packaged by Debian: their
fixtures come from `scripts/make-fixtures-pip.py`, run in a venv. Every output is small.
"""
import bz2
import gzip
import io
import json
import lzma
import os
import struct
import tarfile
import zipfile
import zlib

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '__tests__', 'fixtures', 'models')


def out(name):
    path = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def write(name, data):
    with open(out(name), 'wb') as f:
        f.write(data)


def read(name):
    with open(out(name), 'rb') as f:
        return f.read()


def corrupt(data, at, length=8):
    """The same bytes with `length` bytes at `at` overwritten: a stream that breaks off there."""
    return data[:at] + bytes((b ^ 0xa5) for b in data[at:at + length]) + data[at + length:]


# ---------------------------------------------------------------- streams that do not decode (#9)
def make_broken_streams():
    pkl = read('knn_p4.pkl')
    write('broken/sha256.xz', lzma.compress(pkl, format=lzma.FORMAT_XZ, check=lzma.CHECK_SHA256))
    write('broken/bcj_x86.xz', lzma.compress(pkl, format=lzma.FORMAT_XZ, filters=[
        {'id': lzma.FILTER_X86}, {'id': lzma.FILTER_LZMA2}]))
    write('broken/delta.xz', lzma.compress(pkl, format=lzma.FORMAT_XZ, filters=[
        {'id': lzma.FILTER_DELTA, 'dist': 4}, {'id': lzma.FILTER_LZMA2}]))
    write('broken/corrupt.bz2', corrupt(bz2.compress(pkl), 40))
    write('broken/empty_first.bz2', bz2.compress(b'') + bz2.compress(pkl))
    write('broken/corrupt.gz', corrupt(gzip.compress(pkl, mtime=0), 30))
    write('broken/corrupt.z', corrupt(zlib.compress(pkl), 12))


# ---------------------------------------------------------------- pickles as tolerant as pickle.load (#10 §1)
def strip_ops(data, names):
    """The same pickle without the given opcodes (PROTO and FRAME are optional to pickle.load)."""
    import pickletools
    ops = list(pickletools.genops(data))
    kept = []
    for i, (op, _arg, pos) in enumerate(ops):
        end = ops[i + 1][2] if i + 1 < len(ops) else len(data)
        if op.name not in names:
            kept.append(data[pos:end])
    return b''.join(kept)


def make_tolerant_pickles():
    import pickle
    for name, source, ops in (('knn_p4_noproto.pkl', 'knn_p4.pkl', {'PROTO', 'FRAME'}),
                              ('knn_p2_noproto.pkl', 'knn_p2.pkl', {'PROTO'}),
                              ('lr_p5_noproto.pkl', 'lr_p5.pkl', {'PROTO', 'FRAME'})):
        data = strip_ops(read(source), ops)
        type(pickle.loads(data))  # the loader accepts it (sklearn objects, safe to load)
        write(f'tolerant/{name}', data)
    # Five opcodes of protocol 0: an import and a call (uuid.uuid4(), harmless).
    tiny = b'cuuid\nuuid4\n(tR.'
    assert type(pickle.loads(tiny)).__name__ == 'UUID'
    write('tolerant/tiny_p0.pkl', tiny)
    # A GET of a key never PUT: pickle.load runs the REDUCE (prints), then fails at the GET.
    odd = b"cbuiltins\nprint\n(S'called before the memo error'\ntRg99\n."
    try:
        pickle.loads(odd)
        raise SystemExit('expected the memo miss to fail')
    except (KeyError, pickle.UnpicklingError):
        pass
    write('tolerant/memo_miss_p0.pkl', odd)


# ---------------------------------------------------------------- pickles of data, not models (#11)
def make_data_pickles():
    import collections
    import datetime
    import pickle
    import joblib
    import numpy as np
    import pandas as pd
    frame = pd.DataFrame({'age': [34, 51], 'ward': ['A', 'B'],
                          'seen': pd.to_datetime(['2024-01-02', '2024-02-03'])})
    write('data/frame_p4.pkl', pickle.dumps(frame, protocol=4))
    write('data/series_p2.pkl', pickle.dumps(frame['age'], protocol=2))
    write('data/array_p5.pkl', pickle.dumps(np.arange(12, dtype=np.float32).reshape(3, 4), protocol=5))
    record = collections.OrderedDict(when=datetime.datetime(2024, 5, 1, 12), tags={1, 2}, n=(1, 2.5))
    write('data/ordered_p0.pkl', pickle.dumps(record, protocol=0))
    joblib.dump({'embeddings': np.ones((4, 3)), 'ids': np.array(['a', 'b', 'c', 'd'])}, out('data/arrays.joblib'))


def make_joblib_pipelines():
    import joblib
    import numpy as np
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler
    rng = np.random.default_rng(11)
    x = rng.normal(size=(20, 5))
    y = np.array([0, 1] * 10)
    pipeline = Pipeline([('scale', StandardScaler()), ('knn', KNeighborsClassifier(n_neighbors=3))]).fit(x, y)
    joblib.dump(pipeline, out('tolerant/pipeline_knn.joblib'))
    objects = np.array([{'note': 'object array'}, None], dtype=object)
    joblib.dump({'objects': objects, 'model': pipeline}, out('tolerant/objects_then_knn.joblib'))


# ---------------------------------------------------------------- archives as tolerant as unzip and tar
def zip_bytes(members, method=zipfile.ZIP_STORED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', method) as z:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = method
            z.writestr(info, data)
    return buf.getvalue()


def zip_names(data):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [i.filename for i in z.infolist()]


def set_eocd(data, count=None):
    """Rewrites the end record's entry counts (unzip and Python's zipfile walk the directory by its size)."""
    at = data.rindex(b'PK\x05\x06')
    record = bytearray(data[at:])
    if count is not None:
        struct.pack_into('<HH', record, 8, count, count)
    return data[:at] + bytes(record)


def drop_last_central_entry(data):
    """The directory without its last entry: that member is in the file, only its local header knows it."""
    eocd = data.rindex(b'PK\x05\x06')
    count, cd_size, cd_at = struct.unpack_from('<HII', data, eocd + 10)
    last = data.rindex(b'PK\x01\x02', cd_at, eocd)
    record = bytearray(data[eocd:])
    struct.pack_into('<HHII', record, 8, count - 1, count - 1, last - cd_at, cd_at)
    return data[:last] + bytes(record)


def make_tolerant_archives():
    models = {'models/knn.pkl': read('knn_p4.pkl'), 'models/meta.onnx': read('meta.onnx'),
              'README.md': b'# release\n'}
    plain = zip_bytes(models)
    for name, prefix in (('tolerant/sfx.exe', b'MZ' + bytes(range(256)) * 300),
                         ('tolerant/app.pyz', b'#!/usr/bin/env python3\n'),
                         ('tolerant/polyglot.jpg', read('clean/photo.jpg'))):
        data = prefix + plain
        assert zip_names(data) == list(models)  # Python's zipfile finds the zip after the prefix
        write(name, data)
    miscounted = set_eocd(plain, count=1)
    assert zip_names(miscounted) == list(models)
    write('tolerant/miscounted.zip', miscounted)
    hidden = drop_last_central_entry(zip_bytes({'README.md': b'# release\n', 'models/knn.pkl': read('knn_p4.pkl')}))
    write('tolerant/local_only.zip', hidden)
    write('tolerant/encrypted.zip', seven_zip(['-tzip', '-psecret', '-mem=ZipCrypto'], {'model.pkl': read('knn_p4.pkl')}))
    make_tolerant_tars()


def seven_zip(options, members):
    """An archive written by the 7z CLI (p7zip-full) from files in a temporary folder (fixed times)."""
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in members.items():
            os.makedirs(os.path.dirname(os.path.join(tmp, 'in', name)), exist_ok=True)
            with open(os.path.join(tmp, 'in', name), 'wb') as f:
                f.write(data)
            os.utime(os.path.join(tmp, 'in', name), (1_700_000_000, 1_700_000_000))
        target = os.path.join(tmp, 'out.archive')
        subprocess.run(['7z', 'a', '-bd', '-bso0', *options, target, '.'], cwd=os.path.join(tmp, 'in'), check=True)
        with open(target, 'rb') as f:
            return f.read()


def tar_bytes(members, fmt=tarfile.USTAR_FORMAT, types=None):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode='w', format=fmt) as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 0
            if types and name in types:
                info.type = types[name]
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def fix_checksum(block):
    block[148:156] = b' ' * 8
    block[148:156] = b'%06o\0 ' % sum(block)
    return block


def make_tolerant_tars():
    pkl = read('knn_p4.pkl')
    odd = tar_bytes({'models/knn.pkl': pkl}, types={'models/knn.pkl': b'Z'})
    with tarfile.open(fileobj=io.BytesIO(odd)) as tar:  # an unknown type extracts as a regular file
        assert tar.extractfile(tar.getmembers()[0]).read() == pkl
    write('tolerant/unknown_type.tar', odd)
    long_name = 'models/' + 'n' * 120 + '/knn.pkl'
    pax = bytearray(tar_bytes({long_name: pkl}, fmt=tarfile.PAX_FORMAT))
    header = pax.index(b'ustar', 1024) - 257  # the member's own header, after the pax record
    pax[header:header + 100] = bytes(100)  # an empty name: the pax path names it
    fix_checksum(memoryview(pax)[header:header + 512])
    with tarfile.open(fileobj=io.BytesIO(bytes(pax))) as tar:
        assert tar.getnames() == [long_name]
    write('tolerant/pax_empty_name.tar', bytes(pax))


# ---------------------------------------------------------------- headers in any layout the loader takes
def pb_fields(data):
    """Top-level protobuf fields as (number, raw bytes) pairs, in file order."""
    fields, at = [], 0
    while at < len(data):
        start = at
        tag, at = varint(data, at)
        wire = tag & 7
        if wire == 0:
            _, at = varint(data, at)
        elif wire == 2:
            length, at = varint(data, at)
            at += length
        elif wire in (1, 5):
            at += 8 if wire == 1 else 4
        fields.append((tag >> 3, data[start:at]))
    return fields


def varint(data, at):
    value, shift = 0, 0
    while True:
        byte = data[at]
        value |= (byte & 0x7f) << shift
        at += 1
        shift += 7
        if byte < 0x80:
            return value, at


def make_tolerant_headers():
    import h5py
    import numpy as np
    import onnx
    fields = pb_fields(read('meta.onnx'))
    graph_first = [f for f in fields if f[0] == 7] + [f for f in fields if f[0] != 7]
    unknown = bytes([0x98, 0x06, 0x2a])  # field 99, varint 42: a field this ONNX version does not know
    reordered = b''.join(raw for _, raw in graph_first) + unknown
    assert onnx.load_model_from_string(reordered).graph.node[0].op_type == 'MatMul'
    write('tolerant/graph_first.onnx', reordered)
    objects = np.array([(1, {'patient': 7})], dtype=[('id', '<i4'), ('record', 'O')])
    buf = io.BytesIO()
    np.save(buf, objects, allow_pickle=True)
    data = buf.getvalue()
    header_end = 10 + struct.unpack_from('<H', data, 8)[0]
    double_quoted = data[:10] + data[10:header_end].replace(b"'", b'"') + data[header_end:]
    assert np.load(io.BytesIO(double_quoted), allow_pickle=True)[0][1] == {'patient': 7}
    write('tolerant/structured_objects.npy', double_quoted)
    keras_attrs = {'keras_version': '2.11.0', 'backend': 'tensorflow',
                   'model_config': '{"class_name": "Sequential", "config": {"layers": []}}'}
    for name, options in (('tolerant/keras_latest.h5', {'libver': 'latest'}),
                          ('tolerant/keras_userblock.h5', {'userblock_size': 1024}),
                          ('tolerant/keras_track_order.h5', {'track_order': True, 'libver': 'latest'})):
        with h5py.File(out(name), 'w', **options) as f:
            f.create_dataset('model_weights/dense/kernel', data=np.ones((3, 2), dtype='f4'))
            for key, value in keras_attrs.items():
                f.attrs[key] = value
            for i in range(12):  # enough attributes that the latest format moves them to dense storage
                f.attrs[f'extra_{i}'] = f'value {i}'


# ---------------------------------------------------------------- models of tabular data, runtimes (#10 §2)
def make_tabular():
    import warnings
    import numpy as np
    import xgboost
    warnings.simplefilter('ignore')
    rng = np.random.default_rng(3)
    x = rng.normal(size=(40, 4))
    booster = xgboost.train({'max_depth': 2, 'objective': 'binary:logistic'},
                            xgboost.DMatrix(x, label=(x[:, 0] > 0).astype(int)), num_boost_round=3)
    for name in ('xgboost.json', 'xgboost.ubj', 'xgboost.model'):
        booster.save_model(out(f'tabular/{name}'))
    write('tabular/xgboost_raw.bin', bytes(booster.save_raw('deprecated')))
    write('tabular/xgboost_nobinf.bin', bytes(booster.save_raw('deprecated'))[4:])  # pre-1.0 files had no 'binf'
    write('clean/xgboost_config.json', booster.save_config().encode())  # a training config: no model in it
    write('tabular/model.cbm', catboost_bytes())
    write('tabular/risk.pmml', PMML.encode())
    write('tabular/neighbours.pmml', PMML.replace('<TreeModel', '<NearestNeighborModel').replace(
        '</TreeModel>', '</NearestNeighborModel>').encode())
    write('clean/pom.xml', POM.encode())
    write('tabular/knn.skops', skops_bytes())
    write('runtimes/add.pte', flatbuffer(b'ET12'))
    write('runtimes/model.engine', b'ftrt' + struct.pack('<III', 0x61, 0, 0) + bytes(range(256)) * 2)
    meta = json.dumps({'task': 'detect', 'imgsz': [640, 640]}).encode()
    write('runtimes/yolo.engine', struct.pack('<I', len(meta)) + meta + b'ptrt' + bytes(range(200)))
    write('runtimes/inference.pdiparams', paddle_tensor([2, 3]) + paddle_tensor([3]))
    write('runtimes/inference.pdmodel', paddle_program())


def catboost_bytes():
    """`CBM1`, the core's size, a FlatBuffer core (spec: CatBoost is not packaged for Debian)."""
    core = flatbuffer(b'\0\0\0\0') + bytes(64)
    return b'CBM1' + struct.pack('<I', len(core)) + core


def flatbuffer(identifier):
    """The smallest FlatBuffer with a file identifier: root offset, identifier, vtable, root table."""
    vtable = struct.pack('<HH', 4, 4)
    return struct.pack('<I', 12) + identifier + vtable + struct.pack('<i', 4) + bytes(4)


PMML = '''<?xml version="1.0" encoding="UTF-8"?>
<!-- exported by a scoring tool -->
<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">
  <Header copyright="example"><Application name="example" version="1.0"/></Header>
  <DataDictionary numberOfFields="2">
    <DataField name="age" optype="continuous" dataType="double"/>
    <DataField name="risk" optype="categorical" dataType="string"><Value value="low"/><Value value="high"/></DataField>
  </DataDictionary>
  <TreeModel functionName="classification">
    <MiningSchema><MiningField name="age"/><MiningField name="risk" usageType="target"/></MiningSchema>
    <Node score="low"><True/><Node score="high"><SimplePredicate field="age" operator="greaterThan" value="60"/></Node></Node>
  </TreeModel>
</PMML>
'''

POM = '''<?xml version="1.0" encoding="UTF-8"?>
<!-- not PMML, though it mentions <PMML> in a comment -->
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <artifactId>pmml-evaluator</artifactId></project>
'''


def skops_bytes():
    """The layout skops.io.dump writes (spec: skops is not packaged for Debian): schema.json + .npy arrays."""
    import numpy as np
    array = io.BytesIO()
    np.save(array, np.zeros((12, 3)))
    node = lambda cls, module, loader, **rest: {'__class__': cls, '__module__': module, '__loader__': loader, **rest}
    schema = node('KNeighborsClassifier', 'sklearn.neighbors._classification', 'ObjectNode', content=node(
        'dict', 'builtins', 'DictNode', content={
            'n_neighbors': node('int', 'builtins', 'JsonNode', content='3'),
            '_fit_X': node('ndarray', 'numpy', 'NdArrayNode', type='numpy', file='fit_x.npy')}),
        protocol=1, _skops_version='0.9.0')
    return zip_bytes({'schema.json': json.dumps(schema).encode(), 'fit_x.npy': array.getvalue()}, zipfile.ZIP_DEFLATED)


def paddle_tensor(dims):
    """A LoDTensor as save_inference_model writes it (spec: PaddlePaddle is not packaged for Debian)."""
    desc = b'\x08\x05' + b''.join(b'\x10' + bytes([d]) for d in dims)  # data_type FP32, dims
    count = 1
    for d in dims:
        count *= d
    return struct.pack('<IQI', 0, 0, 0) + struct.pack('<i', len(desc)) + desc + bytes(4 * count)


def paddle_program():
    """A ProgramDesc whose first block has idx 0, parent_idx -1 and one variable (spec)."""
    var = b'\x0a\x01x'
    block = b'\x08\x00\x10' + b'\xff' * 9 + b'\x01' + b'\x1a' + bytes([len(var)]) + var
    return b'\x0a' + bytes([len(block)]) + block


# ---------------------------------------------------------------- zstd, lz4, 7z, rar (#10 §1)
def make_more_packings():
    import joblib
    import lz4.frame
    import pickle
    import zstandard
    knn = pickle.loads(read('knn_p4.pkl'))
    joblib.dump(knn, out('packed/knn_lz4.joblib'), compress=('lz4', 3))
    write('packed/knn.pkl.zst', zstandard.ZstdCompressor(level=19).compress(read('knn_p4.pkl')))
    write('packed/knn.pkl.lz4', lz4.frame.compress(read('knn_p4.pkl'), content_checksum=True))
    write('packed/bundle.tar.zst', zstandard.ZstdCompressor().compress(read('bundle.tar')))
    write('packed/bundle.tar.lz4', lz4.frame.compress(read('bundle.tar'), block_size=lz4.frame.BLOCKSIZE_MAX64KB))
    import subprocess
    legacy = subprocess.run(['lz4', '-l', '-q', '-c'], input=read('knn_p4.pkl'), capture_output=True, check=True)
    write('packed/knn_legacy.lz4', legacy.stdout)  # the lz4 CLI's legacy format (-l)
    write('broken/corrupt.zst', corrupt(read('packed/knn.pkl.zst'), 20))
    write('broken/corrupt.lz4', corrupt(read('packed/knn.pkl.lz4'), 8, 2))  # its first block's size


if __name__ == '__main__':
    make_broken_streams()
    make_tolerant_pickles()
    make_data_pickles()
    make_joblib_pipelines()
    make_tolerant_archives()
    make_tolerant_headers()
    make_tabular()
    make_more_packings()
