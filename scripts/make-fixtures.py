#!/usr/bin/python3
"""Generate the model fixtures under __tests__/fixtures/models/ with the real libraries.

Run with Debian's interpreter (not a pyenv one), after
  apt-get install python3-torch python3-sklearn python3-faiss python3-hnswlib python3-h5py python3-onnx
Formats without a Debian package (safetensors, GGUF, GGML, Annoy, usearch, Voyager, TFLite, CoreML,
SavedModel) are written byte for byte from their published layouts by the small writers below.
Every output is tiny (a few KB); the script is deterministic apart from zip/tar timestamps.
"""
import bz2
import gzip
import io
import json
import lzma
import os
import pickle
import struct
import sys
import tarfile
import zipfile

import numpy as np

from spec_bytes import gguf_string, pb_field, safetensors, tensor_bundle

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '__tests__', 'fixtures', 'models')
RNG = np.random.default_rng(7)


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


def points(n=12, d=3):
    return RNG.normal(size=(n, d)).astype(np.float32)


# ---------------------------------------------------------------- pickles and sklearn
def make_pickles():
    from sklearn.linear_model import LogisticRegression
    from sklearn.neighbors import (KDTree, KNeighborsClassifier, LocalOutlierFactor, NearestNeighbors,
                                   RadiusNeighborsRegressor)
    x = points()
    y = np.array([0, 1] * 6)
    lr = LogisticRegression().fit(x, y)
    knn = KNeighborsClassifier(n_neighbors=3, algorithm='kd_tree').fit(x, y)
    for proto in range(6):
        write(f'lr_p{proto}.pkl', pickle.dumps(lr, protocol=proto))
        write(f'knn_p{proto}.pkl', pickle.dumps(knn, protocol=proto))
    write('nn_balltree_p4.pkl', pickle.dumps(NearestNeighbors(algorithm='ball_tree').fit(x), protocol=4))
    write('radius_p3.pkl', pickle.dumps(RadiusNeighborsRegressor().fit(x, y.astype(float)), protocol=3))
    write('lof_p4.pkl', pickle.dumps(LocalOutlierFactor(n_neighbors=3, novelty=True).fit(x), protocol=4))
    write('kdtree_p2.pkl', pickle.dumps(KDTree(x), protocol=2))
    write('dict_p0.pkl', pickle.dumps({'a': [1, 2, 3], 'b': ('x', 2.5)}, protocol=0))
    write('dict_p1.pkl', pickle.dumps({'a': [1, 2, 3], 'b': ('x', 2.5)}, protocol=1))
    write('unsafe_p2.pkl', pickle.dumps(Unsafe(), protocol=2))
    write('pipeline_knn_p4.pkl', pickle.dumps({'model': knn, 'note': 'wrapped'}, protocol=4))
    write('lr_p4.pkl.gz', gzip.compress(pickle.dumps(lr, protocol=4), mtime=0))
    write('renamed/notes.dat', read('knn_p0.pkl'))
    write('renamed/readme.txt', read('lr_p2.pkl'))
    return knn


class Unsafe:
    """Pickles as a call to os.system: never loaded by the tests, only walked."""

    def __reduce__(self):
        return (os.system, ('echo never-run',))


def make_joblib(knn):
    import joblib
    joblib.dump(knn, out('knn.joblib'))
    for method in ('zlib', 'gzip', 'bz2', 'xz', 'lzma'):
        joblib.dump(knn, out(f'knn_{method}.joblib'), compress=(method, 3))
    write('renamed/knn_xz.log', read('knn_xz.joblib'))


def make_numpy():
    obj = np.array([{'patient': 1}, None, 'x'], dtype=object)
    np.save(out('objects.npy'), obj, allow_pickle=True)
    np.save(out('clean/numbers.npy'), points(4, 2))
    np.savez(out('objects.npz'), objs=obj, nums=points(2, 2))
    np.savez(out('clean/numbers.npz'), a=points(2, 2))


