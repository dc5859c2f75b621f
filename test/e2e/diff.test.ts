/**
 * `nilecare-lint diff` on a scratch repository whose commits each make one architectural change:
 * the report names exactly that change, in every format, with the exit code --fail-on gives.
 */
import { chmodSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderDiff } from '../../src/commands/diff-render.js';
import { linkTarget, type DiffReport } from '../../src/commands/diff-report.js';
import { changedBetween, gitObjectsTree } from '../../src/discovery/git-tree.js';
import { tempDir } from '../temp-dirs.js';
import { cli, writeFile } from '../workflow/helpers.js';
import { commits, gitAt, scenarioRepo } from './diff-scenario.js';

let root = '';
let sha: Record<string, string> = {};

beforeAll(() => {
  ({ root, sha } = scenarioRepo());
});

/** Each test lints two states of a repository (or more): seconds apiece on a loaded machine. */
const TWO_STATES = 120_000;

/** The diff between a commit and the one before it, in one format. */
const diff = (name: string, format: string, ...extra: string[]) => {
  const index = commits.findIndex(([n]) => n === name);
  return cli(root, ['diff', commits[index - 1][0], name, '--format', format, ...extra]);
};

/**
 * All three formats of one change, each exactly. The CLI computes the report once and `--format`
 * only chooses its rendering (the exit code comes from the verdict): one run in JSON, whose
 * report the other two formats render as the CLI would with no link variables set. The CLI's own
 * stylish and markdown output is checked below (the working tree, the links).
 */
async function formats(name: string) {
  const json = await diff(name, 'json');
  expect(json.stderr).toBe('');
  const report = JSON.parse(json.stdout) as DiffReport;
  expect(json.code).toBe(report.verdict.fails ? 1 : 0);
  const links = linkTarget({}, report, '');
  return { code: json.code, stylish: renderDiff(report, 'stylish', links), markdown: renderDiff(report, 'markdown', links), json: report };
}

