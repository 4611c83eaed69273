// What the Action says when the GitHub API refuses it, in-process: the HTTP status read from
// Octokit's own RequestError (as the real Octokit throws it), turned into advice on the token.
import { describe, expect, test } from '@jest/globals'
import { RequestError } from '@octokit/request-error'
import { httpStatusOf, octokitFor } from '../../src/action/api.js'
import { refusalMessage } from '../../src/action/central-registry.js'
import { commentFailure } from '../../src/action/comment.js'
import { ScanError } from '../../src/errors.js'

const central = { owner: 'acme', repo: 'policies', path: 'ml.yml', ref: 'main' }

function refused(status: number): RequestError {
  return new RequestError(`HttpError ${status}`, status, {
    request: { method: 'GET', url: 'https://api.github.com/repos/acme/policies/contents/ml.yml', headers: {} }
  })
}

test('the status of a RequestError, and none for an error that is not one (even with a status field)', () => {
  expect(httpStatusOf(refused(404))).toBe(404)
  expect(httpStatusOf(Object.assign(new Error('fetch failed'), { status: 404 }))).toBeUndefined()
  expect(httpStatusOf('404')).toBeUndefined()
})

describe('a central registry the API refuses', () => {
  const TOKEN =
    'give registry-token a token that can read it (a GitHub App installation token or a fine-grained PAT with contents: read)'
  test.each([
    [401, `the token was refused (401); ${TOKEN}`],
    [403, `access denied (403); ${TOKEN}`],
    [
      404,
      'not found (404). Check the repository, path and ref; a private repository also reads as not found unless registry-token can read it'
    ]
  ])('%i', (status, advice) => {
    expect(refusalMessage(central, refused(status))).toBe(
      `cannot read the central registry ml.yml in acme/policies at main: ${advice}`
    )
  })

  test('an error without an answer says what failed', () => {
    expect(refusalMessage(central, new Error('getaddrinfo ENOTFOUND ghes.example'))).toBe(
      'cannot read the central registry ml.yml in acme/policies at main: getaddrinfo ENOTFOUND ghes.example'
    )
  })
})

test('a comment refused with 403 names the permission; another failure says what failed', () => {
  const pr = { owner: 'acme', repo: 'app', number: 7 }
  expect(commentFailure(pr, refused(403))).toBe(
    'cannot comment on pull request #7 (403): give the workflow `permissions: pull-requests: write`'
  )
  expect(commentFailure(pr, refused(500))).toBe('cannot comment on pull request #7: HttpError 500')
})

test('an empty token is a ScanError, not Octokit throwing a bug', () => {
  expect(() => octokitFor({ token: '', apiUrl: 'https://api.github.com' })).toThrow(ScanError)
})