# ---------------------------------------------------------------- torch
def make_torch():
    import torch
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.ReLU())
    torch.save(net.state_dict(), out('state_dict.pt'))
    torch.save(net.state_dict(), out('legacy_state.pt'), _use_new_zipfile_serialization=False)
    extra = {'training.json': json.dumps({'datasets': ['hospital-admissions-2023']}), 'notes.txt': 'trained on ward data'}
    torch.jit.save(torch.jit.script(net), out('scripted_extra.pt'), _extra_files=extra)
    write('renamed/weights.txt', read('state_dict.pt'))
    write('renamed/legacy.csv', read('legacy_state.pt'))
    write('legacy_tar.pt', legacy_tar())


def legacy_tar():
    """The pre-0.4 torch tar layout: members sys_info, pickle, storages, tensors (spec, not written by torch 1.13)."""
    members = {'sys_info': pickle.dumps({'protocol_version': 1001, 'little_endian': True}, protocol=2),
               'pickle': pickle.dumps({'weight': 'storage-0'}, protocol=2),
               'storages': pickle.dumps(1, protocol=2) + b'\0' * 16,
               'tensors': pickle.dumps(0, protocol=2)}
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode='w', format=tarfile.USTAR_FORMAT) as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


# ---------------------------------------------------------------- vector indexes
def make_faiss():
    import faiss
    x = points(64, 8)
    flat_ip = faiss.IndexFlatIP(8)
    flat_ip.add(x[:8])
    faiss.write_index(flat_ip, out('flat_ip.faiss'))
    hnsw = faiss.IndexHNSWFlat(8, 4)
    hnsw.add(x[:16])
    faiss.write_index(hnsw, out('hnsw.faiss'))
    quantizer = faiss.IndexFlatL2(8)
    ivfpq = faiss.IndexIVFPQ(quantizer, 8, 1, 2, 4)
    ivfpq.train(x)
    ivfpq.add(x[:8])
    faiss.write_index(ivfpq, out('ivfpq.index'))
    sq = faiss.IndexScalarQuantizer(8, faiss.ScalarQuantizer.QT_8bit)
    sq.train(x)
    idmap = faiss.IndexIDMap(sq)
    idmap.add_with_ids(x[8:12], np.arange(100, 104).astype('int64'))
    faiss.write_index(idmap, out('idmap_sq.faiss'))
    binary = faiss.IndexBinaryFlat(16)
    binary.add(np.packbits(x[:4, :8] > 0, axis=1).repeat(2, 1))
    faiss.write_index_binary(binary, out('binary_flat.faiss'))
    write('renamed/hnsw.png', read('hnsw.faiss'))


def make_hnswlib():
    import hnswlib
    idx = hnswlib.Index(space='cosine', dim=4)
    idx.init_index(max_elements=16, ef_construction=20, M=4)
    idx.add_items(points(10, 4))
    idx.save_index(out('hnswlib_cosine.bin'))
    write('renamed/hnswlib.dat', read('hnswlib_cosine.bin'))


