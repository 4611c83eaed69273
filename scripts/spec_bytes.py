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
