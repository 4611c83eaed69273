#!/usr/bin/python3
"""Fixtures for issues #9 and #10: streams that fail to decode, loader-tolerant variants, new formats.

Run with Debian's interpreter (`/usr/bin/python3`, which has numpy, sklearn, xgboost, torch, h5py,
onnx, zstandard, lz4, py7zr). LightGBM, CatBoost and skops are not packaged by Debian: their
fixtures come from `scripts/make-fixtures-pip.py`, run in a venv. Every output is small.
"""
import bz2
import gzip
import lzma
import os
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
    record = collections.OrderedDict(when=datetime.datetime(2024, 5, 1, 12), tags={'x', 'y'}, n=(1, 2.5))
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


if __name__ == '__main__':
    make_broken_streams()
    make_tolerant_pickles()
    make_data_pickles()
    make_joblib_pipelines()