def annoy_bytes(n_items=10, f=4):
    """Annoy angular index, spec layout: item nodes, two leaf nodes, one split node, then the root copy."""
    node = 12 + 4 * f  # int32 n_descendants, int32 children[2], float v[f]
    nodes = [struct.pack('<iii', 1, 0, 0) + np.asarray(v, '<f4').tobytes() for v in points(n_items, f)]
    half = n_items // 2
    for ids in (range(half), range(half, n_items)):
        slots = list(ids) + [0] * ((node - 4) // 4 - len(ids))
        nodes.append(struct.pack('<i', len(ids)) + struct.pack(f'<{len(slots)}i', *slots))
    root = struct.pack('<iii', n_items, n_items, n_items + 1) + np.ones(f, '<f4').tobytes()
    nodes += [root, root]
    assert all(len(b) == node for b in nodes)
    return b''.join(nodes)


def usearch_bytes(rows=4, dims=4):
    """usearch dense index with vectors: [u32 rows][u32 bytes per row] matrix, 64-byte 'usearch' head, graph."""
    matrix = struct.pack('<II', rows, dims * 4) + points(rows, dims).tobytes()
    head = b'usearch' + struct.pack('<HHH', 2, 9, 1) + bytes([2, 11, 14, 15])
    head += struct.pack('<QQQ?', rows, 0, dims, False)
    head = head.ljust(64, b'\0')
    return matrix + head + b'\0' * 64


def voyager_bytes(dims=4):
    """Voyager: 'VOYA', i32 version, i32 dims, u8 space, u8 storage, f32 max norm, bool, then an hnswlib body."""
    meta = b'VOYA' + struct.pack('<iiBBf?', 1, dims, 0, 2, 0.0, False)
    return meta + read('hnswlib_cosine.bin')


def make_spec_indexes():
    write('tiny.ann', annoy_bytes())
    write('tiny.usearch', usearch_bytes())
    write('renamed/usearch.bin', read('tiny.usearch'))
    write('tiny.voy', voyager_bytes())
    write('renamed/voyager.txt', read('tiny.voy'))


# ---------------------------------------------------------------- weights formats
def safetensors_bytes():
    return safetensors({'format': 'pt', 'training_datasets': 'clinic/visits-2024'})


def gguf_bytes():
    """GGUF v3 per ggml docs/gguf.md: header, KVs (type 8 string, 9 array, 4 uint32), one tensor info, data."""
    kvs = [('general.architecture', 8, gguf_string('llama')),
           ('general.name', 8, gguf_string('tiny-clinic')),
           ('general.datasets', 9, struct.pack('<IQ', 8, 2) + gguf_string('hospital/notes') + gguf_string('wiki')),
           ('general.base_model.count', 4, struct.pack('<I', 1)),
           ('general.base_model.0.name', 8, gguf_string('Llama 2 7B')),
           ('general.base_model.0.repo_url', 8, gguf_string('https://huggingface.co/meta-llama/Llama-2-7b')),
           ('general.source.url', 8, gguf_string('https://example.org/clinic-model')),
           ('tokenizer.ggml.tokens', 9, struct.pack('<IQ', 8, 3) + b''.join(gguf_string(t) for t in 'abc'))]
    body = b''.join(gguf_string(k) + struct.pack('<I', t) + v for k, t, v in kvs)
    tensor = gguf_string('w') + struct.pack('<I', 1) + struct.pack('<Q', 4) + struct.pack('<I', 0) + struct.pack('<Q', 0)
    data = b'GGUF' + struct.pack('<IQQ', 3, 1, len(kvs)) + body + tensor
    data += b'\0' * (-len(data) % 32)
    return data + np.ones(4, '<f4').tobytes()


def ggjt_bytes():
    """llama.cpp GGJT v3: u32 magic 0x67676a74 little-endian ('tjgg' on disk), u32 version, 7 i32 hparams."""
    return struct.pack('<II', 0x67676A74, 3) + struct.pack('<7i', 32000, 64, 1, 2, 8, 2, 2) + b'\0' * 32


def ggml_bytes():
    return struct.pack('<I', 0x67676D6C) + struct.pack('<7i', 32000, 64, 1, 2, 8, 2, 2) + b'\0' * 32


def make_weight_formats():
    write('tiny_meta.safetensors', safetensors_bytes())
    write('renamed/safetensors.json', read('tiny_meta.safetensors'))
    write('datasets.gguf', gguf_bytes())
    write('renamed/gguf.dat', read('datasets.gguf'))
    write('legacy_ggjt.bin', ggjt_bytes())
    write('legacy_ggml.bin', ggml_bytes())
    write('tiny.tflite', tflite_bytes())
    write('renamed/tflite.bin', read('tiny.tflite'))
    write('knn.mlmodel', coreml_bytes(404))
    write('nn.mlmodel', coreml_bytes(500))
    write('renamed/coreml.dat', read('nn.mlmodel'))
    write('savedmodel/saved_model.pb', saved_model_bytes())
    write('savedmodel/variables/variables.index', variables_index_bytes())
    write('renamed/graph.bin', read('savedmodel/saved_model.pb'))


def tflite_bytes():
    """Smallest FlatBuffer with the TFL3 identifier: root table {version: 3}."""
    vtable = struct.pack('<HHH', 6, 8, 4) + b'\0\0'
    table = struct.pack('<iI', 16 - 8, 3)
    return struct.pack('<I', 16) + b'TFL3' + vtable + table


def coreml_bytes(model_field):
    """Core ML Model proto: specificationVersion (1), description (2) with an input and metadata, a model type."""
    feature = pb_field(1, 'x') + pb_field(3, pb_field(5, b''))
    user = pb_field(100, pb_field(1, 'training_data') + pb_field(2, 'clinic/visits'))
    metadata = pb_field(1, 'kNN over patient vectors') + pb_field(3, 'ml-team') + user
    description = pb_field(1, feature) + pb_field(100, metadata)
    return pb_field(1, 4) + pb_field(2, description) + pb_field(model_field, pb_field(1, 3))


def saved_model_bytes():
    """SavedModel proto: saved_model_schema_version (1) = 1, meta_graphs (2) with meta_info_def tags and a graph."""
    meta_info = pb_field(4, 'serve') + pb_field(5, '2.11.0')
    graph = pb_field(1, pb_field(1, 'x') + pb_field(2, 'Placeholder'))
    return pb_field(1, 1) + pb_field(2, pb_field(1, meta_info) + pb_field(2, graph))


def variables_index_bytes():
    """A SavedModel's variables are a TensorBundle (the `.index` a LevelDB-format table): spec_bytes."""
    return tensor_bundle([('dense/kernel/.ATTRIBUTES/VARIABLE_VALUE', 1, [2, 2], np.eye(2, dtype='<f4').tobytes())])[0]


def make_onnx():
    import onnx
    from onnx import TensorProto, helper
    w = helper.make_tensor('W', TensorProto.FLOAT, [2, 2], [1.0, 0.0, 0.0, 1.0])
    node = helper.make_node('MatMul', ['x', 'W'], ['y'])
    graph = helper.make_graph([node], 'g', [helper.make_tensor_value_info('x', TensorProto.FLOAT, [1, 2])],
                              [helper.make_tensor_value_info('y', TensorProto.FLOAT, [1, 2])], [w])
    model = helper.make_model(graph, producer_name='skl2onnx', producer_version='1.14', doc_string='risk model')
    helper.set_model_props(model, {'training_dataset': 's3://bucket/pii.parquet', 'owner': 'ml-team'})
    onnx.save(model, out('meta.onnx'))
    write('renamed/model.txt', read('meta.onnx'))


def make_hdf5():
    import h5py
    with h5py.File(out('keras_meta.h5'), 'w') as f:
        f.attrs['keras_version'] = '2.11.0'
        f.attrs['backend'] = 'tensorflow'
        f.attrs['model_config'] = json.dumps({'class_name': 'Sequential', 'config': {'name': 'risk', 'layers': []}})
        f.attrs['training_config'] = json.dumps({'loss': 'binary_crossentropy'})
        f.attrs['training_data'] = 'warehouse.patients_2024'
        f.create_group('model_weights').create_dataset('dense/kernel:0', data=points(3, 2))
    with h5py.File(out('keras_weights_only.h5'), 'w') as f:
        f.attrs['layer_names'] = np.array([b'dense'])
        f.attrs['backend'] = 'tensorflow'
        f.attrs['keras_version'] = '2.11.0'
        f.create_group('dense').create_dataset('kernel:0', data=points(3, 2))
    with h5py.File(out('clean/measurements.h5'), 'w') as f:
        f.attrs['instrument'] = 'spectrometer'
        f.create_dataset('values', data=points(8, 2))
    write('renamed/keras.dat', read('keras_meta.h5'))
    keras3 = io.BytesIO()
    with zipfile.ZipFile(keras3, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('metadata.json', json.dumps({'keras_version': '3.3.3', 'date_saved': '2024-05-01@10:00:00'}))
        z.writestr('config.json', json.dumps({'class_name': 'Sequential', 'config': {'layers': []}}))
        z.writestr('model.weights.h5', read('keras_weights_only.h5'))
    write('tiny.keras', keras3.getvalue())
    write('renamed/keras3.zip', keras3.getvalue())


# ---------------------------------------------------------------- archives, compression, bounds, clean files
def zip_of(name, members, method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', method) as z:
        for arc, data in members.items():
            z.writestr(arc, data)
    write(name, buf.getvalue())


def tar_of(name, members, mode='w'):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode, format=tarfile.USTAR_FORMAT) as tar:
        for arc, data in members.items():
            info = tarfile.TarInfo(arc)
            info.size = len(data)
            info.mtime = 0
            tar.addfile(info, io.BytesIO(data))
    write(name, buf.getvalue())


def make_archives():
    models = {'models/knn.pkl': read('knn_p4.pkl'), 'models/net.pt': read('state_dict.pt'),
              'models/meta.onnx': read('meta.onnx'), 'README.md': b'# release\n'}
    zip_of('bundle.zip', models)
    zip_of('bundle_stored.zip', models, zipfile.ZIP_STORED)
    for mode, ext in (('w', 'tar'), ('w:gz', 'tar.gz'), ('w:bz2', 'tar.bz2'), ('w:xz', 'tar.xz')):
        tar_of(f'bundle.{ext}', models, mode)
    write('renamed/bundle_tgz.txt', read('bundle.tar.gz'))
    zip_of('nested.zip', {'inner/models.zip': read('bundle.zip'), 'notes.txt': b'nested once'})
    zip_of('deep2.zip', {'level1.zip': read('nested.zip')})
    zip_of('clean/source.zip', {'src/main.py': b'import torch\nmodel = torch.load("m.pt")\n', 'README.md': b'hi\n'})
    tar_of('clean/source.tar.gz', {'pkg/app.py': b'import pickle\nprint(pickle)\n'}, 'w:gz')
    zip_of('bomb.zip', {'zeros.bin': b'\0' * (8 * 1024 * 1024)})
    write('faiss.bz2', bz2.compress(read('hnsw.faiss')))
    write('onnx.xz', lzma.compress(read('meta.onnx')))
    zeros = bytes(200 * 1024 * 1024)  # bombs: 200 MiB of zeros pack to about 30 KB
    write('bomb_200m.xz', lzma.compress(zeros, preset=9))
    write('bomb_200m.lzma', lzma.compress(zeros, format=lzma.FORMAT_ALONE, preset=9))
    write('bomb_200m.bz2', bz2.compress(zeros, 9))  # a few hundred bytes
    write('truncated/knn_p4_head.pkl', read('knn_p4.pkl')[:300])
    write('truncated/state_dict_head.pt', read('state_dict.pt')[:200])
    write('truncated/datasets_head.gguf', read('datasets.gguf')[:70])


def matlab_v4_bytes(name, rows, cols):
    """MATLAB v4 .mat: int32 type (0 = little-endian full double), mrows, ncols, imagf, namlen; name; doubles."""
    values = [float(i) for i in range(rows * cols)]
    header = struct.pack('<5i', 0, rows, cols, 0, len(name) + 1)
    return header + name.encode() + b'\0' + struct.pack(f'<{len(values)}d', *values)


def make_matlab():
    # A 1-row matrix: bytes 1-4 of the header read as a 16 MiB power of two, like an LZMA-alone dictionary size.
    write('clean/row.mat', matlab_v4_bytes('x', 1, 5))
    write('clean/matrix.mat', matlab_v4_bytes('m', 4, 3))


def make_clean():
    write('clean/site.pth', b'import sys; sys.path.insert(0, "/opt/lib")\n../shared/lib\n')
    write('clean/notebook.ipynb', json.dumps({'cells': [{'cell_type': 'code', 'source': ['import torch']}],
                                               'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}).encode())
    write('clean/app.log.gz', gzip.compress(b'2024-01-01 INFO started\n' * 40, mtime=0))
    write('clean/random.bin', bytes(RNG.integers(0, 256, 2048, dtype=np.uint8)))
    write('clean/short.txt', b'I1\n.')
    write('clean/notes.txt', b'(see below)\nplease read lp0 carefully.\n')
    write('clean/data.json', b'{"rows": [1, 2, 3]}')
    write('clean/photo.jpg', b'\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00' + b'\0' * 64 + b'\xff\xd9')
    import sqlite3
    path = out('clean/app.sqlite')
    if os.path.exists(path):
        os.remove(path)
    con = sqlite3.connect(path)
    con.execute('create table t (a int)')
    con.commit()
    con.close()
    write('lfs/model.safetensors', b'version https://git-lfs.github.com/spec/v1\n'
          b'oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345678\n')
    write('lfs/index.faiss', read('lfs/model.safetensors'))


def main():
    os.makedirs(OUT, exist_ok=True)
    knn = make_pickles()
    make_joblib(knn)
    make_numpy()
    make_torch()
    make_faiss()
    make_hnswlib()
    make_spec_indexes()
    make_weight_formats()
    make_onnx()
    make_hdf5()
    make_archives()
    make_clean()
    make_matlab()
    print('fixtures written to', os.path.normpath(OUT), file=sys.stderr)


if __name__ == '__main__':
    main()
