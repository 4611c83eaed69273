/** An exit code of 2 is always this. */
const ERROR_EXIT = '2 usage, registry or git error';
/** A command that writes something rather than judging. */
const WRITES = `0 done, ${ERROR_EXIT}`;
/** A switch. */
const flag = (help) => ({ type: 'boolean', help });
/** An option with a value, called `value` in help. */
const valued = (value, help) => ({ type: 'string', value, help });
const REGISTRY = valued('FILE', 'the registry (default .model-registry.yml at the top of the working tree; built-in defaults when absent)');
const DIRECTORY = {
    type: 'string',
    short: 'C',
    value: 'DIR',
    help: 'run in DIR, like git -C'
};
const QUIET = flag('print nothing but the coverage line when it passes');
/** REV... as git rev-list takes them, and what they mean to the command. */
function revisions(meaning) {
    return [
        'REV...',
        `${meaning}; as git rev-list takes them (main..feature, A ^B), with --not, --all, --branches, --tags, ` +
            '--remotes[=NAME] and --ignore-missing in place among them'
    ];
}
const scan = {
    name: 'scan',
    summary: 'scan what a push of REVs would send (default: HEAD --not --remotes)',
    usage: 'scan [REV...] [options]',
    operands: [
        revisions('what a push of these would send (default HEAD --not --remotes: what the branch would push)'),
        ['PATH...', 'with --staged: the index’s files at these paths (what the pre-commit framework passes)']
    ],
    revisions: true,
    options: {
        all: flag("every ref's history (an audit)"),
        staged: flag('what the next commit adds (the index), before it is committed'),
        gitlab: flag("this GitLab CI pipeline's range: a merge request's changes, or a push's (a shallow clone is deepened)"),
        registry: REGISTRY,
        format: valued('text|json|sarif|codequality', "the report's format (default text; codequality: GitLab's merge request widget)"),
        output: valued('FILE', 'write the report to FILE (the text summary still goes to stdout)'),
        quiet: QUIET,
        C: DIRECTORY
    },
    examples: ['model-leak-guard scan', 'model-leak-guard scan origin/main..HEAD --format sarif --output scan.sarif']
};
const init = {
    name: 'init',
    summary: 'propose a .model-registry.yml from what the history holds',
    usage: 'init [options]',
    operands: [],
    options: {
        force: flag('replace an existing registry (never replaced without it)'),
        output: valued('FILE', 'write the proposal to FILE (default .model-registry.yml at the top)'),
        C: DIRECTORY
    },
    examples: ['model-leak-guard init && model-leak-guard validate-registry'],
    exits: WRITES
};
const validateRegistry = {
    name: 'validate-registry',
    summary: 'check a registry file; prints ok or every error',
    usage: 'validate-registry [FILE]',
    operands: [['FILE', 'the registry (default: .model-registry.yml at the top of the working tree, from any folder)']],
    options: {},
    examples: ['model-leak-guard validate-registry', 'model-leak-guard validate-registry policies/registry.yml'],
    exits: `0 valid, ${ERROR_EXIT} (every registry error, each at FILE:LINE:COL)`
};
const prePush = {
    name: 'pre-push',
    summary: "git's pre-push hook (install-hook writes it): exit 1 stops the push",
    usage: 'pre-push <remote-name> <remote-url> [options]   (ref lines on stdin, as git gives them)',
    operands: [
        ['<remote-name>', 'the remote git pushes to (git passes it)'],
        ['<remote-url>', 'its URL (git passes it); credentials in it are never printed']
    ],
    options: {
        registry: { ...REGISTRY, help: "judge by FILE instead of the registry on the destination's default branch" },
        quiet: flag('print nothing when the push passes'),
        C: DIRECTORY
    },
    examples: ['model-leak-guard install-hook   # writes the hook that runs: model-leak-guard pre-push "$@"']
};
const preCommitPush = {
    name: 'pre-commit-push',
    summary: "the pre-commit framework's pre-push stage: the ref pre-commit names (PRE_COMMIT_* variables)",
    usage: 'pre-commit-push [options]   (run by the pre-commit framework: .pre-commit-hooks.yaml)',
    operands: [],
    options: { registry: prePush.options.registry, C: DIRECTORY },
    examples: ['pre-commit install --hook-type pre-commit --hook-type pre-push   # then every git push runs it']
};
const preReceive = {
    name: 'pre-receive',
    summary: 'server pre-receive hook; exit 1 rejects the push',
    usage: 'pre-receive [options]   (in a server repository; ref lines on stdin, as git gives them)',
    operands: [],
    options: {
        registry: { ...REGISTRY, help: "judge every ref by FILE (default: the registry on the server's default branch)" },
        quiet: flag('print nothing when the push passes'),
        url: valued('URL', "this server's URL, for labels' allowed_destinations"),
        visibility: valued('public|private|internal', "this repository's visibility, for labels' allowed_destinations")
    },
    examples: ['exec model-leak-guard pre-receive --url https://git.example.com/org/repo --visibility private']
};
const installHook = {
    name: 'install-hook',
    summary: 'install the pre-push hook: runs the tool it finds and checks now; idempotent, chains an existing hook',
    usage: 'install-hook [options]',
    operands: [],
    options: {
        husky: flag('write .husky/pre-push (husky 9) instead of the hooks directory git uses'),
        command: valued('CMD', 'what the hook runs to reach model-leak-guard (default: found now, and checked by running it)'),
        C: DIRECTORY
    },
    examples: ['npx model-leak-guard install-hook', 'npx model-leak-guard install-hook --husky'],
    exits: `0 installed (or already), ${ERROR_EXIT} (no hook written)`
};
const explain = {
    name: 'explain',
    summary: 'how one artifact is judged: detection, every provenance source, the deciding rule',
    usage: 'explain PATH [REV] [options]',
    operands: [
        ['PATH', 'the artifact (relative to the current directory)'],
        ['REV', 'the revision to read it at (default: the working tree, staged or not)']
    ],
    options: { registry: REGISTRY, C: DIRECTORY },
    examples: ['model-leak-guard explain models/knn.joblib', 'model-leak-guard explain models/risk.pt HEAD~2']
};
const inventory = {
    name: 'inventory',
    summary: 'every model with its datasets, labels, lineage and verdict: a CycloneDX 1.6 ML-BOM (default: what HEAD holds)',
    usage: 'inventory [REV...] [options]',
    operands: [revisions('every model their history introduced (default: what HEAD holds, a snapshot)')],
    revisions: true,
    options: {
        all: flag("every model every ref's history introduced"),
        at: valued('REV', 'what REV holds (a tag, a branch, a commit), instead of HEAD'),
        format: valued('cyclonedx|json', 'a CycloneDX 1.6 ML-BOM (default) or the inventory JSON'),
        output: valued('FILE', 'write it to FILE (a summary line goes to stdout)'),
        registry: REGISTRY,
        C: DIRECTORY
    },
    examples: ['model-leak-guard inventory --output ml-bom.json', 'model-leak-guard inventory --at v1.2.0 --format json'],
    exits: `0 written, whatever the verdicts; ${ERROR_EXIT}`
};
const baseline = {
    name: 'baseline',
    summary: 'record the artifacts in every ref today, so the gate blocks only new ones',
    usage: 'baseline [options]',
    operands: [],
    options: {
        output: valued('FILE', 'where to write it (default .model-baseline.yml beside the registry)'),
        registry: REGISTRY,
        C: DIRECTORY
    },
    examples: ['model-leak-guard baseline && git add .model-baseline.yml'],
    exits: WRITES
};
const demo = {
    name: 'demo',
    summary: 'scan a throwaway demo repository (what `npm start` runs)',
    usage: 'demo [options]',
    operands: [],
    options: { keep: flag('keep the demo repository (its path is printed) to look around') },
    examples: ['model-leak-guard demo --keep'],
    exits: `0 the demo showed the blocked push, ${ERROR_EXIT}`
};
/** In the order `--help` lists them. */
const SPECS = {
    scan,
    init,
    'validate-registry': validateRegistry,
    'pre-push': prePush,
    'pre-commit-push': preCommitPush,
    'pre-receive': preReceive,
    'install-hook': installHook,
    explain,
    inventory,
    baseline,
    demo
};

export { SPECS as S };
