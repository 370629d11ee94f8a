// Builds the widget and the page scripts into dist/ (served by the server under /widget/).
// One classic script per entry (no ES module): a municipality's page loads it with a plain
// <script src>, from any origin, without CORS.
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';

await mkdir('dist', { recursive: true });
const common = {
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2019'],
  legalComments: 'eof',
  loader: { '.css': 'text' },
  logLevel: 'warning',
};
await build({ ...common, entryPoints: ['src/scoran-carte.js'], outfile: 'dist/scoran-carte.js' });
await build({ ...common, entryPoints: ['src/integrer.js'], outfile: 'dist/integrer.js' });
await copyFile('src/pages.css', 'dist/pages.css');
// The build's own stamp: MSBuild compares it with the sources to skip an unneeded rebuild.
await writeFile('dist/.stamp', new Date().toISOString() + '\n');
const size = (await readFile('dist/scoran-carte.js')).length;
console.log(`dist/scoran-carte.js : ${(size / 1024).toFixed(0)} Kio`);
