#!/usr/bin/python3
"""7z and RAR fixtures (issue #10 §1: "7z and rar listed where the header allows"), and a zip
appended after more than the 64 KiB head (read from the blob's tail).

7z: written by the real 7z CLI (p7zip-full) and by py7zr (`/usr/bin/python3`, Debian's python3-py7zr).
RAR: no RAR writer exists here (`rar` is non-free and not in the archive; unrar-free and 7z only
read RAR), so the RAR files are written byte for byte from rarlab's published layouts (RAR 5.0
archive format; RAR 1.5-4.x technote) and checked by reading them back with unrar-free and 7z.
"""
import importlib.util
import os
import struct
import subprocess
import tempfile
import zlib

_spec = importlib.util.spec_from_file_location(
    'tolerance', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'make-fixtures-tolerance.py'))
tolerance = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tolerance)
read, write, out, seven_zip = tolerance.read, tolerance.write, tolerance.out, tolerance.seven_zip

README = b'# Release notes\n\nNothing to see here: configuration and docs only.\n'
CONFIG = b'{"learning_rate": 0.1, "epochs": 3}\n'


# ---------------------------------------------------------------- 7z
def make_7z():
    knn = read('knn_p4.pkl')
    model_tree = {'models/knn.pkl': knn, 'README.md': README}
    docs_tree = {'README.md': README, 'conf/train.json': CONFIG}
    # -mhc=off: the header is stored plain; -mx=0: members use the Copy coder.
    write('archives/copy.7z', seven_zip(['-t7z', '-mhc=off', '-mx=0'], model_tree))
    write('archives/docs_copy.7z', seven_zip(['-t7z', '-mhc=off', '-mx=0'], docs_tree))
    # A plain header over LZMA2 members: names listed, content not decoded.
    write('archives/lzma_names.7z', seven_zip(['-t7z', '-mhc=off'], {'weights/net.pt': knn, 'README.md': README}))
    write('archives/docs_lzma.7z', seven_zip(['-t7z', '-mhc=off'], docs_tree))
    # 7z's default: the header itself LZMA-compressed (kEncodedHeader).
    write('archives/default.7z', seven_zip(['-t7z'], model_tree))
    # Encrypted members under a plain header (names listed), and an encrypted header (nothing listed).
    write('archives/aes_members.7z', seven_zip(['-t7z', '-mhc=off', '-mx=0', '-psecret'], model_tree))
    write('archives/aes_header.7z', seven_zip(['-t7z', '-mhe=on', '-psecret'], model_tree))
    write('archives/py7zr_copy.7z', py7zr_archive(model_tree, copy=True, encoded_header=False))
    write('archives/py7zr_default.7z', py7zr_archive(model_tree, copy=False, encoded_header=True))


def py7zr_archive(members, copy, encoded_header):
    import py7zr
    with tempfile.TemporaryDirectory() as tmp:
        target = os.path.join(tmp, 'out.7z')
        filters = [{'id': py7zr.FILTER_COPY}] if copy else None
        with py7zr.SevenZipFile(target, 'w', filters=filters) as archive:
            archive.encoded_header_mode = encoded_header
            for i, (name, data) in enumerate(members.items()):
                source = os.path.join(tmp, f'member{i}')
                with open(source, 'wb') as f:
                    f.write(data)
                os.utime(source, (1_700_000_000, 1_700_000_000))
                archive.write(source, name)
        with open(target, 'rb') as f:
            return f.read()


# ---------------------------------------------------------------- RAR5 (rarlab "RAR 5.0 archive format")
RAR5_SIGNATURE = b'Rar!\x1a\x07\x01\x00'


def vint(n):
    """RAR5's variable-length integer: 7 bits a byte, low first, high bit = more."""
    out = bytearray()
    while True:
        byte, n = n & 0x7f, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def rar5_block(kind, fields, data=b'', flags=0):
    """CRC32, header size, then type, flags, data size (when there is data) and the type's fields."""
    if data:
        flags |= 0x0002
    header = vint(kind) + vint(flags) + (vint(len(data)) if data else b'') + fields
    sized = vint(len(header)) + header
    return struct.pack('<I', zlib.crc32(sized)) + sized + data


def rar5_file(name, data, method=0):
    """A file header: flags (CRC32 present), size, attributes, CRC, compression info, host OS (Unix), name."""
    raw = name.encode()
    compression = method << 7
    fields = (vint(0x0004) + vint(len(data)) + vint(0o100644) + struct.pack('<I', zlib.crc32(data))
              + vint(compression) + vint(1) + vint(len(raw)) + raw)
    return rar5_block(2, fields, data)


def rar5(members, method=0):
    main = rar5_block(1, vint(0))  # archive flags: none
    end = rar5_block(5, vint(0))   # end of archive flags: not the last volume... 0 = last
    return RAR5_SIGNATURE + main + b''.join(rar5_file(n, d, method) for n, d in members.items()) + end


