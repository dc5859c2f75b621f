import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import { isServerlessConfig, parseServerlessConfig } from '../../src/analysis/serverless-config.js';

const TEXT = [
  'service: payouts',
  'provider:',
  '  name: aws',
  '  environment:',
  '    DB_NAME: payouts',
  '    DB_PORT: 3306',
  '    DB_PASSWORD: ${ssm:/ridebook/${sls:stage}/payouts/db-password}',
  '    DB_HOST: !GetAtt PayoutsCluster.Endpoint.Address',
  '    DB_USER:',
  '      Ref: DbUser',
  'functions:',
  '  weekly:',
  '    handler: handler.weekly',
  '    environment:',
  '      TRIPS_DB_NAME: trips',
  '  daily:',
  '    handler: handler.daily',
  'resources:',
  '  Resources:',
  '    PayoutsCluster:',
  '      Type: AWS::RDS::DBCluster',
  '      Properties:',
  '        Engine: aurora-mysql',
  '        DatabaseName: payouts',
  '        MasterUsername: ridebook',
  '    Reports:',
  '      Type: AWS::RDS::DBInstance',
  '      Properties:',
  '        DBName: reports',
  '    Bucket:',
  '      Type: AWS::S3::Bucket',
  '      Properties:',
  '        BucketName: payouts-exports',
  '',
].join('\n');

/** Each connection with its entries as `key=value @ text the value span covers`. */
function read(text: string) {
  return parseServerlessConfig(text)?.connections?.map((c) => ({
    name: c.name,
    ...(c.type ? { type: c.type } : {}),
    ...(c.environment ? { environment: true } : {}),
    entries: c.entries.map((e) => `${e.key}=${e.value} @ ${text.slice(e.valueSpan.start, e.valueSpan.end)}`),
  }));
}

describe('Serverless Framework serverless.yml', () => {
  it('knows it by name', () => {
    expect(['serverless.yml', 'services/trips/serverless.yaml'].every(isServerlessConfig)).toBe(true);
    expect(['serverless-compose.yml', 'services/trips/serverless.ts', 'my-serverless.yml'].some(isServerlessConfig)).toBe(false);
  });

  it('reads the environments and the RDS resources; tags and intrinsic maps are references, kept out', () => {
    expect(read(TEXT)).toEqual([
      {
        name: 'provider.environment',
        environment: true,
        entries: [
          'DB_NAME=payouts @ payouts',
          'DB_PORT=3306 @ 3306',
          'DB_PASSWORD=${ssm:/ridebook/${sls:stage}/payouts/db-password} @ ${ssm:/ridebook/${sls:stage}/payouts/db-password}',
        ],
      },
      { name: 'functions.weekly.environment', environment: true, entries: ['TRIPS_DB_NAME=trips @ trips'] },
      { name: 'PayoutsCluster', type: 'aurora-mysql', entries: ['DatabaseName=payouts @ payouts'] },
      { name: 'Reports', entries: ['DBName=reports @ reports'] },
    ]);
  });

  it('yields nothing for a file without environment or database, or that does not parse', () => {
    expect(parseServerlessConfig('service: web\nprovider:\n  name: aws\n')).toBeUndefined();
    expect(parseServerlessConfig('provider:\n  environment:\n    DB_NAME: [unclosed\n')).toBeUndefined();
    expect(parseServerlessConfig('- a\n- b\n')).toBeUndefined();
  });

  it('keeps no literal secret in the facts of the file', () => {
    const text = 'provider:\n  environment:\n    DB_PASSWORD: Sl5-literal-pw\n';
    const facts = analyzeFile('services/trips/serverless.yml', text, { defaultDialect: 'mysql', sqlCallees: [], hash: '' });
    const entry = facts.ormConfig?.connections?.[0].entries[0];
    expect(entry?.key).toBe('DB_PASSWORD');
    expect(entry?.value).toBeUndefined();
    expect(entry?.secret?.kind).toBe('literal');
    expect(JSON.stringify(facts.ormConfig)).not.toContain('Sl5-literal');
  });
});
