/**
 * Terraform's literal credentials (HELDOUT7 #8): what the reader keeps, and what it never reads as one. The rule's
 * findings are pinned in test/rules/no-hardcoded-credentials.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { isTerraformFile, parseTerraform } from '../../src/analysis/terraform.js';

const kept = (path: string, text: string) =>
  (parseTerraform(path, text)?.connections ?? []).flatMap((c) =>
    c.entries.map((e) => `${c.name ?? ''} ${e.key}=${e.value} @${text.slice(e.valueSpan.start, e.valueSpan.end)}`),
  );

describe('Terraform credentials', () => {
  it('reads .tf and .tfvars files only', () => {
    expect(['a/rds.tf', 'terraform.tfvars', 'prod.auto.tfvars'].map(isTerraformFile)).toEqual([true, true, true]);
    expect(['rds.tf.json', 'terraform.tfstate', 'rds.tfx'].map(isTerraformFile)).toEqual([false, false, false]);
  });

  it('keeps secret-named string literals of resources, providers, modules and locals, at any depth, escapes read', () => {
    const text = [
      'provider "postgresql" {',
      '  host     = "db.internal"',
      '  password = "Pr0vider-Pw\\"x"',
      '}',
      'module "orders_db" {',
      '  source      = "./modules/rds"',
      '  db_password = "M0dule-Pw-1"',
      '}',
      'locals {',
      '  admin_password = "L0cal-Pw-22" // shared',
      '}',
      'resource "aws_lambda_function" "sync" {',
      '  environment {',
      '    variables = {',
      '      DB_PASSWORD = "Lambda-Env-Pw3"',
      '      DB_NAME     = "orders"',
      '    }',
      '  }',
      '}',
      'resource "aws_db_instance" "after" {',
      '  password = "Aft3r-Braces-Pw"',
      '}',
    ].join('\n');
    expect(kept('main.tf', text)).toEqual([
      'provider.postgresql password=Pr0vider-Pw"x @Pr0vider-Pw\\"x',
      'module.orders_db db_password=M0dule-Pw-1 @M0dule-Pw-1',
      'locals admin_password=L0cal-Pw-22 @L0cal-Pw-22',
      'aws_lambda_function.sync DB_PASSWORD=Lambda-Env-Pw3 @Lambda-Env-Pw3',
      'aws_db_instance.after password=Aft3r-Braces-Pw @Aft3r-Braces-Pw',
    ]);
  });

  it('keeps no reference, interpolation, data source, heredoc, comment, non-secret name or top-level .tf assignment', () => {
    const text = [
      'db_password = "top-level-in-tf"',
      'data "external" "pw" {',
      '  password = "data-source-arg"',
      '}',
      'resource "aws_db_instance" "a" {',
      '  password = var.db_password',
      '  master_password = "${var.pw}"',
      '  secret_string = "%{if true}x%{endif}"',
      '  username = "orders_admin"',
      '  user_data = <<EOT',
      'password = "in-heredoc"',
      'EOT',
      '  /*',
      '  password = "in-block-comment"',
      '  */',
      '  # password = "in-comment"',
      '  tags = { Name = "a" }',
      '}',
      'variable "region" {',
      '  default = "eu-west-1"',
      '}',
    ].join('\n');
    expect(parseTerraform('main.tf', text)).toBeUndefined();
    // `$${` is a literal `${`: the value is the text as Terraform reads it.
    expect(kept('main.tf', 'resource "x" "y" {\n  password = "a$${b}c-Pa55w0rd"\n}\n')).toEqual([
      'x.y password=a${b}c-Pa55w0rd @a$${b}c-Pa55w0rd',
    ]);
  });

  it('never throws on broken input', () => {
    for (const text of [
      'resource "a" "b" {\n  password = "unclosed',
      '}}}}\npassword = "x"',
      'x = <<EOT\nno end',
      '/* open',
      '{'.repeat(100),
    ])
      expect(() => parseTerraform('main.tf', text)).not.toThrow();
  });
});
