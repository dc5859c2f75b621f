/**
 * TypeScript's compiler API, loaded with `require`. An ESM `import` of its 9 MB of CommonJS makes
 * node detect the module format and scan the source for named exports first: measured 1.07 s of
 * CPU against 0.44 s for `require` (BENCHMARKS.md), paid by every run that analyses a script.
 *
 * The analysers import `ts` from here. The namespace below gives the types they name (`ts.Node`):
 * a type the compiler says `ts` lacks is added here, as an alias of TypeScript's own.
 */
import type * as TS from 'typescript';
import { requireWithCodeCache } from '../../io/code-cache.js';

// With V8's code cache (src/io/code-cache.ts): compiling TypeScript was most of loading it.
const ts = requireWithCodeCache<typeof TS>('typescript', import.meta.url);

// eslint-disable-next-line @typescript-eslint/no-namespace -- type aliases merged into the value: `ts.Node` as with the import
declare namespace ts {
  export type ArrayLiteralExpression = TS.ArrayLiteralExpression;
  export type ArrowFunction = TS.ArrowFunction;
  export type AsExpression = TS.AsExpression;
  export type Statement = TS.Statement;
  export type BinaryExpression = TS.BinaryExpression;
  export type Block = TS.Block;
  export type BindingElement = TS.BindingElement;
  export type BindingName = TS.BindingName;
  export type CallExpression = TS.CallExpression;
  export type CaseClause = TS.CaseClause;
  export type ClassDeclaration = TS.ClassDeclaration;
  export type ClassElement = TS.ClassElement;
  export type ClassLikeDeclaration = TS.ClassLikeDeclaration;
  export type ConditionalExpression = TS.ConditionalExpression;
  export type CreateSourceFileOptions = TS.CreateSourceFileOptions;
  export type Decorator = TS.Decorator;
  export type DiagnosticWithLocation = TS.DiagnosticWithLocation;
  export type ElementAccessExpression = TS.ElementAccessExpression;
  export type EnumDeclaration = TS.EnumDeclaration;
  export type ExportDeclaration = TS.ExportDeclaration;
  export type Expression = TS.Expression;
  export type ExpressionStatement = TS.ExpressionStatement;
  export type FunctionDeclaration = TS.FunctionDeclaration;
  export type FunctionExpression = TS.FunctionExpression;
  export type Identifier = TS.Identifier;
  export type ImportClause = TS.ImportClause;
  export type ImportDeclaration = TS.ImportDeclaration;
  export type ImportEqualsDeclaration = TS.ImportEqualsDeclaration;
  export type InterfaceDeclaration = TS.InterfaceDeclaration;
  export type ModuleExportName = TS.ModuleExportName;
  export type MethodDeclaration = TS.MethodDeclaration;
  export type NewExpression = TS.NewExpression;
  export type NoSubstitutionTemplateLiteral = TS.NoSubstitutionTemplateLiteral;
  export type Node = TS.Node;
  export type NodeArray<T extends TS.Node> = TS.NodeArray<T>;
  export type NonNullExpression = TS.NonNullExpression;
  export type ObjectLiteralExpression = TS.ObjectLiteralExpression;
  export type ParameterDeclaration = TS.ParameterDeclaration;
  export type ParenthesizedExpression = TS.ParenthesizedExpression;
  export type PropertyAccessExpression = TS.PropertyAccessExpression;
  export type PropertyAssignment = TS.PropertyAssignment;
  export type PropertyDeclaration = TS.PropertyDeclaration;
  export type PropertyName = TS.PropertyName;
  export type RegularExpressionLiteral = TS.RegularExpressionLiteral;
  export type ScriptKind = TS.ScriptKind;
  export type ShorthandPropertyAssignment = TS.ShorthandPropertyAssignment;
  export type SourceFile = TS.SourceFile;
  export type StringLiteral = TS.StringLiteral;
  export type SyntaxKind = TS.SyntaxKind;
  export type TaggedTemplateExpression = TS.TaggedTemplateExpression;
  export type TemplateExpression = TS.TemplateExpression;
  export type TemplateHead = TS.TemplateHead;
  export type TemplateMiddle = TS.TemplateMiddle;
  export type TemplateTail = TS.TemplateTail;
  export type TypeNode = TS.TypeNode;
  export type VariableDeclaration = TS.VariableDeclaration;
  export type VariableDeclarationList = TS.VariableDeclarationList;
}

export default ts;
