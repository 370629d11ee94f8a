// Builds the widget and the page scripts into dist/ (served by the server under /widget/).
// One classic script per entry (no ES module): a municipality's page loads it with a plain
// <script src>, from any origin, without CORS.
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

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
// The map scripts draw the basemap with protomaps-leaflet, which expects a global `L`: given ours (leaflet-global.js).
const map = { ...common, inject: ['src/leaflet-global.js'] };
await build({ ...map, entryPoints: ['src/scoran-carte.js'], outfile: 'dist/scoran-carte.js' });
await build({ ...common, entryPoints: ['src/integrer.js'], outfile: 'dist/integrer.js' });
// The search box of /lieux: the widget's suggestions (communes, postal codes, addresses) on the plain form.
await build({ ...common, entryPoints: ['src/recherche.js'], outfile: 'dist/recherche.js' });
await build({ ...common, entryPoints: ['src/espace.js'], outfile: 'dist/espace.js' });
await copyFile('src/pages.css', 'dist/pages.css');
await copyFile('src/espace.css', 'dist/espace.css');
// The /couverture page: its script, and its stylesheet with Leaflet's (the page allows no inline style).
await build({ ...common, entryPoints: ['src/couverture.js'], outfile: 'dist/couverture.js' });
await build({ ...common, entryPoints: ['src/couverture.css'], outfile: 'dist/couverture.css', loader: { '.png': 'dataurl', '.svg': 'dataurl' } });
// The place's map of the /espace edit page, loaded by that page only (Leaflet stays out of espace.js).
await build({ ...map, entryPoints: ['src/carte-lieu.js'], outfile: 'dist/espace-carte.js' });
await build({ ...common, entryPoints: ['src/espace-carte.css'], outfile: 'dist/espace-carte.css', loader: { '.png': 'dataurl', '.svg': 'dataurl' } });
// Pre-compressed copies, served by the server to browsers that accept them (rural mobile
// connections: the widget goes from about 210 to about 60 KiB on the wire).
for (const file of ['scoran-carte.js', 'integrer.js', 'recherche.js', 'pages.css', 'espace.js', 'espace.css', 'couverture.js', 'couverture.css', 'espace-carte.js', 'espace-carte.css']) {
  const content = await readFile(`dist/${file}`);
  await writeFile(`dist/${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  await writeFile(`dist/${file}.gz`, gzipSync(content, { level: 9 }));
}
// The build's own stamp: MSBuild compares it with the sources to skip an unneeded rebuild.
await writeFile('dist/.stamp', new Date().toISOString() + '\n');
const size = (await readFile('dist/scoran-carte.js')).length;
const br = (await readFile('dist/scoran-carte.js.br')).length;
console.log(`dist/scoran-carte.js : ${(size / 1024).toFixed(0)} Kio (${(br / 1024).toFixed(0)} Kio en brotli)`);
