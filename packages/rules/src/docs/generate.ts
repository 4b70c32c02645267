import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedDocFiles, handWrittenDocs } from './files.js';

// `pnpm docs`: writes docs/rules/*, docs/rules/extension.schema.json and docs/rule-set.schema.json from the data,
// and removes generated files of rule sets that no longer exist. docs.test.ts fails when they are stale.

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const files = generatedDocFiles();
const expected = new Set([...files.map((file) => file.path), ...handWrittenDocs]);

for (const file of files) {
  const path = join(root, file.path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, file.content);
}
for (const name of readdirSync(join(root, 'docs', 'rules'))) {
  if (!expected.has(`docs/rules/${name}`)) rmSync(join(root, 'docs', 'rules', name));
}
console.log(`wrote ${files.length} files under ${join(root, 'docs')}`);
