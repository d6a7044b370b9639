/**
 * Organisations form a tree (city → county → township → community, departments under a county or
 * township). Each organisation carries its materialised path of ids from the root, e.g.
 * `/1/4/17/`, so "is B inside A's jurisdiction" is a prefix test with no query.
 */
export function isWithinOrg(scopePath: string, targetPath: string): boolean {
  return targetPath.startsWith(scopePath);
}

export function orgPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}

/** The path of the parent organisation ('/' above the root). */
export function parentPathOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/', path.length - 2) + 1);
}