describe('diff: one architectural change per commit', () => {
  it(
    'a new cross-service query',
    async () => {
      const out = await formats('query');
      expect(out.code).toBe(1);
      expect(out.stylish).toMatchInlineSnapshot(`
      "nilecare-lint diff: base (ede794ac4d67) → query (2673e731b087)

      ✖ This change adds 1 cross-service edge; findings +1 −0.
        The check fails (--fail-on added-edges): 1 new cross-service edge.

      Added cross-service edges
        + billing → payment_payments (owner payment)  query ×1
            services/billing/src/repo.ts:1:55

      Findings: +1 −0
        rule no-cross-service-query: +1 −0
        service billing: +1 −0

      New findings
        services/billing/src/repo.ts:1:55  error  Service 'billing' reads table 'payment_payments' owned by service 'payment'.  no-cross-service-query
      "
    `);
      expect(out.markdown).toMatchInlineSnapshot(`
      "### ❌ nilecare-lint: this change adds 1 cross-service edge

      Compared \`base (ede794ac4d67)\` (base) with \`query (2673e731b087)\` (head); findings +1 −0. The check fails (--fail-on added-edges): 1 new cross-service edge.

      #### Added cross-service edges

      | Accessor | Table | Owner | Kind | Accesses | Where |
      | --- | --- | --- | --- | --- | --- |
      | \`billing\` | \`payment_payments\` | \`payment\` | query | 1 | [\`services/billing/src/repo.ts:1\`](services/billing/src/repo.ts#L1) |

      #### Findings

      | Rule | Added | Removed |
      | --- | --- | --- |
      | \`no-cross-service-query\` | 1 | 0 |

      | Service | Added | Removed |
      | --- | --- | --- |
      | \`billing\` | 1 | 0 |

      <details><summary>New findings (1)</summary>

      - [\`services/billing/src/repo.ts:1\`](services/billing/src/repo.ts#L1) \`no-cross-service-query\`: Service 'billing' reads table 'payment\\_payments' owned by service 'payment'.

      </details>

      #### Graph

      Added edges are green, removed ones red and dashed.

      \`\`\`mermaid
      flowchart LR
        subgraph g0["billing"]
          s0(["billing"])
        end
        subgraph g1["payment"]
          s1(["payment"])
          t0[("payment_payments")]
        end
        s0 -->|"query ×1"| t0
        linkStyle 0 stroke:#1a7f37,stroke-width:2px
      \`\`\`
      "
    `);
      expect(out.json).toMatchInlineSnapshot(`
      {
        "base": {
          "commit": "ede794ac4d67f791a1d11c7b47e06980eef30ae2",
          "ref": "base",
        },
        "edges": {
          "added": [
            {
              "added": [
                {
                  "column": 55,
                  "file": "services/billing/src/repo.ts",
                  "line": 1,
                  "suppressed": false,
                },
              ],
              "baseCount": 0,
              "from": "billing",
              "headCount": 1,
              "kind": "query",
              "owner": "payment",
              "removed": [],
              "suppressed": false,
              "table": "payment_payments",
            },
          ],
          "changed": [],
          "removed": [],
          "renamed": [],
        },
        "findings": {
          "added": [
            {
              "column": 55,
              "file": "services/billing/src/repo.ts",
              "fingerprint": "239963315e05a524220f7a273b132694",
              "line": 1,
              "message": "Service 'billing' reads table 'payment_payments' owned by service 'payment'.",
              "ruleId": "no-cross-service-query",
              "service": "billing",
              "severity": "error",
            },
          ],
          "removed": [],
          "rules": [
            {
              "added": 1,
              "removed": 0,
              "rule": "no-cross-service-query",
            },
          ],
          "services": [
            {
              "added": 1,
              "removed": 0,
              "service": "billing",
            },
          ],
        },
        "head": {
          "commit": "2673e731b0873cf02abcac01b4bdff976e2ad838",
          "ref": "query",
        },
        "owners": [],
        "sharedDatabases": {
          "added": [],
          "removed": [],
        },
        "unowned": {
          "added": [],
          "removed": [],
        },
        "verdict": {
          "failOn": "added-edges",
          "fails": true,
          "reasons": [
            "1 new cross-service edge",
          ],
        },
        "version": 1,
      }
    `);
    },
    TWO_STATES,
  );

  it(
    'a new cross-service foreign key in a migration',
    async () => {
      const out = await formats('foreign-key');
      expect(out.code).toBe(1);
      expect(out.stylish).toMatchInlineSnapshot(`
      "nilecare-lint diff: query (2673e731b087) → foreign-key (d79f1d72a5d4)

      ✖ This change adds 1 cross-service edge; findings +1 −0.
        The check fails (--fail-on added-edges): 1 new cross-service edge.

      Added cross-service edges
        + billing → payment_payments (owner payment)  foreign-key ×1
            services/billing/migrations/V2__links.sql:4:39

      Findings: +1 −0
        rule no-cross-service-foreign-key: +1 −0
        service billing: +1 −0

      New findings
        services/billing/migrations/V2__links.sql:4:39  error  Table 'billing_links' of service 'billing' has a foreign key to 'payment_payments' owned by service 'payment'.  no-cross-service-foreign-key
      "
    `);
      expect(out.markdown).toMatchInlineSnapshot(`
      "### ❌ nilecare-lint: this change adds 1 cross-service edge

      Compared \`query (2673e731b087)\` (base) with \`foreign-key (d79f1d72a5d4)\` (head); findings +1 −0. The check fails (--fail-on added-edges): 1 new cross-service edge.

      #### Added cross-service edges

      | Accessor | Table | Owner | Kind | Accesses | Where |
      | --- | --- | --- | --- | --- | --- |
      | \`billing\` | \`payment_payments\` | \`payment\` | foreign-key | 1 | [\`services/billing/migrations/V2__links.sql:4\`](services/billing/migrations/V2__links.sql#L4) |

      #### Findings

      | Rule | Added | Removed |
      | --- | --- | --- |
      | \`no-cross-service-foreign-key\` | 1 | 0 |

      | Service | Added | Removed |
      | --- | --- | --- |
      | \`billing\` | 1 | 0 |

      <details><summary>New findings (1)</summary>

      - [\`services/billing/migrations/V2__links.sql:4\`](services/billing/migrations/V2__links.sql#L4) \`no-cross-service-foreign-key\`: Table 'billing\\_links' of service 'billing' has a foreign key to 'payment\\_payments' owned by service 'payment'.

      </details>

      #### Graph

      Added edges are green, removed ones red and dashed.

      \`\`\`mermaid
      flowchart LR
        subgraph g0["billing"]
          s0(["billing"])
        end
        subgraph g1["payment"]
          s1(["payment"])
          t0[("payment_payments")]
        end
        s0 -->|"foreign-key ×1"| t0
        linkStyle 0 stroke:#1a7f37,stroke-width:2px
      \`\`\`
      "
    `);
      expect(out.json).toMatchInlineSnapshot(`
      {
        "base": {
          "commit": "2673e731b0873cf02abcac01b4bdff976e2ad838",
          "ref": "query",
        },
        "edges": {
          "added": [
            {
              "added": [
                {
                  "column": 39,
                  "file": "services/billing/migrations/V2__links.sql",
                  "line": 4,
                  "suppressed": false,
                },
              ],
              "baseCount": 0,
              "from": "billing",
              "headCount": 1,
              "kind": "foreign-key",
              "owner": "payment",
              "removed": [],
              "suppressed": false,
              "table": "payment_payments",
            },
          ],
          "changed": [],
          "removed": [],
          "renamed": [],
        },
        "findings": {
          "added": [
            {
              "column": 39,
              "file": "services/billing/migrations/V2__links.sql",
              "fingerprint": "f3d920e66adeefd7a597c941e7e7fc71",
              "line": 4,
              "message": "Table 'billing_links' of service 'billing' has a foreign key to 'payment_payments' owned by service 'payment'.",
              "ruleId": "no-cross-service-foreign-key",
              "service": "billing",
              "severity": "error",
            },
          ],
          "removed": [],
          "rules": [
            {
              "added": 1,
              "removed": 0,
              "rule": "no-cross-service-foreign-key",
            },
          ],
          "services": [
            {
              "added": 1,
              "removed": 0,
              "service": "billing",
            },
          ],
        },
        "head": {
          "commit": "d79f1d72a5d4bf6ed7a21e17238ada835152b61a",
          "ref": "foreign-key",
        },
        "owners": [],
        "sharedDatabases": {
          "added": [],
          "removed": [],
        },
        "unowned": {
          "added": [],
          "removed": [],
        },
        "verdict": {
          "failOn": "added-edges",
          "fails": true,
          "reasons": [
            "1 new cross-service edge",
          ],
        },
        "version": 1,
      }
    `);
    },
    TWO_STATES,
  );

  it(
    'a removed access',
    async () => {
      const out = await formats('remove');
      expect(out.code).toBe(0);
      expect(out.stylish).toMatchInlineSnapshot(`
      "nilecare-lint diff: foreign-key (d79f1d72a5d4) → remove (5a18b2ef4bbd)

      ✔ This change removes 1 cross-service edge; findings +0 −1.
        The check passes (--fail-on added-edges).

      Removed cross-service edges
        - billing → payment_payments (owner payment)  query ×1
            services/billing/src/repo.ts:1:55

      Findings: +0 −1
        rule no-cross-service-query: +0 −1
        service billing: +0 −1
      "
    `);
      expect(out.markdown).toMatchInlineSnapshot(`
      "### ✅ nilecare-lint: this change removes 1 cross-service edge

      Compared \`foreign-key (d79f1d72a5d4)\` (base) with \`remove (5a18b2ef4bbd)\` (head); findings +0 −1. The check passes (--fail-on added-edges).

      #### Removed cross-service edges

      | Accessor | Table | Owner | Kind | Accesses | Where |
      | --- | --- | --- | --- | --- | --- |
      | \`billing\` | \`payment_payments\` | \`payment\` | query | 1 | [\`services/billing/src/repo.ts:1\`](services/billing/src/repo.ts#L1) |

      #### Findings

      | Rule | Added | Removed |
      | --- | --- | --- |
      | \`no-cross-service-query\` | 0 | 1 |

      | Service | Added | Removed |
      | --- | --- | --- |
      | \`billing\` | 0 | 1 |

      #### Graph

      Added edges are green, removed ones red and dashed.

      \`\`\`mermaid
      flowchart LR
        subgraph g0["billing"]
          s0(["billing"])
        end
        subgraph g1["payment"]
          s1(["payment"])
          t0[("payment_payments")]
        end
        s0 -.->|"query ×1"| t0
        linkStyle 0 stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5
      \`\`\`
      "
    `);
      expect(out.json).toMatchInlineSnapshot(`
      {
        "base": {
          "commit": "d79f1d72a5d4bf6ed7a21e17238ada835152b61a",
          "ref": "foreign-key",
        },
        "edges": {
          "added": [],
          "changed": [],
          "removed": [
            {
              "added": [],
              "baseCount": 1,
              "from": "billing",
              "headCount": 0,
              "kind": "query",
              "owner": "payment",
              "removed": [
                {
                  "column": 55,
                  "file": "services/billing/src/repo.ts",
                  "line": 1,
                  "suppressed": false,
                },
              ],
              "suppressed": false,
              "table": "payment_payments",
            },
          ],
          "renamed": [],
        },
        "findings": {
          "added": [],
          "removed": [
            {
              "column": 55,
              "file": "services/billing/src/repo.ts",
              "fingerprint": "239963315e05a524220f7a273b132694",
              "line": 1,
              "message": "Service 'billing' reads table 'payment_payments' owned by service 'payment'.",
              "ruleId": "no-cross-service-query",
              "service": "billing",
              "severity": "error",
            },
          ],
          "rules": [
            {
              "added": 0,
              "removed": 1,
              "rule": "no-cross-service-query",
            },
          ],
          "services": [
            {
              "added": 0,
              "removed": 1,
              "service": "billing",
            },
          ],
        },
        "head": {
          "commit": "5a18b2ef4bbde9908aa0eb342e6014213e40e185",
          "ref": "remove",
        },
        "owners": [],
        "sharedDatabases": {
          "added": [],
          "removed": [],
        },
        "unowned": {
          "added": [],
          "removed": [],
        },
        "verdict": {
          "failOn": "added-edges",
          "fails": false,
          "reasons": [],
        },
        "version": 1,
      }
    `);
    },
    TWO_STATES,
  );

  it(
    'a table moved to another service',
    async () => {
      const out = await formats('move');
      expect(out.code).toBe(0);
      expect(out.stylish).toMatchInlineSnapshot(`
      "nilecare-lint diff: remove (5a18b2ef4bbd) → move (c29fae0dbcb6)

      ✔ This change moves 1 table to another owner; findings +1 −1.
        The check passes (--fail-on added-edges).

      Tables that changed owner
        refunds: payment → billing  services/billing/migrations/V3__refunds.sql:1

      Findings: +1 −1
        rule table-prefix: +1 −1
        service billing: +1 −0
        service payment: +0 −1

      New findings
        services/billing/migrations/V3__refunds.sql:1:14  warning  Table 'refunds' created by service 'billing' does not start with the prefix 'billing_'.  table-prefix
      "
    `);
      expect(out.markdown).toMatchInlineSnapshot(`
      "### ✅ nilecare-lint: this change moves 1 table to another owner

      Compared \`remove (5a18b2ef4bbd)\` (base) with \`move (c29fae0dbcb6)\` (head); findings +1 −1. The check passes (--fail-on added-edges).

      #### Tables that changed owner

      | Table | Owner before | Owner now | Declared |
      | --- | --- | --- | --- |
      | \`refunds\` | \`payment\` | \`billing\` | [\`services/billing/migrations/V3__refunds.sql:1\`](services/billing/migrations/V3__refunds.sql#L1) |

      #### Findings

      | Rule | Added | Removed |
      | --- | --- | --- |
      | \`table-prefix\` | 1 | 1 |

      | Service | Added | Removed |
      | --- | --- | --- |
      | \`billing\` | 1 | 0 |
      | \`payment\` | 0 | 1 |

      <details><summary>New findings (1)</summary>

      - [\`services/billing/migrations/V3__refunds.sql:1\`](services/billing/migrations/V3__refunds.sql#L1) \`table-prefix\`: Table 'refunds' created by service 'billing' does not start with the prefix 'billing\\_'.

      </details>
      "
    `);
      expect(out.json).toMatchInlineSnapshot(`
      {
        "base": {
          "commit": "5a18b2ef4bbde9908aa0eb342e6014213e40e185",
          "ref": "remove",
        },
        "edges": {
          "added": [],
          "changed": [],
          "removed": [],
          "renamed": [],
        },
        "findings": {
          "added": [
            {
              "column": 14,
              "file": "services/billing/migrations/V3__refunds.sql",
              "fingerprint": "dad91ba78479513cb1f492efe968db7a",
              "line": 1,
              "message": "Table 'refunds' created by service 'billing' does not start with the prefix 'billing_'.",
              "ruleId": "table-prefix",
              "service": "billing",
              "severity": "warn",
            },
          ],
          "removed": [
            {
              "column": 14,
              "file": "services/payment/migrations/V2__refunds.sql",
              "fingerprint": "036d8760c4155e4322123dc17e754a60",
              "line": 1,
              "message": "Table 'refunds' created by service 'payment' does not start with the prefix 'payment_'.",
              "ruleId": "table-prefix",
              "service": "payment",
              "severity": "warn",
            },
          ],
          "rules": [
            {
              "added": 1,
              "removed": 1,
              "rule": "table-prefix",
            },
          ],
          "services": [
            {
              "added": 1,
              "removed": 0,
              "service": "billing",
            },
            {
              "added": 0,
              "removed": 1,
              "service": "payment",
            },
          ],
        },
        "head": {
          "commit": "c29fae0dbcb63657f3922977e65d01d309f6ceaa",
          "ref": "move",
        },
        "owners": [
          {
            "file": "services/billing/migrations/V3__refunds.sql",
            "from": [
              "payment",
            ],
            "line": 1,
            "table": "refunds",
            "to": [
              "billing",
            ],
          },
        ],
        "sharedDatabases": {
          "added": [],
          "removed": [],
        },
        "unowned": {
          "added": [],
          "removed": [],
        },
        "verdict": {
          "failOn": "added-edges",
          "fails": false,
          "reasons": [],
        },
        "version": 1,
      }
    `);
    },
    TWO_STATES,
  );

  it(
    'a new shared database',
    async () => {
      const out = await formats('shared');
      expect(out.code).toBe(1);
      expect(out.stylish).toMatchInlineSnapshot(`
      "nilecare-lint diff: move (c29fae0dbcb6) → shared (d428d1c1348b)

      ✖ This change adds sharing of 1 database; findings +2 −0.
        The check fails (--fail-on added-edges): 1 new shared database.

      Shared databases
        + payment_db: shared by billing, payment
            billing: services/billing/.env:2
            payment: services/payment/.env:1

      Findings: +2 −0
        rule no-shared-database: +2 −0
        service billing: +1 −0
        service payment: +1 −0

      New findings
        services/billing/.env:2:21  error  Service 'billing' shares database 'payment_db' with service 'payment'.  no-shared-database
        services/payment/.env:1:9  error  Service 'payment' shares database 'payment_db' with service 'billing'.  no-shared-database
      "
    `);
      expect(out.markdown).toMatchInlineSnapshot(`
      "### ❌ nilecare-lint: this change adds sharing of 1 database

      Compared \`move (c29fae0dbcb6)\` (base) with \`shared (d428d1c1348b)\` (head); findings +2 −0. The check fails (--fail-on added-edges): 1 new shared database.

      #### Shared databases

      | Database | Change | Services sharing it | Where |
      | --- | --- | --- | --- |
      | \`payment_db\` | now shared | \`billing\`, \`payment\` | [\`services/billing/.env:2\`](services/billing/.env#L2)<br>[\`services/payment/.env:1\`](services/payment/.env#L1) |

      #### Findings

      | Rule | Added | Removed |
      | --- | --- | --- |
      | \`no-shared-database\` | 2 | 0 |

      | Service | Added | Removed |
      | --- | --- | --- |
      | \`billing\` | 1 | 0 |
      | \`payment\` | 1 | 0 |

      <details><summary>New findings (2)</summary>

      - [\`services/billing/.env:2\`](services/billing/.env#L2) \`no-shared-database\`: Service 'billing' shares database 'payment\\_db' with service 'payment'.
      - [\`services/payment/.env:1\`](services/payment/.env#L1) \`no-shared-database\`: Service 'payment' shares database 'payment\\_db' with service 'billing'.

      </details>
      "
    `);
      expect(out.json).toMatchInlineSnapshot(`
      {
        "base": {
          "commit": "c29fae0dbcb63657f3922977e65d01d309f6ceaa",
          "ref": "move",
        },
        "edges": {
          "added": [],
          "changed": [],
          "removed": [],
          "renamed": [],
        },
        "findings": {
          "added": [
            {
              "column": 21,
              "file": "services/billing/.env",
              "fingerprint": "bae67ba782fa65f915e76ce120ea20bb",
              "line": 2,
              "message": "Service 'billing' shares database 'payment_db' with service 'payment'.",
              "ruleId": "no-shared-database",
              "service": "billing",
              "severity": "error",
            },
            {
              "column": 9,
              "file": "services/payment/.env",
              "fingerprint": "7a192f63f88687510f0dc0901345e659",
              "line": 1,
              "message": "Service 'payment' shares database 'payment_db' with service 'billing'.",
              "ruleId": "no-shared-database",
              "service": "payment",
              "severity": "error",
            },
          ],
          "removed": [],
          "rules": [
            {
              "added": 2,
              "removed": 0,
              "rule": "no-shared-database",
            },
          ],
          "services": [
            {
              "added": 1,
              "removed": 0,
              "service": "billing",
            },
            {
              "added": 1,
              "removed": 0,
              "service": "payment",
            },
          ],
        },
        "head": {
          "commit": "d428d1c1348b6ee86ae310a6f4eafc54e66130f9",
          "ref": "shared",
        },
        "owners": [],
        "sharedDatabases": {
          "added": [
            {
              "changed": [
                "billing",
                "payment",
              ],
              "database": "payment_db",
              "locations": [
                {
                  "file": "services/billing/.env",
                  "line": 2,
                  "service": "billing",
                  "suppressed": false,
                },
                {
                  "file": "services/payment/.env",
                  "line": 1,
                  "service": "payment",
                  "suppressed": false,
                },
              ],
              "services": [
                "billing",
                "payment",
              ],
              "suppressed": false,
              "whole": true,
            },
          ],
          "removed": [],
        },
        "unowned": {
          "added": [],
          "removed": [],
        },
        "verdict": {
          "failOn": "added-edges",
          "fails": true,
          "reasons": [
            "1 new shared database",
          ],
        },
        "version": 1,
      }
    `);
    },
    TWO_STATES,
  );
});

