import { describe, expect, it } from 'vitest';
import { isDockerfile, parseDockerfileEnv } from '../../src/analysis/dockerfile.js';

/** Each entry as `KEY=value @ the text its value span covers`. */
function env(text: string): string[] {
  return parseDockerfileEnv(text).map((e) => `${e.key}=${e.value} @ ${text.slice(e.valueSpan.start, e.valueSpan.end)}`);
}

describe("a Dockerfile's ENV", () => {
  it('knows Dockerfiles by name', () => {
    for (const path of [
      'Dockerfile',
      'services/a/Dockerfile',
      'Containerfile',
      'docker/Dockerfile.prod',
      'api.Dockerfile',
      'x/api.dockerfile',
    ])
      expect(isDockerfile(path), path).toBe(true);
    for (const path of ['Dockerfilex', 'docker-compose.yml', 'Dockerfile/readme.md', '.dockerignore'])
      expect(isDockerfile(path), path).toBe(false);
  });

  it('reads KEY=value pairs over continued lines (comment lines inside skipped), quotes, and the legacy KEY value form', () => {
    const text = [
      'FROM node:20-alpine',
      'ENV NODE_ENV=production \\',
      '    # the database',
      '    DB_HOST=db.internal \\',
      '    DB_NAME="platform"',
      "env DB_USER='orders app'",
      'ENV DB_SCHEMA orders',
      'ENV GREETING hello big world',
      'CMD ["node", "src/index.js"]',
      '',
    ].join('\n');
    expect(env(text)).toEqual([
      'NODE_ENV=production @ production',
      'DB_HOST=db.internal @ db.internal',
      'DB_NAME=platform @ platform',
      'DB_USER=orders app @ orders app',
      'DB_SCHEMA=orders @ orders',
      'GREETING=hello big world @ hello big world',
    ]);
  });

  it("only the final image's: a build stage's ENV does not reach it, the stage it is built FROM does; later keys win", () => {
    const text = [
      'FROM node:20 AS build',
      'ENV DB_NAME=build_only',
      'RUN npm ci',
      'FROM node:20-alpine AS base',
      'ENV DB_HOST=db.internal DB_NAME=base_db',
      'FROM base AS prod',
      'ENV DB_NAME=platform',
      '',
    ].join('\r\n');
    expect(env(text)).toEqual(['DB_HOST=db.internal @ db.internal', 'DB_NAME=platform @ platform']);
  });

  it('an ARG default that an ENV takes (${NAME} or $NAME) is the value, located at the ARG; a global ARG through the stage', () => {
    const text = [
      'ARG DB_DEFAULT=platform',
      'FROM node:20-alpine',
      'ARG DB_DEFAULT',
      'ARG HOST=db.internal',
      'ARG EMPTY',
      'ENV DB_NAME=${DB_DEFAULT} DB_HOST=$HOST DB_USER=${EMPTY} DB_SCHEMA=${NOT_DECLARED:-x}',
      '',
    ].join('\n');
    expect(env(text)).toEqual([
      'DB_NAME=platform @ platform',
      'DB_HOST=db.internal @ db.internal',
      'DB_USER=${EMPTY} @ ${EMPTY}',
      'DB_SCHEMA=${NOT_DECLARED:-x} @ ${NOT_DECLARED:-x}',
    ]);
  });

  it('yields nothing without a FROM or an ENV; never throws on broken text', () => {
    expect(env('ENV DB_NAME=platform\n')).toEqual([]);
    expect(env('FROM x\nRUN echo "unclosed\n')).toEqual([]);
    for (const hostile of ['FROM x\nENV \\', 'FROM x\nENV "', 'FROM x\nENV =x', '\\\\\\', 'FROM x\nENV A', 'FROM\n', '# only\n'])
      expect(() => parseDockerfileEnv(hostile)).not.toThrow();
    expect(env('FROM x\nENV =x A\n')).toEqual([]);
  });
});
