// Headers in every layout the reference loaders accept (#10 §1), each also under a neutral name.
import { describe, expect, it } from '@jest/globals'
import { detectFixture } from './helpers.js'

describe('headers as tolerant as the loaders', () => {
  it.each([
    ['tolerant/whitespace.safetensors', 'safetensors', 'weights'],
    ['tolerant/graph_first.onnx', 'onnx', 'weights'],
    ['tolerant/structured_objects.npy', 'pickle', 'data'],
    ['tolerant/keras_latest.h5', 'keras-h5', 'weights'],
    ['tolerant/keras_userblock.h5', 'keras-h5', 'weights'],
    ['tolerant/keras_track_order.h5', 'keras-h5', 'weights']
  ])('%s is %s / %s', async (name, format, kind) => {
    for (const path of [name, 'neutral']) {
      expect(await detectFixture(name, { path })).toEqual([expect.objectContaining({ member: null, format, kind })])
    }
  })

  it('safetensors with newlines and tabs in its header still gives its metadata', async () => {
    const [found] = await detectFixture('tolerant/whitespace.safetensors')
    expect(found.detail.metadata).toEqual({ training_datasets: 'clinic/visits' })
  })

  it('ONNX with the graph first and a field this version does not know keeps its metadata', async () => {
    const [found] = await detectFixture('tolerant/graph_first.onnx')
    expect(found.detail).toMatchObject({ irVersion: 8, nodeCount: 1, metadata: { owner: 'ml-team' } })
  })
})
