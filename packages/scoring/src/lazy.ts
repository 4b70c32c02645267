// Result fields built on first read. A field that takes real work and that many callers never read (an
// inspection's breakdown, an assessment's area tree, the explanation) is an enumerable own accessor:
// JSON.stringify, spread, structuredClone and devalue (SvelteKit) read it like any field, but its value is built
// only when something reads it, once. Every result shares one getter and setter per field name (a fresh closure
// per object would give each result its own hidden class). What a result needs to build its fields is kept in a
// private field stamped onto the result: no property that Object.keys, Reflect.ownKeys, JSON or a clone could
// see, and no WeakMap (whose entries every young-generation GC would have to walk).

/**
 * Builds a lazy field's value from what the scorer left (called at most once per field and result). It is
 * stamped onto the result as it is (no wrapper to allocate per result) and also keeps the values built, so each
 * result needs its own.
 */
export interface LazyFields {
  build(name: string): unknown;
  /** The values built (or assigned) so far, by field name: made on the first read or assignment. */
  built?: Record<string, unknown> | undefined;
}

/** A constructor that returns the object it is given, so that a subclass can stamp a private field onto it. */
class Stamped {
  constructor(target: object) {
    return target as Stamped;
  }
}

class Lazy extends Stamped {
  #fields: LazyFields;

  constructor(target: object, fields: LazyFields) {
    super(target);
    this.#fields = fields;
  }

  /** The lazy fields of `receiver` (the result, or an object that has it as prototype). */
  static of(receiver: object): LazyFields | undefined {
    for (let at: object | null = receiver; at !== null; at = Object.getPrototypeOf(at) as object | null) {
      if (#fields in at) return (at as Lazy).#fields;
    }
    return undefined;
  }
}

const descriptors = new Map<string, PropertyDescriptor>();

/** The shared accessor of a lazy field: builds on first read, keeps what is assigned. */
export function lazyField(name: string): PropertyDescriptor {
  let descriptor = descriptors.get(name);
  if (descriptor === undefined) {
    descriptor = {
      get(this: object): unknown {
        const fields = Lazy.of(this);
        if (fields === undefined) return undefined;
        const built = (fields.built ??= {});
        return Object.hasOwn(built, name) ? built[name] : (built[name] = fields.build(name));
      },
      set(this: object, value: unknown): void {
        const fields = Lazy.of(this);
        if (fields !== undefined) (fields.built ??= {})[name] = value;
      },
      enumerable: true,
      configurable: true,
    };
    descriptors.set(name, descriptor);
  }
  return descriptor;
}

/** Stamps `fields` onto `result`; the caller then defines the lazy fields with `lazyField(name)`. */
export function stampLazy<T extends object>(result: T, fields: LazyFields): T {
  new Lazy(result, fields);
  return result;
}
