// nest-cli.json is the build (`npm run build` is `nest build --all`): one project per app and library, each
// compiled by tsc from a tsconfig extending tsconfig.build.json into the one dist/ tree that package.json
// "imports" and the scripts point at. These tests keep the three in step: no source left out of every
// project, no project writing elsewhere, every entry point built where it is run from.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { distEntry, ROOT } from './processes';

interface Project {
  type: 'application' | 'library';
  root: string;
  sourceRoot: string;
  entryFile: string;
  compilerOptions: { tsConfigPath: string };
}

const read = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
const cli = read('nest-cli.json') as {
  monorepo: boolean;
  root: string;
  compilerOptions: { builder: string; tsConfigPath: string };
  projects: Record<string, Project>;
};
const manifest = read('package.json') as { scripts: Record<string, string>; imports: Record<string, { source: string; default: string }> };
const projects = Object.entries(cli.projects);

function parsed(tsconfig: string): ts.ParsedCommandLine {
  const unrecoverable = (d: ts.Diagnostic) => {
    throw new Error(`${tsconfig}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  };
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, tsconfig), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: unrecoverable });
  if (!config || config.errors.length > 0) throw new Error(`${tsconfig} does not parse`);
  return config;
}

/** What shapes the emitted JavaScript: a project may narrow what it type-checks against (`types`), not these. */
const EMIT_OPTIONS = [
  'target',
  'module',
  'moduleResolution',
  'customConditions',
  'experimentalDecorators',
  'emitDecoratorMetadata',
  'esModuleInterop',
  'sourceMap',
  'declaration',
  'incremental',
  'outDir',
  'rootDir',
] as const;

const relative = (file: string) => path.relative(ROOT, file);
const subdirectories = (dir: string) =>
  fs
    .readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => `${dir}/${e.name}`);

describe('nest-cli.json', () => {
  it('is a monorepo built by tsc, project by project, by `npm run build`', () => {
    expect(cli.monorepo).toBe(true);
    expect(cli.compilerOptions.builder).toBe('tsc');
    expect(manifest.scripts.build).toBe('nest build --all');
    expect(cli.projects[Object.keys(cli.projects)[0]!]!.root).toBe(cli.root);
    expect(cli.compilerOptions.tsConfigPath).toBe(cli.projects.api!.compilerOptions.tsConfigPath);
  });

  it('has a project for every app (the web console is built by Vite) and every library', () => {
    const roots = projects.map(([, p]) => p.root).sort();
    expect(roots).toEqual([...subdirectories('apps').filter((d) => d !== 'apps/web'), ...subdirectories('libs')].sort());
    for (const [name, p] of projects) {
      expect([name, p.type]).toEqual([name, p.root.startsWith('apps/') ? 'application' : 'library']);
      expect(p.root).toBe(`${p.root.split('/')[0]}/${name}`);
      expect(p.sourceRoot).toBe(`${p.root}/src`);
      expect(fs.existsSync(path.join(ROOT, p.sourceRoot, `${p.entryFile}.ts`))).toBe(true);
      expect(p.compilerOptions.tsConfigPath).toBe(`${p.root}/tsconfig.${p.type === 'application' ? 'app' : 'lib'}.json`);
    }
  });

  it('compiles each project with the build settings into the one dist/ tree, each with its own incremental state', () => {
    const base = parsed('tsconfig.build.json').options;
    const emitted = (o: ts.CompilerOptions) => EMIT_OPTIONS.map((key) => [key, o[key]]);
    const buildInfos = new Set<string>();
    for (const [, p] of projects) {
      expect((read(p.compilerOptions.tsConfigPath) as { extends: string }).extends).toBe('../../tsconfig.build.json');
      const { options } = parsed(p.compilerOptions.tsConfigPath);
      expect(emitted(options)).toEqual(emitted(base));
      expect(relative(options.outDir!)).toBe('dist');
      expect(relative(options.rootDir!)).toBe('');
      expect(relative(options.tsBuildInfoFile!)).toBe(`dist/${p.root}/.tsbuildinfo`);
      buildInfos.add(options.tsBuildInfoFile!);
    }
    expect(buildInfos.size).toBe(projects.length);
  });

  it('leaves no source that tsconfig.build.json covers out of every project', () => {
    const covered = new Set(projects.flatMap(([, p]) => parsed(p.compilerOptions.tsConfigPath).fileNames.map(relative)));
    const all = parsed('tsconfig.build.json').fileNames.map(relative);
    expect(all.filter((file) => !covered.has(file))).toEqual([]);
    expect([...covered].filter((file) => !all.includes(file))).toEqual([]);
  });

  it('builds each entry point where the scripts and package.json "imports" run it from', () => {
    const built = (p: Project) => path.join(ROOT, 'dist', p.sourceRoot, `${p.entryFile}.js`);
    expect(built(cli.projects.api!)).toBe(distEntry('api'));
    expect(built(cli.projects.worker!)).toBe(distEntry('worker'));
    for (const [name, p] of projects.filter(([, p]) => p.type === 'library')) {
      expect([name, manifest.imports[`#${name}`]]).toEqual([
        name,
        { source: `./${p.sourceRoot}/${p.entryFile}.ts`, default: `./dist/${p.sourceRoot}/${p.entryFile}.js` },
      ]);
    }
  });
});
