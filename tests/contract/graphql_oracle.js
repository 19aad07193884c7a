// The reference implementation as an oracle (graphql-js 16, Debian's
// node-graphql): judges each probe document against the SDL the way a
// graphql-js server does before executing anything, and prints one JSON line
// per probe: {"probe": name, "valid": bool, "errors": [messages]}.
//   node graphql_oracle.js GRAPHQL_MODULE_DIR SCHEMA.graphql PROBE_FILE...
// A probe is a .graphql document whose leading comment lines may say
// `# variables: {json}` and `# operation: Name` (the request's variables and
// operationName). Invalid: a syntax error, a validation error (`validate`),
// no operation to run for that operationName, an operation whose root type the
// schema lacks, or variable values that do not coerce (`getVariableValues`).
'use strict';
const fs = require('fs');
const path = require('path');
const [moduleDir, schemaPath, ...probes] = process.argv.slice(2);
const graphql = require(moduleDir);
const { getVariableValues } = require(path.join(moduleDir, 'execution', 'values'));

const schema = graphql.buildSchema(fs.readFileSync(schemaPath, 'utf8'));
const schemaErrors = graphql.validateSchema(schema);
if (schemaErrors.length > 0) {
  console.error('the schema itself is invalid:', schemaErrors.map(String).join('; '));
  process.exit(2);
}

function header(text, key) {
  for (const line of text.split('\n')) {
    const m = line.match(new RegExp('^#\\s*' + key + ':\\s*(.*)$'));
    if (m) return m[1].trim();
  }
  return undefined;
}

function judge(text) {
  const variablesText = header(text, 'variables');
  const variables = variablesText ? JSON.parse(variablesText) : {};
  const operationName = header(text, 'operation');
  let document;
  try {
    document = graphql.parse(text);
  } catch (e) {
    return [e.message];
  }
  const errors = graphql.validate(schema, document);
  if (errors.length > 0) return errors.map((e) => e.message);
  const operation = graphql.getOperationAST(document, operationName);
  if (!operation) return ['no operation to run' + (operationName ? ' named ' + operationName : '')];
  if (!schema.getRootType(operation.operation)) {
    return ['the schema has no ' + operation.operation + ' root type'];
  }
  const coerced = getVariableValues(schema, operation.variableDefinitions || [], variables);
  if (coerced.errors) return coerced.errors.map((e) => e.message);
  return [];
}

for (const file of probes) {
  const errors = judge(fs.readFileSync(file, 'utf8'));
  console.log(JSON.stringify({ probe: path.basename(file), valid: errors.length === 0, errors }));
}
