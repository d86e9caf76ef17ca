/**
 * The installed package's root folder, where the bundled data lives (lexicons, models,
 * examples). Found by walking up from this module, so that it is the same whether the code
 * runs compiled (`dist/src/…`) or from source under the tests (`src/…`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === 'tagwatch') return directory;
    }
    const parent = dirname(directory);
    if (parent === directory) throw new Error('tagwatch: cannot find the package root');
    directory = parent;
  }
}

export const PACKAGE_ROOT = findRoot();

export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}
