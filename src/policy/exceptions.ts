// Exceptions a person made for one artifact, by its blob id: a waiver (until it expires) and the
// baseline (what the repository held when the gate was turned on). Both are read only from the
// trusted registry, so a push cannot except itself. Pure.
import { Registry } from '../registry/registry.js'
import type { Baseline } from '../registry/baseline.js'
import type { Waiver } from '../registry/schema.js'
import type { Finding, Place, Verdict } from '../types.js'

/** What an exception did to a verdict that was not a pass. */
export interface Exception {
  verdict: Verdict
  reason: string
  fix?: string
}

/** A waiver for these bytes (and, when it names one, this path), if the registry has one. */
export function waiverFor(waivers: Waiver[], blob: string, places: Place[]): Waiver | undefined {
  return waivers.find(({ blob: id, path: glob }) => {
    if (blob !== id) return false
    return glob === undefined || places.some((p) => Registry.matchesAnyGlob(p.path, [glob]))
  })
}

/**
 * A waiver counts until the day before `expires`; from that day it blocks, so an exception lapses
 * loudly instead of silently turning into a pass or a warning.
 */
export function applyWaiver(waiver: Waiver, today: string, editableFile: string): Exception {
  const who = `approved by ${waiver.approved_by}: ${waiver.reason}`
  if (today >= waiver.expires)
    return {
      verdict: 'block',
      reason: `waiver expired on ${waiver.expires} (${who})`,
      fix: `renew the waiver (a later expires:) in ${editableFile}, or take the file out`
    }
  return { verdict: 'pass', reason: `waived until ${waiver.expires} (${who})` }
}

/** An artifact the baseline recorded passes: it was already here when the gate was turned on. */
export function baselineException(baseline: Baseline | null, blob: string): Exception | null {
  const entry = baseline?.entry(blob)
  if (!baseline || !entry) return null
  return {
    verdict: 'pass',
    reason: `in the baseline ${baseline.file} (recorded ${baseline.recorded}): already in the repository when the gate was turned on`
  }
}

/** Waivers whose bytes are in none of the findings: their model changed or is gone, or it is not in this scan. */
export function staleWaivers(waivers: Waiver[], findings: Finding[]): string[] {
  return waivers.flatMap((waiver, index) =>
    findings.some((f) => f.blob === waiver.blob)
      ? []
      : [
          `stale waiver: waivers[${index}] (blob ${waiver.blob.slice(0, 12)}${waiver.path ? `, ${waiver.path}` : ''}, expires ${waiver.expires}) matches no artifact in this scan`
        ]
  )
}
