/** Every object and array reachable from `value` (itself included). */
export function objectsIn(value: unknown, found = new Set<object>()): Set<object> {
  if (value === null || typeof value !== 'object' || found.has(value)) return found;
  found.add(value);
  for (const child of Object.values(value)) objectsIn(child, found);
  return found;
}

/** True when every object reachable from `value` is frozen. */
export const isDeeplyFrozen = (value: unknown): boolean =>
  [...objectsIn(value)].every((object) => Object.isFrozen(object));

/** True when `a` and `b` have no object in common (so changing one can never change the other). */
export function sharesNoObject(a: unknown, b: unknown): boolean {
  const inB = objectsIn(b);
  return [...objectsIn(a)].every((object) => !inB.has(object));
}
