import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import type { ProjectModel, Service } from '../src/model/model.js';
import { inTestSources } from '../src/model/migrations.js';
import { serviceKey } from '../src/model/service-names.js';
import { compileGlobs, trimFolderPattern } from './support/glob.js';
import { testHarnesses, type ImportTarget } from './support/test-harness.js';

const options = z.strictObject({
  packageScopes: z
    .array(z.string().regex(/^@[\w.-]+$/, 'an npm scope such as @nilecare'))
    .default([])
    .describe("npm scopes of the repository's own packages (e.g. `@nilecare`): `@scope/<service>` imports are checked too"),
});

function packageTarget(project: ProjectModel, specifier: string, scopes: ReadonlySet<string>): Service | undefined {
  const match = /^(@[^/]+)\/([^/]+)/.exec(specifier);
  if (!match || !scopes.has(match[1].toLowerCase())) return undefined;
  const wanted = serviceKey(match[2]);
  return project.services.find((s) => serviceKey(s.name) === wanted);
}

export default defineRule({
  meta: {
    id: 'no-cross-service-import',
    category: 'architecture',
    description: "Disallow importing code from another service's folder",
    rationale:
      "An import that reaches into another service's source tree couples their builds and releases: a refactoring in one breaks the other, and the imported code often opens the other service's database connection in-process. Share code through a package declared in `sharedPackages`, and data through APIs or events.",
    defaultSeverity: 'error',
    messages: {
      foreignImport: "Service '{{service}}' imports '{{specifier}}' from service '{{target}}'.",
    },
    options,
    examples: {
      invalid: [
        { filename: 'services/payment/src/refunds.ts', code: "import { InvoiceService } from '../../billing/src/invoice.service.js';" },
      ],
      valid: [{ filename: 'services/payment/src/refunds.ts', code: "import { PaymentRepository } from './payment.repository.js';" }],
    },
  },
  create(context) {
    const sharedGlobs = (context.project.config.sharedPackages ?? []).map(trimFolderPattern);
    const isShared = compileGlobs(sharedGlobs.flatMap((g) => [g, `${g}/**`]));
    const scopes = new Set(context.options.packageScopes.map((s) => s.toLowerCase()));
    // The model's one resolution of imports (relative paths, the tsconfig's path aliases — `@orders/entities` →
    // services/order-service/src/entities —, workspace packages); a module of a shared package couples no services,
    // and with `packageScopes` an unresolved `@scope/<service>` names the service.
    const targetOf: ImportTarget = ({ specifier, target, service }) => {
      if (target !== undefined) return isShared(target.file ?? target.path) ? undefined : service;
      return scopes.size > 0 ? packageTarget(context.project, specifier, scopes) : undefined;
    };
    // Tests importing a test harness (support/test-harness.ts) use it as a test framework: no coupling.
    const isTestHarness = testHarnesses(context.project, targetOf);
    return {
      import(event) {
        const { service, importFact } = event;
        if (!service) return;
        const { specifier } = importFact;
        const targetService = targetOf(context.project.imports.resolve(event.file.path, specifier));
        if (!targetService || targetService === service) return;
        if (inTestSources(event.file.path, service) && isTestHarness(targetService)) return;
        context.report({
          messageId: 'foreignImport',
          data: { service: service.name, specifier, target: targetService.name },
          at: { range: event.range },
          help: `Call '${targetService.name}' through its API or events, or move the code both services need into a package listed in \`sharedPackages\`.`,
          fingerprintText: specifier,
        });
      },
    };
  },
});
