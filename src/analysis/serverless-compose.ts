import { isMap, isScalar, parseDocument } from './yaml-module.js';

/** A service `serverless-compose.yml` lists, and the folder its `path:` names (as written). */
export interface ServerlessComposeService {
  name: string;
  path: string;
}

/**
 * The services of a Serverless Framework compose file (v3.15+): `services: { trips: { path:
 * services/trips } }`. Each path is a folder holding that service's `serverless.yml`, deployed on
 * its own. `rejected` says why a file that does not parse lists nothing (a broken file must not
 * silently hide its services). Never throws.
 */
export function serverlessComposeServices(text: string): { services: ServerlessComposeService[]; rejected?: string } {
  try {
    const doc = parseDocument(text, { keepSourceTokens: false, prettyErrors: false });
    if (doc.errors.length > 0) {
      const first = doc.errors[0];
      return { services: [], rejected: `the YAML parser rejected it: ${first.message.replace(/\.$/, '')} [${first.code}]` };
    }
    const services = doc.get('services', true);
    if (!isMap(services)) return { services: [] };
    const out: ServerlessComposeService[] = [];
    for (const pair of services.items) {
      if (!isScalar(pair.key) || !isMap(pair.value)) continue;
      const folder = pair.value.get('path', true);
      if (isScalar(folder) && typeof folder.value === 'string' && folder.value.trim() !== '')
        out.push({ name: String(pair.key.value), path: folder.value.trim() });
    }
    return { services: out };
  } catch {
    return { services: [], rejected: 'the YAML parser could not read it' };
  }
}
