// Every package `npm ci` installs runs on the Node the project states in package.json "engines" (issue 14,
// part 8): its lowest version and the Node running the tests. A dependency bump that pulls in a package
// wanting a newer Node (npm's EBADENGINE warning) fails here, naming the package.
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';

interface LockedPackage {
  version?: string;
  engines?: Record<string, string> | string[];
}

const root = path.resolve(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockedPackage> };

/** The packages whose `engines.node` does not admit `version`, as `path@version wants range`. */
function refusing(version: string): string[] {
  return Object.entries(lock.packages)
    .filter(([at]) => at !== '')
    .flatMap(([at, pkg]) => {
      const range = Array.isArray(pkg.engines) ? undefined : pkg.engines?.node;
      return range !== undefined && !semver.satisfies(version, range) ? [`${at}@${pkg.version} wants node ${range}`] : [];
    });
}

describe('engines', () => {
  it('states a Node range with a lowest version', () => {
    expect(semver.validRange(manifest.engines.node)).not.toBeNull();
    expect(semver.minVersion(manifest.engines.node)).not.toBeNull();
  });

  it('installs no package that refuses the lowest Node the project states', () => {
    expect(refusing(semver.minVersion(manifest.engines.node)!.version)).toEqual([]);
  });

  it('installs no package that refuses the Node running the tests', () => {
    expect(semver.satisfies(process.version, manifest.engines.node)).toBe(true);
    expect(refusing(process.version)).toEqual([]);
  });
});
