// Reads one JSON line per TypeScript file ({"path": ...}) and answers one JSON line with what the
// pinned compiler parses: syntax errors, the top-level statements and the CONFIG object's value.
// One Node process serves a whole test run (argv[2] is the path of the typescript package).
"use strict";
const fs = require("fs");
const readline = require("readline");
const ts = require(process.argv[2]);

function literal(node) {
  switch (node.kind) {
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      return node.text;
    case ts.SyntaxKind.NumericLiteral:
      return Number(node.text);
    case ts.SyntaxKind.TrueKeyword:
      return true;
    case ts.SyntaxKind.FalseKeyword:
      return false;
    case ts.SyntaxKind.NullKeyword:
      return null;
    case ts.SyntaxKind.ArrayLiteralExpression:
      return node.elements.map(literal);
    case ts.SyntaxKind.ObjectLiteralExpression: {
      const out = {};
      for (const prop of node.properties) {
        if (prop.kind !== ts.SyntaxKind.PropertyAssignment || prop.name.kind !== ts.SyntaxKind.StringLiteral) {
          throw new Error("not a data property: " + ts.SyntaxKind[prop.kind]);
        }
        Object.defineProperty(out, prop.name.text, { value: literal(prop.initializer), enumerable: true });
      }
      return out;
    }
    default:
      throw new Error("not a literal: " + ts.SyntaxKind[node.kind]);
  }
}

function describe(statement) {
  const kind = ts.isVariableStatement(statement) ? "VariableStatement" : ts.SyntaxKind[statement.kind];
  let name = "";
  if (statement.name && statement.name.text !== undefined) name = statement.name.text;
  if (statement.kind === ts.SyntaxKind.VariableStatement) {
    name = statement.declarationList.declarations.map((d) => d.name.getText()).join(",");
  }
  if (statement.kind === ts.SyntaxKind.ImportDeclaration) name = statement.moduleSpecifier.text;
  return kind + (name ? " " + name : "");
}

const rl = readline.createInterface({ input: process.stdin });
rl.on("line", (line) => {
  const { path } = JSON.parse(line);
  const answer = { diagnostics: [], statements: [], config: null, error: null };
  try {
    const text = fs.readFileSync(path, "utf8");
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    answer.diagnostics = source.parseDiagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    answer.statements = source.statements.map(describe);
    for (const statement of source.statements) {
      if (statement.kind !== ts.SyntaxKind.VariableStatement) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (declaration.name.getText() === "CONFIG") answer.config = literal(declaration.initializer);
      }
    }
  } catch (error) {
    answer.error = String(error && error.stack ? error.stack : error);
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