describe('diff: the working tree, exit codes, links', () => {
  it(
    'compares with the working tree by default, untracked files included, and leaves it as it was',
    async () => {
      const ledger = 'services/billing/src/ledger.ts';
      writeFile(root, ledger, 'export const paid = () => db.query("SELECT amount FROM payment_payments");\n');
      try {
        const status = gitAt(root, 'status', '--porcelain');
        const out = await cli(root, ['diff', 'query']);
        expect(out.stderr).toBe('');
        expect(out.code).toBe(1);
        expect(out.stdout).toMatchInlineSnapshot(`
        "nilecare-lint diff: query (2673e731b087) → the working tree

        ✖ This change adds 1 cross-service edge, changes the accesses of 1 edge, adds sharing of 1 database and moves 1 table to another owner; findings +5 −2.
          The check fails (--fail-on added-edges): 1 new cross-service edge, 1 new shared database.

        Added cross-service edges
          + billing → payment_payments (owner payment)  foreign-key ×1
              services/billing/migrations/V2__links.sql:4:39

        Edges with accesses added or removed
          ~ billing → payment_payments (owner payment)  query ×1 → 1
              + services/billing/src/ledger.ts:1:56
              - services/billing/src/repo.ts:1:55

        Shared databases
          + payment_db: shared by billing, payment
              billing: services/billing/.env:2
              payment: services/payment/.env:1

        Tables that changed owner
          refunds: payment → billing  services/billing/migrations/V3__refunds.sql:1

        Findings: +5 −2
          rule no-cross-service-foreign-key: +1 −0
          rule no-cross-service-query: +1 −1
          rule no-shared-database: +2 −0
          rule table-prefix: +1 −1
          service billing: +4 −1
          service payment: +1 −1

        New findings
          services/billing/.env:2:21  error  Service 'billing' shares database 'payment_db' with service 'payment'.  no-shared-database
          services/billing/migrations/V2__links.sql:4:39  error  Table 'billing_links' of service 'billing' has a foreign key to 'payment_payments' owned by service 'payment'.  no-cross-service-foreign-key
          services/billing/migrations/V3__refunds.sql:1:14  warning  Table 'refunds' created by service 'billing' does not start with the prefix 'billing_'.  table-prefix
          services/billing/src/ledger.ts:1:56  error  Service 'billing' reads table 'payment_payments' owned by service 'payment'.  no-cross-service-query
          services/payment/.env:1:9  error  Service 'payment' shares database 'payment_db' with service 'billing'.  no-shared-database
        "
      `);
        expect(gitAt(root, 'status', '--porcelain')).toBe(status);
        expect(gitAt(root, 'rev-parse', 'HEAD').trim()).toBe(sha.shared);

        const same = await cli(root, ['diff', 'HEAD', '--format', 'json']);
        expect(same.code).toBe(1);
        expect((JSON.parse(same.stdout) as { verdict: unknown }).verdict).toEqual({
          failOn: 'added-edges',
          fails: true,
          reasons: ['1 new cross-service edge'],
        });
      } finally {
        rmSync(path.join(root, ledger));
      }
      const unchanged = await cli(root, ['diff', 'HEAD']);
      expect(unchanged).toEqual({
        code: 0,
        stderr: '',
        stdout: `nilecare-lint diff: HEAD (${sha.shared.slice(0, 12)}) → the working tree\n\n✔ This change makes no change to the cross-service architecture; findings +0 −0.\n  The check passes (--fail-on added-edges).\n`,
      });
    },
    TWO_STATES,
  );

  it(
    '--fail-on: added-findings fails on any new finding, never never fails, added-edges ignores removals',
    async () => {
      const outcome = async (name: string, failOn: string) => (await diff(name, 'json', '--fail-on', failOn)).code;
      // Its verdict is checked below: one run of the two lints serves both.
      const moveFindings = await diff('move', 'json', '--fail-on', 'added-findings');
      expect(moveFindings.code).toBe(1);
      expect(await outcome('move', 'added-edges')).toBe(0);
      expect(await outcome('remove', 'added-findings')).toBe(0);
      expect(await outcome('query', 'never')).toBe(0);
      expect(await outcome('shared', 'never')).toBe(0);
      const verdict = JSON.parse(moveFindings.stdout) as { verdict: unknown };
      expect(verdict.verdict).toEqual({ failOn: 'added-findings', fails: true, reasons: ['1 new finding'] });
    },
    TWO_STATES,
  );

  it(
    'links to GitHub when the Actions variables say where the files are: head files at the head commit, removed ones at the base',
    async () => {
      const env = { GITHUB_SERVER_URL: 'https://github.example', GITHUB_REPOSITORY: 'org/repo', GITHUB_SHA: 'f'.repeat(40) };
      const changed = await cli(root, ['diff', 'foreign-key', 'move', '--format', 'markdown'], env);
      const links = [...changed.stdout.matchAll(/\]\((\S+)\)/g)].map((m) => m[1]);
      expect(links).toEqual([
        `https://github.example/org/repo/blob/${sha['foreign-key']}/services/billing/src/repo.ts#L1`,
        `https://github.example/org/repo/blob/${sha.move}/services/billing/migrations/V3__refunds.sql#L1`,
        `https://github.example/org/repo/blob/${sha.move}/services/billing/migrations/V3__refunds.sql#L1`,
      ]);
      // The working tree is the checkout of GITHUB_SHA.
      const working = await cli(root, ['diff', 'move', '--format', 'markdown'], env);
      expect(working.stdout).toContain(`](https://github.example/org/repo/blob/${'f'.repeat(40)}/services/billing/.env#L2)`);
    },
    TWO_STATES,
  );
});

