// Where objects are going, matched against a label's `allowed_destinations` (remote URL globs and
// repository visibilities), and shown without the credentials a URL may carry. Pure.
import { minimatch } from 'minimatch'
import { VISIBILITIES, type Destination } from '../types.js'

const URL_GLOB = { dot: true, nocomment: true, nonegate: true, nocase: true }

/** `scheme://userinfo@`: the scheme and what stands before the host, which may hold a credential. */
const SCHEME_AND_USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)@/i

/** `ssh://git@host` names a user, no secret; any other user info (or a token as the user) may be one. */
function namesNoSecret(scheme: string, userinfo: string): boolean {
  return /^ssh:/i.test(scheme) && !userinfo.includes(':')
}

/** Drops credentials from a remote URL before it is printed: `https://***@host`, `?token=***`. */
export function redactUrl(url: string): string {
  return url
    .replace(
      SCHEME_AND_USERINFO,
      (_match, scheme: string, userinfo: string) => `${scheme}${namesNoSecret(scheme, userinfo) ? userinfo : '***'}@`
    )
    .replace(/([?&][^=&#]*=)[^&#]*/g, '$1***')
}

/**
 * A URL as globs are written against it: no credentials (an `https://user:token@` prefix, a token
 * as the user name), no query; `ssh://git@` and scp-like `git@host:` keep their user, which names
 * no secret.
 */
export function comparableUrl(url: string): string {
  return url
    .replace(SCHEME_AND_USERINFO, (match, scheme: string, userinfo: string) =>
      namesNoSecret(scheme, userinfo) ? match : scheme
    )
    .replace(/[?#].*$/, '')
}

/** `https://github.com/acme/x (public)`, `a private repository`, `an unknown destination`. */
export function describeDestination(destination: Destination | undefined): string {
  const url = destination?.url === undefined ? undefined : redactUrl(destination.url)
  const visibility = destination?.visibility
  if (url !== undefined) return visibility ? `${url} (${visibility})` : url
  return visibility ? `a ${visibility} repository` : 'an unknown destination'
}

/** The first of `allowed` the destination matches: its visibility by name, or its URL (with or without `.git`) by glob. */
export function allowedBy(allowed: string[], destination: Destination | undefined): string | null {
  if (destination === undefined) return null
  const url = destination.url === undefined ? undefined : comparableUrl(destination.url)
  const urls = url === undefined ? [] : [url, url.replace(/\.git\/?$/i, '')]
  for (const entry of allowed) {
    if ((VISIBILITIES as readonly string[]).includes(entry)) {
      if (destination.visibility === entry) return entry
    } else if (urls.some((candidate) => minimatch(candidate, comparableUrl(entry), URL_GLOB))) return entry
  }
  return null
}
