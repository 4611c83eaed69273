"""Byte-exact writers for formats whose published layout is simple enough to write without the
library: shared by make-fixtures.py and make-provenance-fixtures.py."""
import json
import struct

import numpy as np


def safetensors(metadata):
    """u64 LE header length, JSON header (padded with spaces to 8 bytes), then the tensor bytes."""
    tensor = np.arange(6, dtype='<f4').tobytes()
    header = {'__metadata__': metadata, 'w': {'dtype': 'F32', 'shape': [2, 3], 'data_offsets': [0, len(tensor)]}}
    text = json.dumps(header, separators=(',', ':')).encode()
    text += b' ' * (-len(text) % 8)
    return struct.pack('<Q', len(text)) + text + tensor


def gguf_string(s):
    """A GGUF string: u64 LE length, then the UTF-8 bytes."""
    b = s.encode()
    return struct.pack('<Q', len(b)) + b


def varint(n):
    """A protobuf / LevelDB unsigned varint."""
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def pb_field(num, payload):
    """A protobuf field: an int as a varint (wire 0), str/bytes length-delimited (wire 2)."""
    if isinstance(payload, int):
        return varint(num << 3) + varint(payload)
    if isinstance(payload, str):
        payload = payload.encode()
    return varint(num << 3 | 2) + varint(len(payload)) + payload


def crc32c(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def masked_crc32c(data):
    """LevelDB's (and TensorFlow's) masked CRC32C of a block or a tensor."""
    c = crc32c(data)
    return ((((c >> 15) | (c << 17)) & 0xFFFFFFFF) + 0xA282EAD8) & 0xFFFFFFFF


def leveldb_block(entries, restart_interval=16):
    """A table block: prefix-compressed entries (shared, unshared, value length, key delta, value), restart offsets."""
    out, restarts, last = bytearray(), [], b''
    for i, (key, value) in enumerate(entries):
        shared = 0
        if i % restart_interval == 0:
            restarts.append(len(out))
        else:
            while shared < min(len(key), len(last)) and key[shared] == last[shared]:
                shared += 1
        out += varint(shared) + varint(len(key) - shared) + varint(len(value)) + key[shared:] + value
        last = key
    for offset in restarts or [0]:
        out += struct.pack('<I', offset)
    return bytes(out + struct.pack('<I', len(restarts or [0])))


def leveldb_table(entries):
    """A table as TensorFlow's table_builder writes it for a bundle: one uncompressed data block, an
    empty metaindex block, the index block (each with its type byte and masked CRC32C), the footer
    (two block handles padded to 40 bytes, then the magic 0xdb4775248b80fb57)."""
    out = bytearray()

    def block(contents):
        handle = varint(len(out)) + varint(len(contents))
        out.extend(contents + b'\0' + struct.pack('<I', masked_crc32c(contents + b'\0')))
        return handle

    data = block(leveldb_block(entries))
    metaindex = block(leveldb_block([]))
    last = entries[-1][0]
    successor = bytes([last[0] + 1]) if last and last[0] < 0xFF else last
    index = block(leveldb_block([(successor, data)]))
    return bytes(out + (metaindex + index).ljust(40, b'\0') + struct.pack('<Q', 0xDB4775248B80FB57))


def tensor_bundle(tensors):
    """A TensorBundle as tf.train.Checkpoint / SavedModel write it: (`.index` table, data shard).
    The index maps "" to the BundleHeaderProto (num_shards 1, little-endian, version producer 1) and
    each tensor name (sorted) to a BundleEntryProto (dtype, shape, offset, size, masked crc32c).
    tensors: [(name, DataType enum, shape, raw bytes)]."""
    entries = [(b'', pb_field(1, 1) + pb_field(3, pb_field(1, 1)))]
    data = bytearray()
    for name, dtype, shape, raw in sorted(tensors):
        dims = b''.join(pb_field(2, pb_field(1, d)) for d in shape)
        entry = pb_field(1, dtype) + pb_field(2, dims) + (pb_field(4, len(data)) if data else b'')
        entry += pb_field(5, len(raw)) + varint(6 << 3 | 5) + struct.pack('<I', masked_crc32c(raw))
        entries.append((name.encode(), entry))
        data += raw
    return leveldb_table(entries), bytes(data)