describe('diff: what changed between two commits', () => {
  it('is what git diff --name-only --no-renames lists: content, mode alone, deletions, additions, a file become a folder, a link', () => {
    const repo = tempDir('nilecare-diff-changed-');
    const files = { 'a.ts': 'a\n', 'same.ts': 's\n', 'mode.sh': 'm\n', 'gone.sql': 'g\n', 'becomes/x': 'f\n', 'dir/é.ts': 'u\n' };
    for (const [file, text] of Object.entries(files)) writeFile(repo, file, text);
    symlinkSync('a.ts', path.join(repo, 'link'));
    gitAt(repo, 'init', '-q');
    gitAt(repo, 'add', '-A');
    gitAt(repo, 'commit', '-q', '-m', 'before');
    writeFile(repo, 'a.ts', 'a2\n');
    chmodSync(path.join(repo, 'mode.sh'), 0o755);
    rmSync(path.join(repo, 'gone.sql'));
    rmSync(path.join(repo, 'becomes'), { recursive: true });
    writeFile(repo, 'becomes', 'now a file\n');
    writeFile(repo, 'added/new.ts', 'n\n');
    writeFile(repo, 'dir/é.ts', 'u2\n');
    rmSync(path.join(repo, 'link'));
    symlinkSync('same.ts', path.join(repo, 'link'));
    gitAt(repo, 'add', '-A');
    gitAt(repo, 'commit', '-q', '-m', 'after');
    const expected = gitAt(repo, 'diff', '--name-only', '-z', '--no-renames', 'HEAD~1', 'HEAD').split('\0').filter(Boolean);
    expect(expected).toEqual(['a.ts', 'added/new.ts', 'becomes', 'becomes/x', 'dir/é.ts', 'gone.sql', 'link', 'mode.sh']);
    expect(changedBetween(gitObjectsTree(repo, 'HEAD~1'), gitObjectsTree(repo, 'HEAD'))).toEqual(expected);
  });
});

