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


if __name__ == '__main__':
    make_broken_streams()
