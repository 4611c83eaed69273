// Revision ranges named for what they select, so code outside src/range asks in words instead of
// writing `git rev-list` syntax (which scan() and `scan REV...` take, checked by leaving.ts).
/** What a push of HEAD would send: the commits no remote-tracking branch has. */
function unpushed() {
    return ['HEAD', '--not', '--remotes'];
}
/** Every ref's history, and any further revisions. */
function everyRef(...more) {
    return ['--all', ...more];
}
/** What `head` has that none of `excluded` has (`head --not A B`). */
function excluding(head, excluded) {
    return [head, '--not', ...excluded];
}

export { excluding as a, everyRef as e, unpushed as u };