describe('diff: what it cannot compare is a clear error, exit 2', () => {
  it(
    'a ref that names nothing',
    async () => {
      expect(await cli(root, ['diff', 'no-such-branch'])).toEqual({
        code: 2,
        stdout: '',
        stderr: `nilecare-lint: the base 'no-such-branch' is not a commit, branch or tag of the repository at ${root}\n`,
      });
      expect((await cli(root, ['diff', 'base', 'nope'])).stderr).toBe(
        `nilecare-lint: the head 'nope' is not a commit, branch or tag of the repository at ${root}\n`,
      );
      expect((await cli(root, ['diff', '--', '--output=x'])).code).toBe(2);
    },
    TWO_STATES,
  );

  it(
    'a folder outside every git work tree',
    async () => {
      const plain = tempDir('nilecare-diff-plain-');
      writeFile(plain, 'services/billing/src/repo.ts', 'export const x = 1;\n');
      expect(await cli(plain, ['diff', 'main'])).toEqual({
        code: 2,
        stdout: '',
        stderr: `nilecare-lint: nilecare-lint diff compares git commits, and ${plain} is not inside a git work tree\n`,
      });
    },
    TWO_STATES,
  );

  it(
    'a shallow clone without the base commit',
    async () => {
      const shallow = path.join(tempDir('nilecare-diff-shallow-'), 'clone');
      gitAt(root, 'clone', '-q', '--depth', '1', `file://${root}`, shallow);
      const out = await cli(shallow, ['diff', 'HEAD~1']);
      expect(out).toEqual({
        code: 2,
        stdout: '',
        stderr:
          "nilecare-lint: the base 'HEAD~1' is not in this shallow clone: fetch it (git fetch --unshallow, or git fetch origin HEAD~1; in GitHub Actions, actions/checkout with fetch-depth: 0)\n",
      });
    },
    TWO_STATES,
  );

  it(
    'no base ref, or a format that does not exist',
    async () => {
      const missing = await cli(root, ['diff']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/Not enough non-option arguments|base/);
      const format = await cli(root, ['diff', 'base', '--format', 'sarif']);
      expect(format.code).toBe(2);
      expect(format.stderr).toMatch(/format/);
    },
    TWO_STATES,
  );
});
