import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The paths in the first column of README.md's "Layout" table: `router/`, `packages/kit`, … */
function layoutRows(): { paths: string[]; holds: string }[] {
  const section = readme.split(/^## /m).find((part) => part.startsWith('Layout\n'));
  if (section === undefined) throw new Error('README.md has no "## Layout" section');
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [path = '', holds = ''] = line.split(' | ').map((cell) => cell.replace(/^\| /, ''));
      return { paths: [...path.matchAll(/`([^`]+)`/g)].map((match) => match[1]!), holds };
    });
}

/** Folders git tracks files in, one level below `under` ('' for the top level). */
function trackedFolders(under: string): string[] {
  const files = execFileSync('git', ['ls-files', '-z', '--', under || '.'], { cwd: root, encoding: 'utf8' }).split('\0');
  const depth = under ? under.split('/').length : 0;
  const folders = files.map((file) => file.split('/')).filter((parts) => parts.length > depth + 1);
  return [...new Set(folders.map((parts) => parts[depth]!))].filter((name) => !name.startsWith('.') && name !== 'node_modules').sort();
}

describe("README.md's layout table", () => {
  const rows = layoutRows();
  const paths = rows.flatMap((row) => row.paths);

  it('has a row for every top-level folder git tracks', () => {
    const missing = trackedFolders('').filter((folder) => !paths.some((path) => path.startsWith(`${folder}/`)));
    expect(missing).toEqual([]);
  });

  it('names every folder of infra/, in a row of its own or in the infra/ row', () => {
    const infraRow = rows.find((row) => row.paths.includes('infra/'));
    expect(infraRow, 'a row for `infra/`').toBeDefined();
    const named = (folder: string) =>
      paths.some((path) => path.startsWith(`infra/${folder}/`)) || infraRow!.holds.includes(`\`${folder}/\``);
    expect(trackedFolders('infra').filter((folder) => !named(folder))).toEqual([]);
  });
});