def rar5_encrypted_headers():
    """An archive encryption header (type 4: AES-256, salt, no check value): every header after it is encrypted."""
    fields = vint(0) + vint(0) + bytes([15]) + bytes(range(16))
    return RAR5_SIGNATURE + rar5_block(4, fields) + os.urandom(64)


# ---------------------------------------------------------------- RAR 1.5-4.x (rarlab technote)
def rar4_block(kind, flags, fields, data=b''):
    size = 7 + len(fields)
    body = bytes([kind]) + struct.pack('<HH', flags, size) + fields
    return struct.pack('<H', zlib.crc32(body) & 0xffff) + body + data


def rar4_file(name, data):
    """LONG_BLOCK file header: packed and unpacked sizes, host OS (Unix), CRC, DOS time, version 2.0, method store."""
    raw = name.encode()
    fields = (struct.pack('<IIBIIBBHI', len(data), len(data), 3, zlib.crc32(data), 0x5a210000, 20, 0x30,
                          len(raw), 0o100644) + raw)
    return rar4_block(0x74, 0x8000, fields, data)


def rar4(members):
    marker = b'Rar!\x1a\x07\x00'
    main = rar4_block(0x73, 0, bytes(6))
    end = rar4_block(0x7b, 0x4000, b'')
    return marker + main + b''.join(rar4_file(n, d) for n, d in members.items()) + end


def make_rar():
    knn = read('knn_p4.pkl')
    models = {'models/knn.pkl': knn, 'README.md': README}
    docs = {'README.md': README, 'conf/train.json': CONFIG}
    write('archives/stored.rar', checked(models, rar5(models)))
    write('archives/docs_stored.rar', checked(docs, rar5(docs)))
    write('archives/stored_v4.rar', checked(models, rar4(models)))
    # Members declared compressed (method 3): names are listed; the data is a placeholder, so only listing works.
    names_only = rar5({'weights/net.pt': b'\x00' * 64, 'README.md': b'\x00' * 16}, method=3)
    assert listed(names_only) == ['weights/net.pt', 'README.md']
    write('archives/compressed_names.rar', names_only)
    write('archives/encrypted_headers.rar', rar5_encrypted_headers())
    stored = read('archives/stored.rar')
    write('archives/corrupt_header.rar', stored[:30] + bytes([stored[30] ^ 0xff]) + stored[31:])


def listed(data):
    """Member names as unrar-free lists them."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'a.rar')
        with open(path, 'wb') as f:
            f.write(data)
        text = subprocess.run(['unrar-free', '-t', path], capture_output=True, text=True, check=True).stdout
    rows = text.split('-' * 46)[1]  # a name row starts with one space, its size row with many
    return [line[1:] for line in rows.splitlines() if line.startswith(' ') and not line.startswith('  ')]


def checked(members, data):
    """The archive extracts to exactly these members with both unrar-free and 7z."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'a.rar')
        with open(path, 'wb') as f:
            f.write(data)
        os.makedirs(os.path.join(tmp, 'unrar'))
        subprocess.run(['unrar-free', '-x', path, os.path.join(tmp, 'unrar') + '/'], check=True, capture_output=True)
        subprocess.run(['7z', 'x', '-bd', '-bso0', f'-o{tmp}/7z', path], check=True)
        for tool in ('unrar', '7z'):
            assert extracted(os.path.join(tmp, tool)) == members, tool
    return data


def extracted(root):
    found = {}
    for folder, _, names in os.walk(root):
        for name in names:
            with open(os.path.join(folder, name), 'rb') as f:
                found[os.path.relpath(os.path.join(folder, name), root)] = f.read()
    return found


# ---------------------------------------------------------------- a zip after more than the head (#10 §1)
def make_polyglots():
    """A real PNG (Pillow, noise: 77 KB, more than the 64 KiB head) with a Keras v3 zip appended."""
    import io
    import random
    import zipfile
    from PIL import Image
    rng = random.Random(10)
    image = Image.frombytes('RGB', (160, 160), bytes(rng.getrandbits(8) for _ in range(160 * 160 * 3)))
    png = io.BytesIO()
    image.save(png, format='PNG')
    assert png.tell() > 64 * 1024
    data = png.getvalue() + read('tiny.keras')
    # Python's zipfile (what Keras 3 and skops open a file with) finds the zip by its end record.
    assert zipfile.ZipFile(io.BytesIO(data)).namelist() == ['metadata.json', 'config.json', 'model.weights.h5']
    assert Image.open(io.BytesIO(data)).size == (160, 160)
    write('polyglot/keras_after.png', data)


if __name__ == '__main__':
    make_7z()
    make_rar()
    make_polyglots()
